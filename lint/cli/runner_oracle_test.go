package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sethvargo/go-githubactions"
)

// The fake runner's own tests: its parsers agree with the runner (§8.2,
// §8.3), so the end-to-end cases can trust them.

func TestCommandOracle(t *testing.T) {
	cases := []struct {
		id, stream string
		want       []command
	}{
		{"P1", "::warning k1=v1,::msg\n", []command{{Name: "warning", Props: map[string]string{"k1": "v1"}, Data: "msg"}}},
		{"P2", "   ::warning::indented\n\t::notice title=x::tab\n", []command{{Name: "warning", Props: map[string]string{}, Data: "indented"},
			{Name: "notice", Props: map[string]string{"title": "x"}, Data: "tab"}}},
		{"P3", "   >>>   ::warning::x\nladderlint: ::error::mid-line\n", nil},
		{"P4", ">>>   ##[warning]x\nladderlint: x.md:3: \"##[add-mask]Engineer\"\n", []command{{Name: "warning", Props: map[string]string{}, Data: "x", Legacy: true},
			{Name: "add-mask", Props: map[string]string{}, Data: `Engineer"`, Legacy: true}}},
		{"P5", "::warning k1=;=%2C=%0D=%0A=]=%3A,::;-%0D-%0A-]-:-,\n", []command{{Name: "warning", Props: map[string]string{"k1": ";=,=\r=\n=]=:"}, Data: ";-\r-\n-]-:-,"}}},
		{"P6", "::warning k1=,k2=,::\n", []command{{Name: "warning", Props: map[string]string{}, Data: ""}}},
		{"P7", "prefix\r::error::after CR\n", []command{{Name: "error", Props: map[string]string{}, Data: "after CR"}}},
		{"P8", "::error file=a.md, line=3::x\n", []command{{Name: "error", Props: map[string]string{"file": "a.md", " line": "3"}, Data: "x"}}},
		{"P9", "::ERROR file=a.md::upper\n", []command{{Name: "error", Props: map[string]string{"file": "a.md"}, Data: "upper"}}},
		{"P10", "::error title=Rule::Gap::msg\n", []command{{Name: "error", Props: map[string]string{"title": "Rule"}, Data: "Gap::msg"}}},
		{"P11", "::unknown::x\n", nil},
		{"P12", "::error title=::t\n", []command{{Name: "error", Props: map[string]string{}, Data: "t"}}},
		{"P13", "::stop-commands::tok\n::error::hidden\n::tok::\n::error::shown\n", []command{{Name: "stop-commands", Props: map[string]string{}, Data: "tok"},
			{Name: "error", Props: map[string]string{}, Data: "shown"}}},
	}
	for _, c := range cases {
		got := parseCommands([]byte(c.stream), func(string, ...any) {}) // P-cases are hostile on purpose
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q\n got %#v\nwant %#v", c.id, c.stream, got, c.want)
		}
	}
}

func TestEnvFileOracle(t *testing.T) {
	const D = "_GitHubActionsFileCommandDelimeter_"
	cases := []struct {
		id, in string
		want   map[string]string
		err    string
	}{
		{"F1", "findings<<" + D + "\n3\n" + D + "\nreport<<" + D + "\nline1\nline2\n" + D + "\n", map[string]string{"findings": "3", "report": "line1\nline2"}, ""},
		{"F2", "empty<<" + D + "\n\n" + D + "\n", map[string]string{"empty": ""}, ""},
		{"F3", "a=1\nb=2=3\n\nc<<EOF\nx=y\nEOF\n", map[string]string{"a": "1", "b": "2=3", "c": "x=y"}, ""},
		{"F4", "crlf<<" + D + "\na\r\nb\n" + D + "\n", map[string]string{"crlf": "a\r\nb"}, ""},
		{"F5", "k<<EOF \nv\nEOF \n", map[string]string{"k": "v"}, ""},
		{"F6", "c<<EOF\nx", map[string]string{}, "Invalid value. EOF marker missing new line."},
		{"F7", "c<<EOF\nx\nEOF", map[string]string{"c": "x"}, ""},
		{"F8", "summary<<" + D + "\nx\n" + D + "\nINJECTED=pwned\n" + D + "\n", map[string]string{"summary": "x", "INJECTED": "pwned"}, "Invalid format '" + D + "'"},
	}
	for _, c := range cases {
		got, err := parseEnvFile([]byte(c.in))
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if !reflect.DeepEqual(got, c.want) || errText != c.err {
			t.Errorf("%s: got %v, %q; want %v, %q", c.id, got, errText, c.want, c.err)
		}
	}
}

// TestGoGitHubActionsFiles documents what go-githubactions writes (G1, G4)
// and that ladderlint survives unset file variables (G3).
func TestGoGitHubActionsFiles(t *testing.T) {
	const D = "_GitHubActionsFileCommandDelimeter_"
	out := filepath.Join(t.TempDir(), "set_output")
	if err := os.WriteFile(out, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == "GITHUB_OUTPUT" {
			return out
		}
		return ""
	}
	a := githubactions.New(githubactions.WithWriter(&strings.Builder{}), githubactions.WithGetenv(env))
	a.SetOutput("errors", "3")
	b, _ := os.ReadFile(out)
	if string(b) != "errors<<"+D+"\n3\n"+D+"\n" {
		t.Errorf("G1: %q", b)
	}
	a.SetOutput("x", "a\n"+D+"\nINJECTED=1\nZ<<"+D)
	b, _ = os.ReadFile(out)
	got, err := parseEnvFile(b)
	if err != nil || got["INJECTED"] != "1" || got["x"] != "a" {
		t.Errorf("G4: the fixed delimiter no longer lets text inject outputs (%v, %v): revisit the integers-only rule", got, err)
	}

	// G3: GITHUB_ACTIONS=true but no file variables: no panic, exit from the findings.
	dir, _ := filepath.Abs("../../testdata/action/error")
	var stdout, stderr strings.Builder
	code := Main([]string{dir}, &stdout, &stderr, func(k string) string {
		if k == "GITHUB_ACTIONS" {
			return "true"
		}
		return ""
	})
	if code != ExitFindings || strings.Contains(stderr.String(), "panic") || strings.Contains(stdout.String(), "internal error") {
		t.Errorf("G3: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

package cli

import (
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut strings.Builder
	code = Main(args, &out, &errOut, func(string) string { return "" })
	return out.String(), errOut.String(), code
}

// TestHelp: `help`, `-h` and `help SUBCOMMAND` print on stdout with exit 0
// (they used to lint files named help, or print on stderr), and list the
// flags that apply to that subcommand only.
func TestHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"help", "lint"}} {
		out, errOut, code := runMain(t, args...)
		if code != ExitClean || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
		}
		for _, want := range []string{"ladderlint rules [RULE]", "ladderlint help [SUBCOMMAND]", "ladderlint diff", "-changed-since", "-format"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: stdout lacks %q:\n%s", args, want, out)
			}
		}
		if strings.Contains(out, "\n  -verify") {
			t.Errorf("%q: -verify is listed among the lint flags:\n%s", args, out)
		}
	}
	for _, tc := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"help", "config"}, []string{"ladderlint config", "-verify", "-config"}, []string{"-format", "-changed-since"}},
		{[]string{"config", "-h"}, []string{"-verify"}, []string{"-no-snippets"}},
		{[]string{"extract", "-h"}, []string{"ladderlint extract", "-config"}, []string{"\n  -verify", "-no-snippets"}},
		{[]string{"help", "rules"}, []string{"ladderlint rules [RULE]"}, []string{"-config"}},
		{[]string{"help", "diff"}, []string{"ladderlint diff", "-color"}, []string{"\n  -verify"}},
		{[]string{"diff", "-h"}, []string{"ladderlint diff", "-color"}, nil},
		{[]string{"help", "init"}, []string{"-force", "-dry-run"}, nil},
	} {
		out, errOut, code := runMain(t, tc.args...)
		if code != ExitClean || errOut != "" {
			t.Errorf("%q: exit %d, stderr %q", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: stdout lacks %q:\n%s", tc.args, w, out)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(out, n) {
				t.Errorf("%q: stdout lists %q:\n%s", tc.args, n, out)
			}
		}
	}
	_, errOut, code := runMain(t, "help", "extrct")
	if code != ExitUsage || !strings.Contains(errOut, `no subcommand "extrct" (did you mean "extract"?)`) {
		t.Errorf("help extrct: exit %d, %q", code, errOut)
	}
}

// TestRulesOne: `rules RULE` prints that rule only; an unknown one gets a
// "did you mean".
func TestRulesOne(t *testing.T) {
	out, _, code := runMain(t, "rules", "level-gap")
	if code != ExitClean || !strings.HasPrefix(out, "level-gap (default: error)") || strings.Contains(out, "duplicate-level") {
		t.Errorf("rules level-gap: exit %d\n%s", code, out)
	}
	_, errOut, code := runMain(t, "rules", "level-gaps")
	if code != ExitUsage || !strings.Contains(errOut, `unknown rule "level-gaps" (did you mean "level-gap"?)`) {
		t.Errorf("rules level-gaps: exit %d, %q", code, errOut)
	}
	out, _, _ = runMain(t, "rules")
	if strings.Count(out, "(default: ") < 12 {
		t.Errorf("rules: not every rule listed:\n%s", out)
	}
}

// TestFlagMistakes: a flag of another subcommand is refused with where it
// belongs; a mistyped flag gets a "did you mean"; an unknown rule in the
// configuration too.
func TestFlagMistakes(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "a.md", "# A\n")
	_, errOut, code := runMain(t, "-verify", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, "-verify applies to `ladderlint config` only") || !strings.Contains(errOut, "ladderlint help lint") {
		t.Errorf("-verify on lint: exit %d, %q", code, errOut)
	}
	_, errOut, code = runMain(t, "-formt", "json", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, "did you mean -format?") {
		t.Errorf("-formt: exit %d, %q", code, errOut)
	}
	writeFile(t, ".ladderlint.yml", "rules:\n  placeholders: off\n")
	_, errOut, code = runMain(t, "a.md")
	if code != ExitUsage || !strings.Contains(errOut, `.ladderlint.yml:2: unknown rule "placeholders" (did you mean "placeholder"?)`) {
		t.Errorf("unknown rule: exit %d, %q", code, errOut)
	}
}

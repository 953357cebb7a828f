package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The end-to-end cases of the contract (§8.4), under the fake runner.
// action.yml's names differ from the contract's illustrative ones: the
// input is fail-level (the CLI flag), the outputs errors/warnings/ladders/files.

const engineering = "handbook/ladders/engineering.md"

// TestE1Clean: clean ladders pass with zero counts and a summary.
func TestE1Clean(t *testing.T) {
	r := run(t, step{fixture: "clean"})
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	if a := r.annotations("error"); len(a) != 0 {
		t.Errorf("error annotations: %v", a)
	}
	if a := r.annotations("warning"); len(a) != 0 {
		t.Errorf("warning annotations: %v", a)
	}
	want := map[string]string{"errors": "0", "warnings": "0", "ladders": "1", "files": "1"}
	if !reflect.DeepEqual(r.outputs, want) {
		t.Errorf("outputs = %v, want %v", r.outputs, want)
	}
	if len(r.summary) == 0 || !strings.Contains(string(r.summary), "No findings.") {
		t.Errorf("summary:\n%s", r.summary)
	}
}

// TestE2OneError: one annotation with exactly the finding's place and rule;
// files are relative to GITHUB_WORKSPACE although the event is a
// pull_request and the workspace has no .git (E14).
func TestE2OneError(t *testing.T) {
	r := run(t, step{fixture: "error"})
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	errs := r.annotations("error")
	if len(errs) != 1 {
		t.Fatalf("error annotations = %v, want 1", errs)
	}
	want := map[string]string{"file": engineering, "line": "7", "col": "3", "endColumn": "5",
		"title": "ladderlint level-gap: a rank is missing inside a track"}
	got := errs[0].Props
	if got["file"] != want["file"] || got["line"] != want["line"] || got["col"] != want["col"] || got["endcolumn"] != want["endColumn"] {
		t.Errorf("props = %v, want %v", got, want)
	}
	if !strings.HasPrefix(got["title"], "ladderlint level-gap") {
		t.Errorf("title = %q, want it to name level-gap", got["title"])
	}
	if errs[0].Data != `level "IC3" is missing between "IC2" and "IC4"` {
		t.Errorf("message = %q", errs[0].Data)
	}
	if r.outputs["errors"] != "1" || r.outputs["warnings"] != "0" {
		t.Errorf("outputs = %v", r.outputs)
	}
	if s := string(r.summary); !strings.Contains(s, "https://github.com/octo/handbook/blob/3333333333333333333333333333333333333333/handbook/ladders/engineering.md?plain=1#L7") {
		t.Errorf("summary has no link to the finding:\n%s", s)
	}
}

// TestE3FailLevel: warnings fail only at fail-level warning.
func TestE3FailLevel(t *testing.T) {
	for level, code := range map[string]int{"error": 0, "warning": 1, "never": 0, "": 0} {
		t.Run("fail-level="+level, func(t *testing.T) {
			r := run(t, step{fixture: "warnings", with: map[string]string{"fail-level": level}})
			if r.code != code {
				t.Errorf("exit %d, want %d", r.code, code)
			}
			if len(r.annotations("warning")) != 1 || r.outputs["warnings"] != "1" {
				t.Errorf("warnings: %v, outputs %v", r.annotations("warning"), r.outputs)
			}
		})
	}
}

// TestE4BadInput: a bad input value fails with exit 2 and one error
// annotation without a file that names the input.
func TestE4BadInput(t *testing.T) {
	cases := map[string]string{"fail-level": "bogus", "config": "no-such-config.yml", "paths": "no/such/folder"}
	for input, value := range cases {
		t.Run(input, func(t *testing.T) {
			r := run(t, step{fixture: "error", with: map[string]string{input: value}})
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			errs := r.annotations("")
			if len(errs) != 1 || errs[0].Name != "error" {
				t.Fatalf("annotations = %v, want one error", errs)
			}
			if _, ok := errs[0].Props["file"]; ok {
				t.Errorf("the input error has a file: %v", errs[0].Props)
			}
			if !strings.Contains(errs[0].Data, fmt.Sprintf("input %q", input)) {
				t.Errorf("message %q does not name the input", errs[0].Data)
			}
		})
	}
}

// TestE5EmptyInputs: declared inputs present but empty use the built-in
// defaults (the runner passes "" when there is no with: and no default).
func TestE5EmptyInputs(t *testing.T) {
	empty := map[string]string{}
	for name := range readActionMeta(t).Inputs {
		empty[name] = ""
	}
	r := run(t, step{fixture: "error", with: empty})
	if r.code != 1 || len(r.annotations("error")) != 1 || r.outputs["errors"] != "1" {
		t.Errorf("exit %d, annotations %v, outputs %v; want the E2 result", r.code, r.annotations(""), r.outputs)
	}
}

// hostileLadder has cells that try every injection of §2.6.
const hostileLadder = "# Engineering ladder\n\n" +
	"| Level | Proficiency | Delivery | Teamwork |\n" +
	"|---|---|---|---|\n" +
	"| IC1 | Learns the codebase | Ships small fixes | Asks for help early |\n" +
	"| IC2 | Solves problems alone | Ships features | Reviews changes |\n" +
	"| IC2 | x\r::add-mask::Engineer | ##[add-mask]Engineer | ::stop-commands::pwned |\n" +
	"| IC3 | ::set-output name=errors::0 | %0A::error::fake | TBD \u202e\u200b::error::bidi |\n" +
	"| IC5 | \ufeff::warning::bom | ##[stop-commands]x | TBD |\n"

// TestE6Injection: handbook text never becomes a workflow command; the
// oracle in run checks each line in strict and conservative mode.
func TestE6Injection(t *testing.T) {
	r := run(t, step{files: map[string]string{engineering: hostileLadder}, with: map[string]string{"fail-level": "never"}})
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	var findings int
	for _, c := range r.commands {
		switch c.Name {
		case "error", "warning", "notice":
			if c.Props["title"] != "ladderlint: more findings" {
				findings++
			}
			if c.Legacy {
				t.Errorf("legacy command %v", c)
			}
		case "group", "endgroup":
			if c.Name == "group" && c.Data != "ladderlint findings" {
				t.Errorf("group title %q", c.Data)
			}
		default:
			t.Errorf("unexpected command %q: %v", c.Name, c)
		}
	}
	want := countFindings(t, hostileLadder)
	if findings != want {
		t.Errorf("%d annotation commands, want %d (one per finding)", findings, want)
	}
	if !slices.Equal(sortedKeys(r.outputs), []string{"errors", "files", "ladders", "warnings"}) {
		t.Errorf("outputs = %v", r.outputs)
	}
	for _, c := range r.annotations("") {
		if strings.ContainsAny(c.Data, "\r\u202e\u200b\ufeff") {
			t.Errorf("N4: message %q has a raw control or format character", c.Data)
		}
		if strings.Contains(c.Data, "%0A::error") && !strings.Contains(c.Data, "%0A::error::fake") {
			t.Errorf("literal %%0A changed: %q", c.Data)
		}
	}
	for _, l := range runnerLines(r.stdout) {
		if !strings.HasPrefix(l, "::") && !strings.HasPrefix(l, "ladderlint: ") {
			t.Errorf("plain line without the prefix: %q", l)
		}
	}
}

// countFindings runs the in-process CLI in JSON mode to know how many
// findings a page has.
func countFindings(t *testing.T, page string) int {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "page.md")
	if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	Main([]string{"-format", "json", p}, &out, &errOut, func(string) string { return "" })
	var res struct{ Findings []json.RawMessage }
	if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
		t.Fatalf("%v: %s %s", err, out.String(), errOut.String())
	}
	return len(res.Findings)
}

// TestE7HostileFileNames: file names with LF, ":" and "," reach the
// annotations intact as decoded properties and nowhere else.
func TestE7HostileFileNames(t *testing.T) {
	page := "# Ladder\n\n| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | Learns the product | Ships small fixes |\n| IC2 | Solves problems alone | Ships features |\n| IC3 | Designs components | TBD |\n"
	names := []string{"handbook/evil\n::error::fake.md", "handbook/a,b:c.md", "handbook/::error::x.md"}
	files := map[string]string{}
	for _, n := range names {
		files[n] = page
	}
	r := run(t, step{files: files})
	var got []string
	for _, c := range r.annotations("") {
		if c.Props["file"] != "" {
			got = append(got, c.Props["file"])
		}
	}
	slices.Sort(got)
	want := slices.Clone(names)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("annotated files = %q, want %q", got, want)
	}
	for _, c := range r.commands {
		if c.Name != "warning" && c.Name != "group" && c.Name != "endgroup" {
			t.Errorf("extra command %v", c)
		}
	}
	for _, l := range runnerLines(r.stdout) {
		if !strings.HasPrefix(l, "::") && !strings.HasPrefix(l, "ladderlint: ") {
			t.Errorf("plain line without the prefix: %q", l)
		}
	}
}

// TestE8Overflow: 25 errors give 10 error annotations, one overflow notice,
// and all 25 in the summary.
func TestE8Overflow(t *testing.T) {
	files := map[string]string{}
	for i := range 25 {
		files[fmt.Sprintf("handbook/ladders/l%02d.md", i)] = gapLadder("Ships projects")
	}
	r := run(t, step{files: files})
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	var errs, notices []command
	for _, c := range r.commands {
		switch c.Name {
		case "error":
			errs = append(errs, c)
		case "notice":
			notices = append(notices, c)
		}
	}
	if len(errs) != 10 || len(notices) != 1 {
		t.Fatalf("%d errors, %d notices; want 10 and 1", len(errs), len(notices))
	}
	if n := notices[0].Data; !strings.Contains(n, "15 more findings") || !strings.Contains(n, "job summary") {
		t.Errorf("overflow notice = %q", n)
	}
	if n := strings.Count(string(r.summary), "| 🛑 error |"); n != 25 {
		t.Errorf("summary lists %d errors, want 25", n)
	}
	if r.outputs["errors"] != "25" {
		t.Errorf("outputs = %v", r.outputs)
	}
}

// TestE11HookMode: without the runner (pre-commit, local), files as
// arguments: no command can start, no environment file is written (run
// checks both), exit 1 for failing findings.
func TestE11HookMode(t *testing.T) {
	page := gapLadder("##[add-mask]x ::error::y")
	r := run(t, step{hook: true, files: map[string]string{"::error::x.md": page, "handbook/ok.md": gapLadder("Ships projects")},
		args: []string{"::error::x.md", "handbook/ok.md"}})
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if len(r.commands) != 0 {
		t.Errorf("commands in hook mode: %v", r.commands)
	}
	r = run(t, step{hook: true, files: map[string]string{"clean.md": gapLadder("Ships projects")}, args: []string{"-fail-level", "never", "clean.md"}})
	if r.code != 0 {
		t.Errorf("fail-level never: exit %d, want 0", r.code)
	}
}

// TestE11LeadingUnicodeSpace: a file name starting with U+3000 (which the
// runner's TrimStart removes) must not start a command in text mode.
func TestE11LeadingUnicodeSpace(t *testing.T) {
	page := gapLadder("Ships projects")
	r := run(t, step{hook: true, files: map[string]string{"\u3000::warning::y.md": page}, args: []string{"\u3000::warning::y.md"}})
	if len(r.commands) != 0 {
		t.Errorf("commands in hook mode: %v", r.commands)
	}
}

// TestE12Partition: the findings for {A, B} are those for {A} and {B}.
func TestE12Partition(t *testing.T) {
	a := gapLadder("Ships whole projects")
	b := "# B\n\n| Level | Proficiency | Delivery |\n|---|---|---|\n| M3 | Leads a small team | Ships with the team |\n| M4 | Leads several teams | Plans the roadmap |\n| M4 | Plans the quarter | Ships across teams |\n"
	files := map[string]string{"a.md": a, "b.md": b}
	findings := func(args ...string) []string {
		r := run(t, step{hook: true, files: files, args: append([]string{"-format", "json"}, args...)})
		var res struct{ Findings []map[string]any }
		if err := json.Unmarshal(r.stdout, &res); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range res.Findings {
			out = append(out, fmt.Sprint(f))
		}
		return out
	}
	both := findings("a.md", "b.md")
	sep := append(findings("a.md"), findings("b.md")...)
	slices.Sort(both)
	slices.Sort(sep)
	if len(both) == 0 || !slices.Equal(both, sep) {
		t.Errorf("run{A,B} = %v\nrun{A} ∪ run{B} = %v", both, sep)
	}
}

// TestE13LongCell: a 10,000-character cell gives messages ≤ 4096 bytes and
// titles ≤ 255 characters.
func TestE13LongCell(t *testing.T) {
	long := strings.Repeat("Ships features with little help and ", 280)
	page := "# Ladder\n\n| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | " + long + " | " + long + " |\n| IC2 | TBD " + long + " | |\n"
	r := run(t, step{files: map[string]string{engineering: page}})
	if len(r.annotations("")) == 0 {
		t.Fatal("no annotations")
	}
	for _, c := range r.commands {
		if len(c.Data) > 4096 || utf8.RuneCountInString(c.Props["title"]) > 255 {
			t.Errorf("%s: message %d bytes, title %d characters", c.Name, len(c.Data), utf8.RuneCountInString(c.Props["title"]))
		}
	}
}

// gapLadder is a ladder whose IC4 row (with cell in Delivery) follows IC2:
// one level-gap error on line 7.
func gapLadder(cell string) string {
	return "# Ladder\n\n| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | Learns the product | Ships small fixes |\n" +
		"| IC2 | Solves problems alone | Ships features |\n| IC4 | Designs systems | " + cell + " |\n"
}

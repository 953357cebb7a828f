package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sethvargo/go-githubactions"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

func newAction(buf *bytes.Buffer) *githubactions.Action {
	return githubactions.New(githubactions.WithWriter(buf), githubactions.WithGetenv(func(string) string { return "" }))
}

// TestEmitterLines pins the exact lines of contract §8.1 (go-githubactions
// with WithWriter), so an upgrade that changes escaping is caught.
func TestEmitterLines(t *testing.T) {
	cases := []struct {
		id     string
		emit   func(a *githubactions.Action)
		expect string
	}{
		{"U1", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/engineering.md", "line": "12", "col": "3", "endColumn": "9", "title": "LL001 missing level"}).
				Errorf("%s", "Level L4 is missing between L3 and L5")
		}, "::error col=3,endColumn=9,file=handbook/ladders/engineering.md,line=12,title=LL001 missing level::Level L4 is missing between L3 and L5"},
		{"U2", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/engineering.md", "line": "7"}).Errorf("%s", "Cell \"100% Staff\r\n::add-mask::Staff\" is not a known level")
		}, `::error file=handbook/ladders/engineering.md,line=7::Cell "100%25 Staff%0D%0A::add-mask::Staff" is not a known level`},
		{"U3", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/design.md", "line": "3", "title": "LL002: bad cell, row 3"}).Warningf("%s", "Unknown level")
		}, "::warning file=handbook/ladders/design.md,line=3,title=LL002%3A bad cell%2C row 3::Unknown level"},
		{"U4", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/a,b:c\nd.md", "line": "1"}).Errorf("%s", "x")
		}, "::error file=handbook/a%2Cb%3Ac%0Ad.md,line=1::x"},
		{"U5", func(a *githubactions.Action) { a.Warningf("%s", "No ladder tables found under handbook/") }, "::warning::No ladder tables found under handbook/"},
		{"U8", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/eng.md", "line": "5", "title": "A::B"}).Errorf("%s", "m")
		}, "::error file=handbook/ladders/eng.md,line=5,title=A%3A%3AB::m"},
		{"U9", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/eng.md", "line": "5"}).Errorf("%s", "cell ##[add-mask]Engineer and ::stop-commands::pwn")
		}, "::error file=handbook/ladders/eng.md,line=5::cell ##[add-mask]Engineer and ::stop-commands::pwn"},
		{"U10", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/evil\n::error::fake.md", "line": "1"}).Errorf("%s", "msg")
		}, "::error file=handbook/evil%0A%3A%3Aerror%3A%3Afake.md,line=1::msg"},
		{"U11", func(a *githubactions.Action) {
			a.WithFieldsMap(map[string]string{"file": "handbook/ladders/eng.md", "line": "4"}).Errorf("%s", "50%")
		}, "::error file=handbook/ladders/eng.md,line=4::50%25"},
		{"U12", func(a *githubactions.Action) { a.Group("handbook/ladders/eng.md"); a.EndGroup() }, "::group::handbook/ladders/eng.md\n::endgroup::"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		c.emit(newAction(&buf))
		if got := buf.String(); got != c.expect+"\n" {
			t.Errorf("%s:\n got %q\nwant %q", c.id, got, c.expect+"\n")
		}
	}
}

func newFinding(rule string, sev finding.Severity, file string, line, col, endLine, endCol int, msg string) finding.Finding {
	return finding.Finding{Rule: rule, Severity: sev, File: file, Message: msg,
		Range: source.Range{Start: source.Pos{Line: line, Column: col}, End: source.Pos{Line: endLine, Column: endCol}}}
}

// TestAnnotationLines pins ladderlint's own lines: positions (U1, U6, U15),
// the title, N4 (U13) and the length bounds (U14).
func TestAnnotationLines(t *testing.T) {
	title := "ladderlint level-gap%3A " + strings.NewReplacer(":", "%3A", ",", "%2C").Replace(check.Catalogue().Lookup("level-gap").Summary)
	cases := []struct {
		name   string
		f      finding.Finding
		expect string
	}{
		{"one line: col and inclusive endColumn", newFinding("level-gap", finding.Error, "handbook/ladders/engineering.md", 12, 3, 12, 10, "level \"L4\" is missing"),
			"::error col=3,endColumn=9,file=handbook/ladders/engineering.md,line=12,title=" + title + "::level \"L4\" is missing"},
		{"several lines: endLine, no columns (U6)", newFinding("level-gap", finding.Error, "handbook/ladders/eng.md", 10, 1, 14, 2, "Table spans rows 10-14"),
			"::error endLine=14,file=handbook/ladders/eng.md,line=10,title=" + title + "::Table spans rows 10-14"},
		{"empty range: no endColumn, no col=0 (U15)", newFinding("level-gap", finding.Error, "a.md", 5, 0, 5, 0, "m"),
			"::error file=a.md,line=5,title=" + title + "::m"},
		{"N4 (U13)", newFinding("level-gap", finding.Error, "a.md", 2, 1, 2, 1, "a\u202eb\x00c\u200bd"),
			`::error col=1,file=a.md,line=2,title=` + title + `::a\u{202E}b\u{0000}c\u{200B}d`},
		{"absolute path inside the workspace", newFinding("level-gap", finding.Warning, "/github/workspace/handbook/x.md", 1, 1, 1, 3, "m"),
			"::warning col=1,endColumn=2,file=handbook/x.md,line=1,title=" + title + "::m"},
		{"note is a notice", newFinding("level-gap", finding.Info, "./x.md", 1, 1, 1, 1, "100% ##[x] ::y::"),
			"::notice col=1,file=x.md,line=1,title=" + title + "::100%25 ##[x] ::y::"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		GitHubAnnotations(newAction(&buf), &Run{Findings: []finding.Finding{c.f}, Rules: check.Catalogue()}, AnnotationOptions{Workspace: "/github/workspace", SeeAlso: "the job summary"})
		if got := buf.String(); got != c.expect+"\n" {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.expect+"\n")
		}
	}

	// U14: long messages and titles are cut.
	if m := AnnotationMessage(strings.Repeat("é", 10000)); len(m) > 4096 || !utf8.ValidString(m) || !strings.HasSuffix(m, "…") {
		t.Errorf("message of %d bytes", len(m))
	}
	if tt := AnnotationTitle(strings.Repeat("x", 1000), nil); utf8.RuneCountInString(tt) > GitHubTitleLimit {
		t.Errorf("title of %d characters", utf8.RuneCountInString(tt))
	}
}

func manyFindings(n int, sev finding.Severity) []finding.Finding {
	var fs []finding.Finding
	for i := range n {
		fs = append(fs, newFinding("empty-cell", sev, fmt.Sprintf("handbook/l%05d.md", i), i+1, 3, i+1, 9,
			fmt.Sprintf("\"Delivery\" is empty for level \"IC%d\" | with a pipe\nand a newline", i)))
	}
	return fs
}

// TestAnnotationCap: at most 10 per type, errors first, and one overflow
// notice in the last notice slot (§4).
func TestAnnotationCap(t *testing.T) {
	cases := []struct {
		name                    string
		errors, warnings, notes int
		used                    int
		wantE, wantW, wantN     int
		notice                  string
	}{
		{"25 errors", 25, 0, 0, 0, 10, 0, 1, "15 more findings not annotated (15 errors; "},
		{"10 of each", 10, 10, 10, 0, 10, 10, 10, ""},
		{"12 of each", 12, 12, 12, 0, 10, 10, 10, "7 more findings not annotated (2 errors, 2 warnings, 3 info; "},
		{"11 notes", 0, 0, 11, 0, 0, 0, 10, "2 more findings not annotated (2 info; "},
		{"10 errors after 3 tool errors", 10, 0, 0, 3, 7, 0, 1, "3 more findings not annotated (3 errors; "},
	}
	for _, c := range cases {
		// Notes first in the input: ranking must put errors first.
		findings := append(manyFindings(c.notes, finding.Info), manyFindings(c.warnings, finding.Warning)...)
		findings = append(findings, manyFindings(c.errors, finding.Error)...)
		var buf bytes.Buffer
		GitHubAnnotations(newAction(&buf), &Run{Findings: findings}, AnnotationOptions{SeeAlso: "the job summary", ErrorsUsed: c.used})
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		count := map[string]int{}
		last := ""
		for _, l := range lines {
			kind, _, _ := strings.Cut(strings.TrimPrefix(l, "::"), " ")
			count[kind]++
			last = l
		}
		if count["error"] != c.wantE || count["warning"] != c.wantW || count["notice"] != c.wantN {
			t.Errorf("%s: %v", c.name, count)
		}
		if c.errors > 0 && !strings.HasPrefix(lines[0], "::error ") {
			t.Errorf("%s: first line %q is not an error", c.name, lines[0])
		}
		if c.notice != "" && !strings.Contains(last, c.notice) {
			t.Errorf("%s: last line %q, want the overflow notice %q", c.name, last, c.notice)
		}
		if c.notice == "" && strings.Contains(last, "more finding") {
			t.Errorf("%s: unexpected overflow notice", c.name)
		}
	}
}

// TestSummaryAllFindings: every finding is listed, with cells escaped.
func TestSummaryAllFindings(t *testing.T) {
	r := &Run{Files: 25, Ladders: 25, Findings: manyFindings(25, finding.Error)}
	md := GitHubSummary(r, SummaryOptions{FailLevel: "error", Failed: true, BlobURL: "https://github.com/o/r/blob/abc/"})
	if n := strings.Count(md, "| 🛑 error |"); n != 25 {
		t.Errorf("%d finding rows, want 25", n)
	}
	if strings.Contains(md, "Summary truncated") {
		t.Error("a small summary is truncated")
	}
	row := `| 🛑 error | [handbook/l00003.md\:4\:3](https://github.com/o/r/blob/abc/handbook/l00003.md?plain=1#L4) | ` +
		`"Delivery" is empty for level "IC3" \| with a pipe and a newline | ` + "`empty-cell` |"
	if !strings.Contains(md, row+"\n") {
		t.Errorf("summary has no row\n%s\n%s", row, md)
	}
	if !strings.Contains(md, "| 25 | 0 | 0 | 0 | 25 | 25 |") {
		t.Errorf("no totals row:\n%s", md[:300])
	}
}

// TestSummaryLimit: 50,000 findings stay under 1 MiB and end in the note.
func TestSummaryLimit(t *testing.T) {
	r := &Run{Files: 50000, Ladders: 50000, Findings: manyFindings(50000, finding.Error)}
	md := GitHubSummary(r, SummaryOptions{FailLevel: "error", Failed: true, BlobURL: "https://github.com/o/r/blob/abc/"})
	if n := len(md) + 1; n > 1_048_576 { // AddStepSummary appends "\n"
		t.Errorf("summary is %d bytes", n)
	}
	if !strings.HasSuffix(md, "run `ladderlint` locally to see them with the source lines.\n") || !strings.Contains(md, "**Summary truncated:**") {
		t.Errorf("summary does not end in the truncation note: %q", md[len(md)-300:])
	}
	shown := strings.Count(md, "| 🛑 error |")
	if !strings.Contains(md, strconv.Itoa(shown)+" of 50000 findings are shown") {
		t.Errorf("the note does not count the %d findings shown", shown)
	}
	t.Logf("50,000 findings: %d bytes, %d findings shown", len(md)+1, shown)
}

// TestCoverageMatrix: one row per level and one mark per category, a
// placeholder level as one row, a missing level as a ❌ row at its place, a
// missing required category as a ❌ column, areas in a table of their own.
func TestCoverageMatrix(t *testing.T) {
	doc := Coverage{File: "handbook/eng.md", Line: 3, EndLine: 9, Name: "Eng | ladder", Categories: []string{"Proficiency", "Delivery", "Team|work"},
		Levels: []CoverageLevel{
			{Label: "IC1", Line: 5, Cells: map[string]CellState{"Proficiency": CellWritten, "Delivery": CellEmpty, "Team|work": CellPlaceholder},
				Areas: map[string]bool{"communication": true}},
			{Label: "IC3", Line: 6, Cells: map[string]CellState{"Proficiency": CellWritten}, Areas: map[string]bool{}},
			{Label: "IC4", Line: 7, Placeholder: true, PlaceholderText: "haven’t yet finalized"},
		}}
	gap := finding.Finding{Rule: "level-gap", Severity: finding.Error, File: "handbook/eng.md", Ladder: "Eng | ladder", Level: "IC3",
		Range: source.Range{Start: source.Pos{Line: 6, Column: 3}, End: source.Pos{Line: 6, Column: 6}}, Message: `level "IC2" is missing between "IC1" and "IC3"`}
	md := GitHubSummary(&Run{Files: 1, Ladders: 1, Findings: []finding.Finding{gap}}, SummaryOptions{Coverage: []Coverage{doc},
		Areas: []string{"communication"}, Categories: []string{"Proficiency", "Craft"}, FailLevel: "error", Failed: true})
	for _, want := range []string{
		"<details open><summary><strong>Eng | ladder</strong> in handbook/eng.md — 3 levels, 3 categories, ❌ 5 missing, 🚧 3 not written yet</summary>\n<p>handbook/eng.md&#58;3</p>\n<table>\n",
		"<tr><th>level ╲ category</th><th>Proficiency</th><th>Delivery</th><th>Team|work</th><th>❌ Craft (missing)</th></tr>\n",
		`<tr><th align="left">IC1</th><td align="center">✅</td><td align="center">⬜</td><td align="center">🚧</td><td align="center">❌</td></tr>` + "\n",
		`<tr><th align="left">❌ gap</th><td colspan="4">❌ level &#34;IC2&#34; is missing between &#34;IC1&#34; and &#34;IC3&#34;</td></tr>` + "\n" +
			`<tr><th align="left">IC3</th><td align="center">✅</td><td align="center">❌</td><td align="center">❌</td><td align="center">❌</td></tr>` + "\n",
		`<tr><th align="left">IC4</th><td colspan="4">🚧 placeholder: haven’t yet finalized</td></tr>` + "\n</table>\n",
		"<tr><th>level ╲ area</th><th>communication</th></tr>\n",
		`<tr><th align="left">IC3</th><td align="center">❌</td></tr>` + "\n" + `<tr><th align="left">IC4</th><td colspan="1">🚧 placeholder: haven’t yet finalized</td></tr>` + "\n</table>\n</details>\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	// One HTML block per ladder: no blank line inside <details>.
	d := md[strings.Index(md, "<details"):strings.Index(md, "</details>")]
	if strings.Contains(d, "\n\n") {
		t.Errorf("blank line inside <details>:\n%s", d)
	}
}

// TestCoverageHostileText: handbook text in the matrices cannot close the
// <details>, open a tag, or form a mention.
func TestCoverageHostileText(t *testing.T) {
	doc := Coverage{File: "p.md", Line: 1, EndLine: 5, Name: "</details><script>x</script>", Categories: []string{"<img src=x>", "a\n\nb"},
		Levels: []CoverageLevel{{Label: "@octo & <b>IC1</b>", Line: 2, Placeholder: true, PlaceholderText: "</td></tr></table>"}}}
	md := GitHubSummary(&Run{Files: 1, Ladders: 1}, SummaryOptions{Coverage: []Coverage{doc}, FailLevel: "error"})
	for _, bad := range []string{"<script", "<img", "</details><", "<b>", "@octo", "</td></tr></table>", "a\n\nb"} {
		if strings.Contains(md, bad) {
			t.Errorf("summary holds %q:\n%s", bad, md)
		}
	}
	if strings.Count(md, "</details>") != 1 {
		t.Errorf("want one </details>:\n%s", md)
	}
}

// TestCoverageTransposed: a matrix wider than maxColumns with fewer levels
// is shown with the categories as rows.
func TestCoverageTransposed(t *testing.T) {
	cats := []string{"A", "B", "C", "D", "E", "F", "G", "H"}
	cells := map[string]CellState{}
	for _, c := range cats[:7] {
		cells[c] = CellWritten
	}
	doc := Coverage{File: "p.md", Line: 1, EndLine: 9, Name: "Wide", Categories: cats, Levels: []CoverageLevel{
		{Label: "IC1", Line: 3, Cells: cells}, {Label: "IC2", Line: 4, Placeholder: true},
	}}
	md := GitHubSummary(&Run{Files: 1, Ladders: 1}, SummaryOptions{Coverage: []Coverage{doc}, FailLevel: "error"})
	for _, want := range []string{
		"<tr><th>category ╲ level</th><th>IC1</th><th>IC2</th></tr>\n",
		`<tr><th align="left">A</th><td align="center">✅</td><td rowspan="8">🚧 placeholder</td></tr>` + "\n" + `<tr><th align="left">B</th><td align="center">✅</td></tr>` + "\n",
		`<tr><th align="left">H</th><td align="center">❌</td></tr>` + "\n</table>",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
}

// TestSummaryOrder: what fails the check comes first (errors, then
// warnings, in changed files first), then the ladder changes, the
// coverage, and the info findings last.
func TestSummaryOrder(t *testing.T) {
	r := &Run{Files: 2, Ladders: 1, Findings: []finding.Finding{
		newFinding("duplicate-text", finding.Info, "a.md", 1, 1, 1, 2, "info one"),
		newFinding("placeholder", finding.Warning, "a.md", 2, 1, 2, 2, "warning in a"),
		newFinding("empty-cell", finding.Error, "a.md", 3, 1, 3, 2, "error in a"),
		newFinding("empty-cell", finding.Error, "b.md", 4, 1, 4, 2, "error in b"),
	}}
	doc := Coverage{File: "a.md", Line: 1, EndLine: 5, Name: "L", Categories: []string{"X"}, Levels: []CoverageLevel{{Label: "IC1", Line: 2}}}
	md := GitHubSummary(r, SummaryOptions{Coverage: []Coverage{doc}, FailLevel: "error", Failed: true,
		Changed: map[string]bool{"b.md": true}, Changes: "### Ladder changes\n\nsome\n"})
	last := -1
	for _, want := range []string{"error in b", "error in a", "warning in a", "### Ladder changes", "### Coverage", "### Info", "info one"} {
		i := strings.Index(md, want)
		if i < 0 || i < last {
			t.Errorf("%q is at %d, after %d:\n%s", want, i, last, md)
		}
		last = i
	}
}

// TestLogText pins N3 for plain lines: text stays readable (no Go
// escapes for "#" or "’"), but no "##[" can form, not even across
// characters the runner's ICU comparison may skip, and no CR or LF is left.
func TestLogText(t *testing.T) {
	for in, want := range map[string]string{
		"handbook/a.md":        "handbook/a.md",
		"::error::x":           "::error::x",
		"see #m5, haven’t yet": "see #m5, haven’t yet",
		"a ##[add-mask]b":      `a \u{0023}\u{0023}[add-mask]b`,
		"a #[b ###[":           `a \u{0023}[b \u{0023}\u{0023}\u{0023}[`,
		"#\u200b#[x":           `#\u{200B}\u{0023}[x`,
		"#\ufe0f#[x":           `\u{0023}` + "\ufe0f" + `\u{0023}[x`,
		"x\r::add-mask::y\n":   `x\u{000D}::add-mask::y\u{000A}`,
		"tab\there #":          "tab here #",
		"\u202e\u3000é":        `\u{202E}` + "\u3000é",
	} {
		got := LogText(in)
		if got != want {
			t.Errorf("LogText(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(got, "##[") || strings.ContainsAny(got, "\r\n") {
			t.Errorf("LogText(%q) = %q can start a command", in, got)
		}
	}
}

// TestGitHubLog: every plain line starts with the prefix, and the text is
// the handbook's own (defanged only where a command could form).
func TestGitHubLog(t *testing.T) {
	var buf bytes.Buffer
	r := &Run{Files: 1, Ladders: 1, Suppressed: 2, Findings: []finding.Finding{
		newFinding("placeholder", finding.Warning, "\u3000::error::x.md", 1, 1, 1, 2, "cell \"##[add-mask]x\r::warning::y\""),
		newFinding("placeholder", finding.Warning, "eng.md", 3, 1, 3, 2, "level \"IC6\" is a placeholder (\"haven’t yet finalized\"), see #m5"),
	}}
	if err := GitHubLog(&buf, r, ""); err != nil {
		t.Fatal(err)
	}
	want := "ladderlint: \u3000::error::x.md:1:1: warning: cell \"\\u{0023}\\u{0023}[add-mask]x\\u{000D}::warning::y\" [placeholder]\n" +
		"ladderlint: eng.md:3:1: warning: level \"IC6\" is a placeholder (\"haven’t yet finalized\"), see #m5 [placeholder]\n" +
		"ladderlint: 0 errors, 2 warnings, 0 info, 2 suppressed in 1 file (1 ladder)\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

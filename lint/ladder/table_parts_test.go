package ladder_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// partsOf dumps the level cells of the first ladder on a page: each cell's
// merged text and, when it was merged from several source cells, each part
// with the line it starts on and its placeholder.
func partsOf(t *testing.T, f *source.File) string {
	t.Helper()
	ls := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits),
		ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders})
	if len(ls) == 0 {
		t.Fatal("no ladder")
	}
	var b strings.Builder
	for _, lv := range ls[0].Levels {
		for _, c := range append([]*ladder.Cell{lv.Summary}, lv.Cells...) {
			if c == nil {
				continue
			}
			fmt.Fprintf(&b, "%s %q %q placeholder=%q\n", lv.Code, c.Category, c.Text, c.Placeholder)
			for _, p := range c.Parts {
				fmt.Fprintf(&b, "  part line %d %q placeholder=%q\n", f.SpanRange(p.Span).Start.Line, p.Text, p.Placeholder)
			}
		}
	}
	return b.String()
}

// TestCellParts: the seed ladder's levels have a summary row and a
// behaviours row per category; a level cell keeps both as parts, each with
// the line it is written on.
func TestCellParts(t *testing.T) {
	data, err := os.ReadFile("../../testdata/demo/support/cs-career-levels.md")
	if err != nil {
		t.Fatal(err)
	}
	line := "          You autonomously bring tickets to resolution and contribute to team OKRs.\n"
	data = []byte(strings.Replace(string(data), line, "          TBD\n", 1))
	got := partsOf(t, source.NewFile("levels.md", data))
	for _, want := range []string{
		`IC2 "Delivery" "TBD You manage your day-to-day workflow`,
		"  part line 192 \"TBD\" placeholder=\"TBD\"\n  part line 218 \"You manage your day-to-day workflow",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestCellPartsRowspan: a cell whose rowspan covers two rows of a level is
// one part, not two; a level whose every part is a placeholder is a
// placeholder cell.
func TestCellPartsRowspan(t *testing.T) {
	src := `# Engineering career levels

<table>
<tr><th>Level</th><th>Proficiency</th><th>Delivery</th></tr>
<tr><th rowspan="3">IC1</th><td>Learns the product with guidance.</td><td>TBD</td></tr>
<tr><td rowspan="2">Asks questions early and often.</td><td>-</td></tr>
<tr><td>To be defined</td></tr>
<tr><th>IC2</th><td>Solves common problems alone.</td><td>Ships features with little help.</td></tr>
</table>
`
	got := partsOf(t, source.NewFile("levels.md", []byte(src)))
	want := `IC1 "Proficiency" "Learns the product with guidance. Asks questions early and often." placeholder=""
  part line 5 "Learns the product with guidance." placeholder=""
  part line 6 "Asks questions early and often." placeholder=""
IC1 "Delivery" "TBD - To be defined" placeholder="TBD"
  part line 5 "TBD" placeholder="TBD"
  part line 6 "-" placeholder=""
  part line 7 "To be defined" placeholder="To be defined"
IC2 "Proficiency" "Solves common problems alone." placeholder=""
IC2 "Delivery" "Ships features with little help." placeholder=""
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

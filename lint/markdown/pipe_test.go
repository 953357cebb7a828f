package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/source"
)

// TestPipeCellText checks what a pipe table cell says, read from goldmark's
// inline nodes: each case is one body cell, its text and its behaviours,
// each behaviour with the source its span covers.
func TestPipeCellText(t *testing.T) {
	cases := []struct {
		cell, text string
		items      []string // value@source
	}{
		{"plain words", "plain words", []string{"plain words@plain words"}},
		// An autolink is its address, not a tag to strip.
		{"<https://example.com/ladder>", "https://example.com/ladder",
			[]string{"https://example.com/ladder@<https://example.com/ladder>"}},
		// Code spans keep their text, tags and markers included.
		{"uses `List<T>` and `**`", "uses List<T> and **", []string{"uses List<T> and **@uses `List<T>` and `**`"}},
		// Reference links resolve to their text; an undefined one stays as written.
		{"see [the guide][g] and [nothing][none]", "see the guide and [nothing][none]",
			[]string{"see the guide and [nothing][none]@see [the guide][g] and [nothing][none]"}},
		{"[inline](x.md) ![img](i.png)", "inline img", []string{"inline img@[inline](x.md) ![img](i.png)"}},
		{"**bold** *italic* _under_ snake_case", "bold italic under snake_case",
			[]string{"bold italic under snake_case@**bold** *italic* _under_ snake_case"}},
		// <br> splits behaviours and shows as a space; a bullet after it is not text.
		{"Ships fixes<br>- Reviews code<BR/>• Mentors", "Ships fixes - Reviews code • Mentors",
			[]string{"Ships fixes@Ships fixes", "Reviews code@Reviews code", "Mentors@Mentors"}},
		{"a • b", "a • b", []string{"a@a", "b@b"}},
		{"<span>x</span> <!-- note -->", "x", []string{"x@<span>x</span> <!-- note -->"}},
		{`a \| b \* &amp; &#x41;`, "a | b * & A", []string{`a | b * & A@a \| b \* &amp; &#x41;`}},
		{"`a\\|b`", "a|b", []string{"a|b@`a\\|b`"}},
		{"<br>", "", nil},
		{"   ", "", nil},
	}
	for _, tc := range cases {
		src := "| Level | A |\n|---|---|\n| IC1 | " + tc.cell + " |\n\n[g]: https://example.com/guide\n"
		f := source.NewFile("p.md", []byte(src))
		p := Parse(f, DefaultLimits)
		if len(p.Tables) != 1 || len(p.Tables[0].Rows) != 2 || len(p.Tables[0].Rows[1].Cells) != 2 {
			t.Errorf("%q: not one table of two rows of two cells: %s", tc.cell, dumpTables(f, p))
			continue
		}
		c := p.Tables[0].Rows[1].Cells[1]
		if c.Text != tc.text {
			t.Errorf("%q: text %q, want %q", tc.cell, c.Text, tc.text)
		}
		var items []string
		for _, it := range c.Items {
			items = append(items, it.Value+"@"+string(f.Data[it.Span.Start:it.Span.End]))
		}
		if fmt.Sprint(items) != fmt.Sprint(tc.items) {
			t.Errorf("%q: items %q, want %q", tc.cell, items, tc.items)
		}
		if got := string(f.Data[c.Span.Start:c.Span.End]); got != strings.TrimSpace(tc.cell) {
			t.Errorf("%q: cell span covers %q", tc.cell, got)
		}
	}
}

// TestPipeRowShape checks the cells of rows that are not as wide as the
// header: goldmark pads short rows and drops extra cells; the table keeps
// the cells as written and says what is wrong. A pipe in a code span ends
// the cell, as GitHub renders it.
func TestPipeRowShape(t *testing.T) {
	src := "| Level | A | B |\n|---|---|---|\n" +
		"| IC1 | x |\n" +
		"| IC2 | y | z | extra | more |\n" +
		"| IC3 | `a|b` |\n" +
		"| IC4 | | - |\n"
	f := source.NewFile("p.md", []byte(src))
	got := dumpTables(f, Parse(f, DefaultLimits))
	want := `table [0,104)
  problem "| IC1 | x |": this row has 2 cells but the header has 3
  problem "extra": this row has 5 cells but the header has 3; the extra cells are not shown
  row: "Level" "A" "B"
  row: "IC1" "x"
  row: "IC2" "y" "z" "extra" "more"
  row: "IC3" "` + "`a" + `" "` + "b`" + `"
  row: "IC4" ""@98 "-"
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func dumpTables(f *source.File, p *Page) string {
	var b strings.Builder
	for _, t := range p.Tables {
		fmt.Fprintf(&b, "table [%d,%d)\n", t.Span.Start, t.Span.End)
		for _, pr := range t.Problems {
			fmt.Fprintf(&b, "  problem %q: %s\n", f.Data[pr.Span.Start:pr.Span.End], pr.Message)
		}
		for _, r := range t.Rows {
			b.WriteString("  row:")
			for _, c := range r.Cells {
				fmt.Fprintf(&b, " %q", c.Text)
				if c.Span.Start == c.Span.End {
					fmt.Fprintf(&b, "@%d", c.Span.Start)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestPipeCutAndLimit: rows that a comment line cut off the table are read
// from their source lines; once the page's cell limit is hit, nothing more
// is read and the limit is reported once.
func TestPipeCutAndLimit(t *testing.T) {
	src := "| Level | A |\n|---|---|\n| IC1 | x |\n<!-- note -->\n| IC2 | y |\n| IC3 | z |\n"
	f := source.NewFile("p.md", []byte(src))
	got := dumpTables(f, Parse(f, DefaultLimits))
	want := `table [0,73)
  problem "<!-- note -->": this comment line ends the table: the rows below it show as plain text; move the comment above the table (or use an HTML table, where comments may stand between rows)
  row: "Level" "A"
  row: "IC1" "x"
  row: "IC2" "y"
  row: "IC3" "z"
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = dumpTables(f, Parse(f, Limits{MaxGridCells: 3, MaxColumns: 64}))
	if n := strings.Count(got, "the page's tables have more than 3 cells"); n != 1 {
		t.Errorf("the cell limit is reported %d times, want once:\n%s", n, got)
	}
	if strings.Contains(got, `"IC2"`) {
		t.Errorf("rows past the cell limit were read:\n%s", got)
	}
}

package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint/source"
)

// corpus is the shared corpus of real handbook pages; seeds are read from it
// when it exists.
const corpus = "../../../shared/corpus"

// addCorpusSeeds adds real ladder pages as seeds: every public ladder, the
// first version of each Sourcegraph ladder page and the snapshot's ladder
// pages. Without the corpus the inline seeds alone are used.
func addCorpusSeeds(f *testing.F) {
	var paths []string
	add := func(glob string) {
		m, _ := filepath.Glob(filepath.Join(corpus, glob))
		sort.Strings(m)
		paths = append(paths, m...)
	}
	add("public-ladders/*.md")
	dirs, _ := filepath.Glob(filepath.Join(corpus, "sourcegraph-handbook", "*-md"))
	sort.Strings(dirs)
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(d, "*.md"))
		sort.Strings(m)
		if len(m) > 0 {
			paths = append(paths, m[0])
		}
	}
	add("sourcegraph-handbook-snapshot/content/departments/*/career-development/*.md")
	add("sourcegraph-handbook-snapshot/content/departments/*/*/career-development/*.md")
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// inlineSeeds are small pages in every syntax a ladder is written in, plus
// shapes that have broken parsers before.
var inlineSeeds = []string{
	"| Level | Delivery | Teamwork |\n|---|---|---|\n| IC1 | ships | helps |\n| IC2 | leads | mentors |\n",
	"| a | b |\n|---|---|\n| x \\| y | `a|b` |\n| 1 | 2 | 3 |\n| only |\n",
	"<table>\n<tr><th>Level</th><th>Delivery</th></tr>\n<tr><td>IC1</td><td><ul><li>ships</li><li>tests</li></ul></td></tr>\n<tr><td rowspan=2>IC2</td><td colspan=3>x</td></tr>\n</table>\n",
	"<table><tr><td>a<td>b<tr><td id=M5>c<td><a href=\"#m5\">d</a>\n\n<tr><td>after blank\n</table>",
	"<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>",
	"<table><tr><td rowspan=65534 colspan=1000>x</td><td>y</td></tr><tr><td>z</td></tr></table>",
	"<table><!-- c --><caption>t</caption><colgroup><col></colgroup><thead><tr><th>IC1<th>IC2</thead><tbody><tr><td>• a • b<br>c</td></tr></tbody>",
	"## IC1\n\n- Impact: does things\n- Teamwork: helps\n  - nested\n\n## IC2\n\n- Impact: more\n\n## M3\n1. Delivery: x\n",
	"<!-- a comment -->\n# Title\n\n<table>\n<tr><td>unclosed",
	"\ufeff| x |\r\n|---|\r\n| y |\r\n",
	"| a |\r| --- |\r| lone CR |\r",
	"<table><tr><td>\x00\xff\xfe</td></tr></table>",
	"",
}

// FuzzParse parses arbitrary pages: no panic, every span inside the page,
// grids within the limits, and the same result twice.
func FuzzParse(f *testing.F) {
	for _, s := range inlineSeeds {
		f.Add([]byte(s))
	}
	addCorpusSeeds(f)
	lim := Limits{MaxGridCells: 1 << 12, MaxColumns: 64}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer noHang(t, time.Now(), data)
		file := source.NewFile("fuzz.md", data)
		p := Parse(file, lim)
		first := checkPage(t, p, lim)
		again := checkPage(t, Parse(source.NewFile("fuzz.md", data), lim), lim)
		if first != again {
			t.Fatalf("Parse is not deterministic:\n%s\n---\n%s", first, again)
		}
	})
}

// FuzzHTMLTable feeds arbitrary bytes to the HTML table reader directly,
// as if the whole input were one HTML block.
func FuzzHTMLTable(f *testing.F) {
	for _, s := range inlineSeeds {
		if strings.Contains(s, "<table") {
			f.Add([]byte(s))
		}
	}
	f.Add([]byte("<table><tr><td rowspan=3>a<td colspan=2>b<tr><td>c<tr><td>d<td>e<td>f<td>g</table>"))
	f.Add([]byte("<TABLE><TR><TD ROWSPAN=\"2x\">a<TD COLSPAN=-1>b</TABLE><table>"))
	lim := Limits{MaxGridCells: 1 << 10, MaxColumns: 16}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer noHang(t, time.Now(), data)
		p := &Page{File: source.NewFile("fuzz.md", data)}
		end := p.htmlTables(0, len(data), lim)
		if end < -1 || end > len(data) {
			t.Fatalf("htmlTables returned %d for %d bytes", end, len(data))
		}
		first := checkPage(t, p, lim)
		q := &Page{File: source.NewFile("fuzz.md", data)}
		q.htmlTables(0, len(data), lim)
		if again := checkPage(t, q, lim); first != again {
			t.Fatalf("htmlTables is not deterministic:\n%s\n---\n%s", first, again)
		}
	})
}

// FuzzPipeRow splits arbitrary rows as a pipe table row, and parses them
// under a valid pipe table header so goldmark builds a table from them.
func FuzzPipeRow(f *testing.F) {
	for _, s := range []string{"| a | b |", "a|b", "|", "||", "\\|", "| `x|y` | z \\|", "| a<br>b • c |", "|\\", "` | `", "| <https://x> | `a\\|b` [r][] |", "| - a<br>• b | &amp; \\* | x | y |"} {
		f.Add([]byte(s))
	}
	lim := Limits{MaxGridCells: 1 << 12, MaxColumns: 64}
	f.Fuzz(func(t *testing.T, row []byte) {
		defer noHang(t, time.Now(), row)
		prev := source.Span{}
		for _, s := range splitPipeRow(row, 0, len(row)) {
			if s.Start < 0 || s.Start > s.End || s.End > len(row) {
				t.Fatalf("cell span %v outside the %d-byte row", s, len(row))
			}
			if s.Start < prev.End {
				t.Fatalf("cell span %v overlaps the previous %v", s, prev)
			}
			prev = s
			pipeItems(row, s)
		}
		data := append([]byte("| a | b |\n|---|---|\n"), row...)
		p := Parse(source.NewFile("fuzz.md", data), lim)
		first := checkPage(t, p, lim)
		if again := checkPage(t, Parse(source.NewFile("fuzz.md", data), lim), lim); first != again {
			t.Fatalf("Parse is not deterministic:\n%s\n---\n%s", first, again)
		}
	})
}

// checkPage fails t when a span of p lies outside the page or a grid breaks
// the limits, and returns a dump of p for comparing two parses.
func checkPage(t *testing.T, p *Page, lim Limits) string {
	t.Helper()
	n := len(p.File.Data)
	var b strings.Builder
	span := func(what string, s source.Span) {
		t.Helper()
		if s.Start < 0 || s.Start > s.End || s.End > n {
			t.Fatalf("%s span [%d,%d) outside the %d-byte page", what, s.Start, s.End, n)
		}
		// Positions must convert without panicking.
		p.File.SpanRange(s)
		fmt.Fprintf(&b, "%s[%d,%d) ", what, s.Start, s.End)
	}
	text := func(what string, x Text) {
		t.Helper()
		span(what, x.Span)
		fmt.Fprintf(&b, "%q\n", x.Value)
	}
	for _, c := range p.Comments {
		text("comment", c)
	}
	for _, s := range p.Sections {
		text("heading", s.Heading)
		var items func([]*ListItem)
		items = func(l []*ListItem) {
			for _, it := range l {
				text("item", it.Text)
				items(it.Children)
			}
		}
		items(s.Items)
	}
	for _, tb := range p.Tables {
		span("table "+string(tb.Kind), tb.Span)
		b.WriteByte('\n')
		for _, pr := range tb.Problems {
			span("problem", pr.Span)
			b.WriteString(pr.Message + "\n")
		}
		for _, r := range tb.Rows {
			span("row", r.Span)
			b.WriteByte('\n')
			for _, c := range r.Cells {
				span("cell", c.Span)
				fmt.Fprintf(&b, "%d,%d %dx%d %q\n", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text)
				prev := c.Span.Start
				for _, it := range c.Items {
					text("item", it)
					if tb.Kind == Pipe && (it.Span.Start < prev || it.Span.End > c.Span.End) {
						// A pipe cell's behaviours lie in the cell, in order.
						t.Fatalf("item span %v outside cell %v or before the previous item", it.Span, c.Span)
					}
					prev = it.Span.End
				}
				if c.ID.Value != "" {
					text("id", c.ID)
				}
				if c.Href.Value != "" {
					text("href", c.Href)
				}
			}
		}
		if len(tb.Grid) != len(tb.Rows) {
			t.Fatalf("grid has %d rows, table %d", len(tb.Grid), len(tb.Rows))
		}
		cells := 0
		for _, g := range tb.Grid {
			cells += len(g)
		}
		if cells > lim.MaxGridCells+lim.MaxColumns*len(tb.Grid) {
			t.Fatalf("grid has %d slots, over the limit of %d cells", cells, lim.MaxGridCells)
		}
		for r, g := range tb.Grid {
			for c, cell := range g {
				if cell == nil {
					continue
				}
				if cell.Row > r || cell.Col > c || cell.Row+cell.RowSpan <= r || cell.Col+cell.ColSpan <= c {
					t.Fatalf("grid[%d][%d] holds a cell at %d,%d spanning %dx%d", r, c, cell.Row, cell.Col, cell.RowSpan, cell.ColSpan)
				}
			}
		}
	}
	return b.String()
}

// slowInput is how long one input may take before the fuzzer calls it a hang.
const slowInput = 10 * time.Second

// noHang fails t when an input took longer than slowInput.
func noHang(t *testing.T, start time.Time, data []byte) {
	t.Helper()
	if took := time.Since(start); took > slowInput {
		t.Fatalf("%d-byte input took %v (more than %v)", len(data), took, slowInput)
	}
}

package markdown

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint/source"
)

// parseBounded parses data with the default limits and fails t when the
// parse allocates more than maxMiB or takes longer than maxTime. It returns
// the page and the problems of all its tables.
func parseBounded(t *testing.T, data []byte, maxMiB uint64, maxTime time.Duration) (*Page, []string) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	file := source.NewFile("hostile.md", data)
	p := Parse(file, DefaultLimits)
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	total := (after.TotalAlloc - before.TotalAlloc) >> 20
	kept := (max(after.HeapAlloc, before.HeapAlloc) - before.HeapAlloc) >> 20
	t.Logf("%d bytes: %v, %d MiB allocated, %d MiB kept, %d tables", len(data), took.Round(time.Millisecond), total, kept, len(p.Tables))
	if kept > maxMiB {
		t.Errorf("the page parsed from %d bytes holds %d MiB, want at most %d", len(data), kept, maxMiB)
	}
	// A guard against hangs and blow-ups, not a speed test (benchmarks
	// measure speed): six times the bound a quiet machine needs, so a loaded
	// CI machine does not fail it.
	if guard := 6 * maxTime; took > guard && !testing.Short() && !raceEnabled {
		t.Errorf("parsing %d bytes took %v, want it done within %v", len(data), took, guard)
	}
	var problems []string
	lim := DefaultLimits
	for _, tb := range p.Tables {
		for _, pr := range tb.Problems {
			problems = append(problems, pr.Message)
		}
		slots := 0
		for _, g := range tb.Grid {
			slots += len(g)
			if len(g) > lim.MaxColumns {
				t.Errorf("a grid row has %d columns, over the limit of %d", len(g), lim.MaxColumns)
			}
		}
		if slots > lim.MaxGridCells {
			t.Errorf("a grid has %d slots, over the limit of %d", slots, lim.MaxGridCells)
		}
	}
	return p, problems
}

// raceEnabled is false: the time bounds are loose enough for a normal build.
const raceEnabled = false

func wantProblem(t *testing.T, problems []string, sub string) {
	t.Helper()
	for _, p := range problems {
		if strings.Contains(p, sub) {
			return
		}
	}
	t.Errorf("no problem mentions %q; got %q", sub, problems)
}

func TestHostileHugeSpans(t *testing.T) {
	// rowspan=65534 × colspan=1000 on many rows: spans are clamped to the
	// table and the grid stops at MaxGridCells.
	var b strings.Builder
	b.WriteString("<table>\n")
	for range 2000 {
		b.WriteString(`<tr><td rowspan="65534" colspan="1000">IC1</td><td>x</td></tr>` + "\n")
	}
	b.WriteString("</table>\n")
	_, problems := parseBounded(t, []byte(b.String()), 256, 5*time.Second)
	wantProblem(t, problems, "cells once spans are expanded")
}

func TestHostileWideHeaderTallTable(t *testing.T) {
	// A header of 1000 cells × colspan 1000 claims a million columns; 5000
	// rows under it must not be padded to that width.
	var b strings.Builder
	b.WriteString("<table><tr>")
	for range 1000 {
		b.WriteString("<td colspan=1000>h</td>")
	}
	b.WriteString("</tr>\n")
	for range 5000 {
		b.WriteString("<tr><td>x</td><td>y</td></tr>\n")
	}
	b.WriteString("</table>\n")
	_, problems := parseBounded(t, []byte(b.String()), 256, 5*time.Second)
	wantProblem(t, problems, "padded to the header")
}

func TestHostileDeepNesting(t *testing.T) {
	for name, data := range map[string]string{
		"divs in a cell":    "<table><tr><td>" + strings.Repeat("<div>", 10000) + "IC1" + strings.Repeat("</div>", 10000) + "</td></tr></table>\n",
		"tables in a cell":  "<table><tr><td>" + strings.Repeat("<table><tr><td>", 10000) + "x" + "</td></tr></table>\n",
		"blockquotes":       strings.Repeat(">", 10000) + " IC1\n",
		"lists":             nestedList(1000),
		"emphasis":          strings.Repeat("*", 10000) + "x" + strings.Repeat("*", 10000) + "\n",
		"links":             strings.Repeat("[", 10000) + "x" + strings.Repeat("](y)", 10000) + "\n",
		"unclosed tags":     "<table>" + strings.Repeat("<tr><td><ul><li>", 10000),
		"html in headings":  "## IC1 " + strings.Repeat("<b>", 10000) + "\n- a: b\n",
		"nested pipe cells": "| a |\n|---|\n|" + strings.Repeat("<table><tr><td>", 10000) + "|\n",
	} {
		t.Run(name, func(t *testing.T) {
			parseBounded(t, []byte(data), 256, 10*time.Second)
		})
	}
}

func nestedList(depth int) string {
	var b strings.Builder
	b.WriteString("## IC1\n\n")
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- Delivery: x\n")
	}
	return b.String()
}

func TestHostileManyRows(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("| Level | Delivery |\n|---|---|\n")
	for i := range 100000 {
		b.WriteString("| IC")
		b.WriteString(string(rune('1' + i%7)))
		b.WriteString(" | ships |\n")
	}
	p, problems := parseBounded(t, b.Bytes(), 256, 20*time.Second)
	if len(p.Tables) != 1 {
		t.Fatalf("want one table, got %d", len(p.Tables))
	}
	wantProblem(t, problems, "tables have more than")

	b.Reset()
	b.WriteString("<table>\n")
	for range 100000 {
		b.WriteString("<tr><td>IC1</td><td>ships</td></tr>\n")
	}
	b.WriteString("</table>\n")
	p, problems = parseBounded(t, b.Bytes(), 256, 20*time.Second)
	if len(p.Tables) != 1 {
		t.Fatalf("want one table, got %d", len(p.Tables))
	}
	wantProblem(t, problems, "tables have more than")
}

func TestHostileManyColumns(t *testing.T) {
	header := "|" + strings.Repeat(" IC1 |", 10000) + "\n|" + strings.Repeat("---|", 10000) + "\n|" + strings.Repeat(" x |", 10000) + "\n"
	_, problems := parseBounded(t, []byte(header), 512, 10*time.Second)
	wantProblem(t, problems, "more than 1000 columns")

	html := "<table><tr>" + strings.Repeat("<th>IC1", 10000) + "<tr>" + strings.Repeat("<td>x", 10000) + "</table>\n"
	_, problems = parseBounded(t, []byte(html), 512, 10*time.Second)
	wantProblem(t, problems, "more than 1000 columns")
}

func TestHostileTooManyCells(t *testing.T) {
	// Four bytes a cell: memory must follow the cell limit, not the page.
	data := strings.Repeat("<table><tr>"+strings.Repeat("<td>", 1<<18)+"</table>\n\n", 8)
	_, problems := parseBounded(t, []byte(data), 128, 20*time.Second)
	wantProblem(t, problems, "tables have more than")
}

func TestHostileBytes(t *testing.T) {
	table := "| Level | Delivery |\n|---|---|\n| IC1 | a |\n| IC2 | b |\n"
	for name, data := range map[string]string{
		"invalid UTF-8": "| Level | \xff\xfe |\n|---|---|\n| IC1 | \xc3\x28 |\n| IC2 | \xed\xa0\x80 |\n",
		"NUL bytes":     "| Level | Del\x00ivery |\n|---|---|\n| IC1 | \x00 |\n| IC2 | b |\n",
		"BOM":           "\ufeff" + table,
		"CRLF":          strings.ReplaceAll(table, "\n", "\r\n"),
		"lone CR":       strings.ReplaceAll(table, "\n", "\r"),
		"HTML lone CR":  "<table>\r<tr><td>IC1</td><td>a</td></tr>\r<tr><td>IC2</td><td>b</td></tr>\r</table>\r",
	} {
		t.Run(name, func(t *testing.T) {
			p, _ := parseBounded(t, []byte(data), 64, time.Second)
			if len(p.Tables) != 1 {
				t.Errorf("%d tables, want 1", len(p.Tables))
			}
			for _, tb := range p.Tables {
				for _, r := range tb.Rows {
					for _, c := range r.Cells {
						if c.Span.Start < 0 || c.Span.End > len(data) || c.Span.Start > c.Span.End {
							t.Errorf("cell span %v outside the page", c.Span)
						}
					}
				}
			}
		})
	}
}

// TestShapeHoleBeyondHeader is a regression test: a row wider than the
// header whose slot at the header's width is a hole (a rowspan further
// right) crashed shapeProblems with a nil cell.
func TestShapeHoleBeyondHeader(t *testing.T) {
	data := "<table><tr><td>h</td></tr><tr><td>a<td>b<td rowspan=2>c</tr><tr><td>x</td></tr></table>\n"
	_, problems := parseBounded(t, []byte(data), 16, time.Second)
	wantProblem(t, problems, "columns wide but the table header has 1")
}

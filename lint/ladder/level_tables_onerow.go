package ladder

import (
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// headerRowTables finds ladders in tables whose column headers are the levels
// and whose body rows have no category label:
//
//	| IC1 | IC2 | IC3 |
//	|-----|-----|-----|
//	| Ships small tasks | Owns features | Leads projects |
//
// One such table is one ladder with the single category "Expectations"
// (several body rows add to it). A run of them, each under its own heading
// of the same depth and with the same levels ("### Delivery" + table,
// "### Communication" + table), is one ladder whose categories are the
// headings.
func (x *extractor) headerRowTables() []*Ladder {
	var out []*Ladder
	var run []headerRowTable
	finish := func() {
		if l := x.headerRowLadder(run); l != nil {
			out = append(out, l)
		}
		run = nil
	}
	for _, t := range x.page.Tables {
		h, ok := x.headerRowTable(t)
		if !ok {
			finish()
			continue
		}
		if len(run) > 0 && !continuesRun(run[len(run)-1], h) {
			finish()
		}
		run = append(run, h)
	}
	finish()
	return out
}

// headerRowTable is one table of level headers and unlabelled body rows, with
// the last heading above it (nil when none).
type headerRowTable struct {
	t       *markdown.Table
	labels  []*markdown.Cell
	codes   []string
	header  int   // the row of level labels
	body    []int // the body rows
	heading *markdown.Section
	index   int // of heading in Page.Sections
}

func (x *extractor) headerRowTable(t *markdown.Table) (headerRowTable, bool) {
	h := headerRowTable{t: t, header: -1, index: -1}
	for r := range t.Grid {
		labels := x.headerLabels(t, r)
		switch {
		case len(labels) >= 2 && h.header < 0:
			h.header, h.labels = r, labels
		case len(labels) >= 2:
			return h, false // a second ladder in the table: not this shape
		case h.header < 0 || isBlankRow(t, r):
		default:
			name, _, here := rowCategory(t, r, h.labels[0].Col)
			if here && strings.TrimSpace(name) != "" {
				return h, false // a labelled row: levels as columns, read by tables
			}
			if hasLevelCells(t, r, h.cols()) {
				h.body = append(h.body, r)
			}
		}
	}
	if h.header < 0 || len(h.body) == 0 {
		return h, false
	}
	for _, c := range h.labels {
		lb, _ := x.opt.Levels.Match(labelText(c))
		h.codes = append(h.codes, lb.Code())
	}
	secs := x.page.Sections
	if i := sort.Search(len(secs), func(i int) bool { return secs[i].Heading.Span.Start >= t.Span.Start }); i > 0 {
		h.heading, h.index = secs[i-1], i-1
	}
	return h, true
}

func (h headerRowTable) cols() []int {
	cols := make([]int, len(h.labels))
	for i, c := range h.labels {
		cols[i] = c.Col
	}
	return cols
}

// continuesRun reports whether next is the following category of the ladder
// that prev belongs to: the same levels, each table under its own heading
// of the same depth, the headings next to each other.
func continuesRun(prev, next headerRowTable) bool {
	if prev.heading == nil || next.heading == nil || next.index != prev.index+1 ||
		prev.heading.Level != next.heading.Level || len(prev.codes) != len(next.codes) {
		return false
	}
	for i := range prev.codes {
		if prev.codes[i] != next.codes[i] {
			return false
		}
	}
	return true
}

// headerRowLadder builds the ladder of a run of header-row tables.
func (x *extractor) headerRowLadder(run []headerRowTable) *Ladder {
	if len(run) == 0 {
		return nil
	}
	first := run[0]
	l := &Ladder{Format: LevelColumns, Table: first.t.Kind, Span: source.Span{Start: first.t.Span.Start, End: run[len(run)-1].t.Span.End}}
	for _, c := range first.labels {
		lb, _ := x.opt.Levels.Match(labelText(c))
		lv := x.newLevel(c, lb)
		l.Levels = append(l.Levels, lv)
	}
	var around, notes []string
	if len(run) >= 2 {
		// The headings are the categories; the ladder is named by their parent.
		l.Name = x.nameAbove(first.heading.Heading.Span.Start, first.heading.Level)
		around = append(around, l.Name)
	} else {
		l.Name = x.nameAbove(first.t.Span.Start, 7)
		around = append(around, l.Name)
	}
	for _, h := range run {
		name, span := Expectations, h.t.Rows[h.body[0]].Span
		if len(run) >= 2 {
			name, span = h.heading.Heading.Value, h.heading.Heading.Span
			for _, p := range h.heading.Paragraphs {
				notes = append(notes, p.Value) // "**Example Skills:** …"
			}
		}
		l.Categories = append(l.Categories, Category{Name: name, Span: span})
		for i, lv := range l.Levels {
			var cell *Cell
			for _, r := range h.body {
				if c := cellAt(h.t, r, h.labels[i].Col); c != nil {
					cell = mergeCell(cell, c, name, c.ColSpan > 1)
				}
			}
			lv.Cells = append(lv.Cells, cell)
			lv.Block.End = max(lv.Block.End, h.t.Rows[h.body[len(h.body)-1]].Span.End)
		}
		l.Problems = append(l.Problems, h.t.Problems...)
	}
	if !x.plausible(l) || !careerTable(l, around, append(categoryNames(l), notes...)) {
		return nil
	}
	return l
}

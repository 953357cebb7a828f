package ladder

import (
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
)

// headingTables finds ladders written as one heading per level, each followed
// by its own table whose rows are the categories ("### Level 3: Product
// Analyst II" then "| Principle | Expectations |" rows). Consecutive level
// headings of the same depth form one ladder; any other heading of that
// depth or above ends it. A level without a table keeps its paragraphs as a
// summary ("Level descriptions to be defined."), and a table that lacks a
// category row leaves that cell missing.
func (x *extractor) headingTables() []*Ladder {
	var out []*Ladder
	var run []headingTable
	finish := func() {
		if l := x.headingTableLadder(run); l != nil {
			out = append(out, l)
		}
		run = nil
	}
	secs := x.page.Sections
	for i, s := range secs {
		lb, ok := x.headingLabel(i)
		if !ok {
			if len(run) > 0 && s.Level <= run[0].sec.Level {
				finish()
			}
			continue
		}
		if len(run) > 0 && s.Level != run[0].sec.Level {
			finish()
		}
		end := len(x.page.File.Data)
		if i+1 < len(secs) {
			end = secs[i+1].Heading.Span.Start
		}
		run = append(run, headingTable{sec: s, label: lb, tables: x.tablesIn(s.Heading.Span.End, end)})
	}
	finish()
	return out
}

// nameAbove is the text of the last heading above offset whose level is
// below depth, like headingBefore, found by a binary search: the table
// shapes ask it once per table, and a page may have thousands of both.
func (x *extractor) nameAbove(offset, depth int) string {
	for i := x.sectionBefore(offset); i >= 0; i = x.parent(i) {
		if x.page.Sections[i].Level < depth {
			return x.page.Sections[i].Heading.Value
		}
	}
	return ""
}

// headingTable is one level heading and the tables of its section.
type headingTable struct {
	sec    *markdown.Section
	label  Label
	tables []*markdown.Table
}

// tablesIn returns the tables that start in [start, end). Page.Tables are in
// document order, so a page of many headings and tables costs a binary
// search per heading, not a scan.
func (x *extractor) tablesIn(start, end int) []*markdown.Table {
	ts := x.page.Tables
	i := sort.Search(len(ts), func(i int) bool { return ts[i].Span.Start >= start })
	j := i
	for j < len(ts) && ts[j].Span.Start < end {
		j++
	}
	return ts[i:j:j]
}

// categoryRow is one body row of a level's table: the category label and
// the row's other cells, by column.
type categoryRow struct {
	name  markdown.Text
	cells map[int]*markdown.Cell
	end   int
}

// headingTableLadder builds the ladder of a run of level headings, or nil
// when fewer than two of them have a table of categories.
func (x *extractor) headingTableLadder(run []headingTable) *Ladder {
	if len(run) < 2 {
		return nil
	}
	first := run[0].sec
	l := &Ladder{Format: Headings, Span: first.Heading.Span, depth: first.Level}
	rows := make([][]categoryRow, len(run))
	var headers []string // the column headers, by column (first table that has one)
	withTable := 0
	for i, h := range run {
		for _, t := range h.tables {
			rs, hdr, ok := x.categoryRows(t)
			if !ok {
				continue
			}
			if l.Table == "" {
				l.Table = t.Kind
			}
			rows[i] = append(rows[i], rs...)
			for col, name := range hdr {
				for len(headers) <= col {
					headers = append(headers, "")
				}
				if headers[col] == "" {
					headers[col] = name
				}
			}
			l.Problems = append(l.Problems, t.Problems...)
		}
		if len(rows[i]) > 0 {
			withTable++
		}
	}
	if withTable < 2 || withTable*2 < len(run) {
		return nil
	}
	if len(headers) > 0 {
		l.labelHeader = headers[0]
	}
	keep := expectationColumns(rows)
	for i, h := range run {
		lv := levelOf(h.sec.Heading.Value, h.label, h.sec.Heading.Span)
		for _, r := range rows[i] {
			ci := categoryIndex(l, r.name.Value, r.name.Span)
			for len(lv.Cells) <= ci {
				lv.Cells = append(lv.Cells, nil)
			}
			for _, col := range sortedCols(r.cells) {
				if keep[col] {
					lv.Cells[ci] = mergeCell(lv.Cells[ci], r.cells[col], l.Categories[ci].Name, false)
				}
			}
			if lv.Cells[ci] == nil {
				// Every column of the row is a category description: the row
				// itself says nothing for this level.
				lv.Cells[ci] = &Cell{Category: l.Categories[ci].Name, Span: r.name.Span}
			}
			lv.Block.End = max(lv.Block.End, r.end)
		}
		if len(rows[i]) == 0 {
			// No table: what the section says is the level's summary.
			if c := sectionCell(h.sec); len(c.Items) > 0 {
				lv.Summary = c
				lv.Block.End = max(lv.Block.End, c.Span.End)
			}
		}
		l.Levels = append(l.Levels, lv)
		l.Span.End = max(l.Span.End, lv.Block.End)
	}
	for _, lv := range l.Levels {
		for len(lv.Cells) < len(l.Categories) {
			lv.Cells = append(lv.Cells, nil)
		}
	}
	if !x.plausibleHeadingTables(l, headers) {
		return nil
	}
	return l
}

// categoryRows reads a table under a level heading: its header row (column
// names by column) and its body rows, each labelled in the first column. A
// table whose rows or header are level labels is a ladder of its own, not
// the categories of one level.
func (x *extractor) categoryRows(t *markdown.Table) ([]categoryRow, []string, bool) {
	if len(t.Grid) < 2 || len(t.Grid[0]) < 2 {
		return nil, nil, false
	}
	var header []string
	var out []categoryRow
	for r := range t.Grid {
		if len(x.headerLabels(t, r)) >= 2 {
			return nil, nil, false
		}
		if r == 0 && isHeaderRow(t, r) {
			for col, c := range t.Grid[r] {
				name := ""
				if c != nil && c.Col == col {
					name = c.Text
				}
				header = append(header, name)
			}
			continue
		}
		if isBlankRow(t, r) {
			continue
		}
		label := t.Grid[r][0]
		if label == nil || label.Row != r || strings.TrimSpace(label.Text) == "" {
			continue // a row without a category label (or under a rowspan) adds nothing
		}
		if _, ok := x.opt.Levels.Match(labelText(label)); ok {
			return nil, nil, false
		}
		if len(t.Rows[r].Cells) < 2 && t.Grid[r][0].ColSpan < 2 {
			// A lone cell: the rest of the row above wrapped onto its own
			// line. table-shape reports it; it names no category.
			continue
		}
		cr := categoryRow{name: markdown.Text{Value: label.Text, Span: label.Span}, cells: map[int]*markdown.Cell{}, end: t.Rows[r].Span.End}
		for col := 1; col < len(t.Grid[r]); col++ {
			if c := t.Grid[r][col]; c != nil && c.Col == col && c.Row == r {
				cr.cells[col] = c
			}
		}
		out = append(out, cr)
	}
	return out, header, len(out) > 0
}

// expectationColumns returns the columns that say something per level. A
// column whose text for each category is the same under every level (the
// "Competencies" column that describes the category) is not an expectation
// of any one level; it is left out when another column varies.
func expectationColumns(rows [][]categoryRow) map[int]bool {
	type key struct {
		col  int
		name string
	}
	texts := map[key]map[string]bool{}
	cols := map[int]bool{}
	levels := 0
	for _, rs := range rows {
		if len(rs) > 0 {
			levels++
		}
		for _, r := range rs {
			for col, c := range r.cells {
				cols[col] = true
				k := key{col, strings.ToLower(r.name.Value)}
				if texts[k] == nil {
					texts[k] = map[string]bool{}
				}
				texts[k][cellKey(c)] = true
			}
		}
	}
	constant := map[int]bool{}
	if levels >= 2 {
		for col := range cols {
			constant[col] = true
		}
		for k, set := range texts {
			if len(set) > 1 {
				constant[k.col] = false
			}
		}
	}
	keep := map[int]bool{}
	for col := range cols {
		keep[col] = !constant[col]
	}
	if len(keep) > 0 && !anyTrue(keep) {
		for col := range keep {
			keep[col] = true // nothing varies: every column counts
		}
	}
	return keep
}

func anyTrue(m map[int]bool) bool {
	for _, v := range m {
		if v {
			return true
		}
	}
	return false
}

// sortedCols are the columns of m in increasing order.
func sortedCols(m map[int]*markdown.Cell) []int {
	var cols []int
	for col := range m {
		cols = append(cols, col)
	}
	for i := 1; i < len(cols); i++ {
		for j := i; j > 0 && cols[j] < cols[j-1]; j-- {
			cols[j], cols[j-1] = cols[j-1], cols[j]
		}
	}
	return cols
}

// plausibleHeadingTables keeps a heading-table ladder whose levels are not
// priorities (rank 0), whose categories recur across levels, whose cells
// read like prose, and whose page speaks of careers.
func (x *extractor) plausibleHeadingTables(l *Ladder, headers []string) bool {
	recurring := false
	for i := range l.Categories {
		n := 0
		for _, lv := range l.Levels {
			if lv.Cells[i] != nil {
				n++
			}
		}
		recurring = recurring || n >= 2
	}
	prose, filled := 0, 0
	for _, lv := range l.Levels {
		if lv.Rank == 0 {
			return false
		}
		for _, c := range lv.Cells {
			if c != nil && !c.Empty() {
				filled++
				if isProse(c.Text) {
					prose++
				}
			}
		}
	}
	if !recurring || filled == 0 || prose*2 < filled {
		return false
	}
	l.Name = x.nameAbove(l.Span.Start, l.depth)
	around := append([]string{l.Name}, headers...)
	return careerTable(l, around, categoryNames(l))
}

// categoryNames are the names of l's categories, less the "Expectations"
// that a shape gives a ladder whose categories have no names.
func categoryNames(l *Ladder) []string {
	names := make([]string, 0, len(l.Categories))
	for _, c := range l.Categories {
		if c.Name != Expectations {
			names = append(names, c.Name)
		}
	}
	return names
}

// cellKey is what a cell says, item by item, spacing ignored: "<br>" and
// "<br> <br>" between the same items say the same.
func cellKey(c *markdown.Cell) string {
	parts := make([]string, 0, len(c.Items))
	for _, it := range c.Items {
		parts = append(parts, strings.Join(strings.Fields(it.Value), " "))
	}
	return strings.Join(parts, "\n")
}

package ladder

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// captionedTables finds ladders in tables whose rows are levels but whose
// level label sits inside the first cell under a "Level" caption:
//
//	<td><h3>Level</h3><p>2</p><h3>Title</h3><p>Software Engineer</p></td>
//	<td><h3>Delivery</h3><ul><li>…</li></ul><h3>Communication</h3>…</td>
//
// The number under the caption is the level (a bare number counts only
// there, and "3/4" names a level that merges two); the headings inside the
// other cells are the categories, each owning the items up to the next
// heading. A cell without headings is one category named by its column
// header.
func (x *extractor) captionedTables() []*Ladder {
	var out []*Ladder
	for _, t := range x.page.Tables {
		if l := x.captionedTable(t); l != nil {
			out = append(out, l)
		}
	}
	return out
}

func (x *extractor) captionedTable(t *markdown.Table) *Ladder {
	if len(t.Grid) < 2 || len(t.Grid[0]) < 2 {
		return nil
	}
	header := -1
	var l *Ladder
	var labelCells []string
	var merged []markdown.Problem // labels that name two levels
	for r := range t.Grid {
		c := t.Grid[r][0]
		if c == nil || c.Row != r {
			continue
		}
		lv, ok := x.captionedLevel(c)
		if !ok {
			if l == nil && isHeaderRow(t, r) {
				header = r
			}
			continue
		}
		if l == nil {
			l = &Ladder{Format: LevelRows, Table: t.Kind, Span: t.Span}
			if header >= 0 {
				l.labelHeader = t.Grid[header][0].Text
			}
		}
		lv.Block = t.Rows[r].Span
		if p, ok := mergedProblem(lv); ok {
			merged = append(merged, p)
		}
		labelCells = append(labelCells, c.Text)
		for col := 1; col < len(t.Grid[r]); col++ {
			cell := t.Grid[r][col]
			if cell == nil || cell.Col != col {
				continue
			}
			name := markdown.Text{Value: Expectations, Span: cell.Span}
			if h := cellAt(t, header, col); h != nil && strings.TrimSpace(h.Text) != "" {
				name = markdown.Text{Value: h.Text, Span: h.Span}
			}
			x.captionedCells(t, l, lv, cell, name, cell.Row != r)
		}
		l.Levels = append(l.Levels, lv)
	}
	if l == nil || len(l.Levels) < 2 || len(l.Categories) == 0 {
		return nil
	}
	for _, lv := range l.Levels {
		if lv.Rank == 0 {
			return nil
		}
		for len(lv.Cells) < len(l.Categories) {
			lv.Cells = append(lv.Cells, nil)
		}
	}
	for _, p := range t.Problems {
		if p.Span.Start >= l.Span.Start && p.Span.Start < l.Span.End {
			l.Problems = append(l.Problems, p)
		}
	}
	l.Problems = append(l.Problems, merged...)
	var around []string
	l.Name = x.nameAbove(t.Span.Start, 7)
	around = append(around, l.Name, l.labelHeader)
	if header >= 0 {
		for _, h := range t.Rows[header].Cells {
			around = append(around, h.Text)
		}
	}
	if !careerTable(l, around, append(categoryNames(l), labelCells...)) {
		return nil
	}
	return l
}

// levelCaption is the caption a level number stands under.
var levelCaption = regexp.MustCompile(`(?i)^(job |career )?level\s*:?$`)

// bareLevel is a level written as a bare number, or two merged ("3/4").
var bareLevel = regexp.MustCompile(`^(\d{1,2})(\s*[/&,–-]\s*\d{1,2})?$`)

// bareLabel reads a level written as a bare number ("3"; "3/4" reads as 3).
func bareLabel(text string) (Label, bool) {
	m := bareLevel.FindStringSubmatch(text)
	if m == nil {
		return Label{}, false
	}
	rank, _ := strconv.Atoi(m[1])
	return Label{Track: DefaultTrack, Rank: rank, TokenEnd: len(text)}, true
}

// mergedProblem is the problem of a bare label that names two levels ("3/4").
func mergedProblem(lv *Level) (markdown.Problem, bool) {
	if m := bareLevel.FindStringSubmatch(strings.TrimSpace(lv.Label)); m != nil && m[2] != "" {
		return markdown.Problem{Span: lv.Span, Message: fmt.Sprintf(
			"level %q names two levels in one row; give each level its own row", lv.Label)}, true
	}
	return markdown.Problem{}, false
}

// captionedLevel reads the level under a "Level" caption item of c.
func (x *extractor) captionedLevel(c *markdown.Cell) (*Level, bool) {
	for i := 0; i+1 < len(c.Items); i++ {
		if !levelCaption.MatchString(strings.TrimSpace(c.Items[i].Value)) {
			continue
		}
		v := c.Items[i+1]
		text := strings.TrimSpace(v.Value)
		lb, ok := x.opt.Levels.Match(text)
		if !ok {
			if lb, ok = bareLabel(text); !ok {
				return nil, false
			}
		}
		lv := levelOf(text, lb, v.Span)
		lv.ID, lv.Href = c.ID, c.Href
		return lv, true
	}
	return nil, false
}

// captionedCells files the items of cell under the categories its headings
// name (its column header) when it has no headings.
func (x *extractor) captionedCells(t *markdown.Table, l *Ladder, lv *Level, cell *markdown.Cell, name markdown.Text, shared bool) {
	headings := headingSpans(x.page.File.Data, t, cell)
	var cur *Cell
	curIndex := -1
	add := func() {
		if cur == nil {
			return
		}
		cur.Text = joinItems(cur.Items)
		if len(cur.Items) > 0 {
			cur.Span = source.Span{Start: cur.Items[0].Span.Start, End: cur.Items[len(cur.Items)-1].Span.End}
		}
		for len(lv.Cells) <= curIndex {
			lv.Cells = append(lv.Cells, nil)
		}
		lv.Cells[curIndex] = addPart(lv.Cells[curIndex], cur)
		cur = nil
	}
	for _, it := range cell.Items {
		if within(it.Span, headings) {
			add()
			curIndex = categoryIndex(l, it.Value, it.Span)
			cur = &Cell{Category: l.Categories[curIndex].Name, Span: it.Span, Shared: shared}
			continue
		}
		if cur == nil {
			curIndex = categoryIndex(l, name.Value, name.Span)
			cur = &Cell{Category: l.Categories[curIndex].Name, Span: cell.Span, Shared: shared}
		}
		cur.Items = append(cur.Items, it)
	}
	if cur == nil && len(cell.Items) == 0 {
		// An empty cell is an empty cell of its column's category.
		curIndex = categoryIndex(l, name.Value, name.Span)
		cur = &Cell{Category: l.Categories[curIndex].Name, Span: cell.Span, Shared: shared}
	}
	add()
}

// within reports whether s lies inside one of spans.
func within(s source.Span, spans []source.Span) bool {
	for _, h := range spans {
		if s.Start >= h.Start && s.End <= h.End {
			return true
		}
	}
	return false
}

// headingSpans returns the spans of the <h1>…<h6> elements inside an HTML
// cell, from the tokens of x/net/html over the cell's source. Pipe cells
// have none.
func headingSpans(data []byte, t *markdown.Table, c *markdown.Cell) []source.Span {
	if t.Kind != markdown.HTML || c.Span.End > len(data) || c.Span.Start >= c.Span.End {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(data[c.Span.Start:c.Span.End]))
	off := c.Span.Start
	var out []source.Span
	open := -1
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			if isHeadingTag(z) {
				open = off
			}
		case html.EndTagToken:
			if open >= 0 && isHeadingTag(z) {
				out = append(out, source.Span{Start: open, End: start})
				open = -1
			}
		}
	}
}

func isHeadingTag(z *html.Tokenizer) bool {
	n, _ := z.TagName()
	return len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'
}

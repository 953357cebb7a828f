package ladder

import (
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// categoryItem matches a bullet that names its category: "Impact: …",
// "**Impact**: …", "Impact:" followed by nested bullets.
var categoryItem = regexp.MustCompile(`^([\p{L}][\p{L}\p{N} &/'’\-]{0,39}?)\s*:\s*(.*)$`)

// headings finds ladders written as one heading per level, each followed by
// "- Category: text" bullets. Consecutive level headings of the same depth
// form one ladder; any other heading of that depth or above ends it.
func (x *extractor) headings() []*Ladder {
	var out []*Ladder
	var l *Ladder
	depth := 0
	finish := func() {
		if l != nil && x.plausibleHeadings(l) {
			out = append(out, l)
		}
		l = nil
	}
	for _, s := range x.page.Sections {
		lb, ok := x.opt.Levels.Match(s.Heading.Value)
		if !ok || len(s.Heading.Value) > 80 {
			if l != nil && s.Level <= depth {
				finish()
			}
			continue
		}
		if l != nil && s.Level != depth {
			finish()
		}
		if l == nil {
			l = &Ladder{Format: Headings, Span: s.Heading.Span, depth: s.Level}
			depth = s.Level
		}
		lv := &Level{Label: shortLabel(s.Heading.Value, lb), Code: lb.Code(), Track: lb.Track, Rank: lb.Rank,
			Span: s.Heading.Span, Block: s.Heading.Span}
		for _, it := range s.Items {
			name, cell, ok := headingCell(it)
			if !ok {
				continue
			}
			i := categoryIndex(l, name, it.Text.Span)
			for len(lv.Cells) <= i {
				lv.Cells = append(lv.Cells, nil)
			}
			lv.Cells[i] = mergeHeadingCell(lv.Cells[i], cell)
			lv.Block.End = max(lv.Block.End, endOf(it))
		}
		l.Levels = append(l.Levels, lv)
		l.Span.End = max(l.Span.End, lv.Block.End)
	}
	finish()
	for _, l := range out {
		for _, lv := range l.Levels {
			for len(lv.Cells) < len(l.Categories) {
				lv.Cells = append(lv.Cells, nil)
			}
		}
	}
	return out
}

// plausibleHeadings keeps a heading ladder when at least two levels name
// categories and some category recurs across levels.
func (x *extractor) plausibleHeadings(l *Ladder) bool {
	withCells := 0
	for _, lv := range l.Levels {
		if lv.Rank == 0 {
			return false
		}
		for _, c := range lv.Cells {
			if c != nil {
				withCells++
				break
			}
		}
	}
	return len(l.Levels) >= 2 && withCells >= 2 && withCells*2 >= len(l.Levels)
}

// headingCell reads "Category: text" from a list item, with nested bullets as
// further behaviours.
func headingCell(it *markdown.ListItem) (string, *Cell, bool) {
	m := categoryItem.FindStringSubmatchIndex(it.Text.Value)
	if m == nil {
		return "", nil, false
	}
	v := it.Text.Value
	name := strings.TrimSpace(v[m[2]:m[3]])
	rest := strings.TrimSpace(v[m[4]:m[5]])
	c := &Cell{Category: name, Span: it.Text.Span}
	if rest != "" {
		c.Items = append(c.Items, markdown.Text{Value: rest, Span: it.Text.Span})
	}
	var walk func([]*markdown.ListItem)
	walk = func(items []*markdown.ListItem) {
		for _, ch := range items {
			if ch.Text.Value != "" {
				c.Items = append(c.Items, ch.Text)
			}
			walk(ch.Children)
		}
	}
	walk(it.Children)
	var parts []string
	for _, t := range c.Items {
		parts = append(parts, t.Value)
	}
	c.Text = strings.Join(parts, " ")
	return name, c, true
}

func mergeHeadingCell(acc, c *Cell) *Cell {
	if acc == nil {
		return c
	}
	acc.Items = append(acc.Items, c.Items...)
	acc.Text = strings.TrimSpace(acc.Text + " " + c.Text)
	return acc
}

// categoryIndex returns the index of the category called name (case and
// surrounding space ignored), adding it when new.
func categoryIndex(l *Ladder, name string, span source.Span) int {
	for i, c := range l.Categories {
		if strings.EqualFold(c.Name, name) {
			return i
		}
	}
	l.Categories = append(l.Categories, Category{Name: name, Span: span})
	return len(l.Categories) - 1
}

func endOf(it *markdown.ListItem) int {
	end := it.Text.Span.End
	for _, c := range it.Children {
		end = max(end, endOf(c))
	}
	return end
}

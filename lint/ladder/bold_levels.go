package ladder

import (
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// BoldLevels is the format of a ladder whose levels are bold paragraphs or
// list items under one heading, each followed by what the level does.
const BoldLevels Format = "bold-levels"

// mention is a level named inside a section — by a bold paragraph, a list
// item or a sub-heading — with what the level says there.
type mention struct {
	lb    Label
	label string      // the label as written
	span  source.Span // the label
	block source.Span // the label and everything the level says
	// pieces are what the level says, in order.
	pieces []piece
	// style tells apart "**Senior**" standalone, "**Senior**: text",
	// "- Senior: text": a non-level label of the same style between two
	// levels makes the run a glossary, not a ladder.
	style string
	// at is where an empty level's cell points: its label paragraph or item.
	at source.Span
}

// piece is one thing a level says: a paragraph, the rest of its label line,
// or a list item with its nested items.
type piece struct {
	text markdown.Text
	item *markdown.ListItem
}

func (p piece) end() int {
	if p.item != nil {
		return endOf(p.item)
	}
	return p.text.Span.End
}

// articles may open a label paragraph: "A __Junior Developer__ is capable of:".
var articles = map[string]bool{"": true, "a": true, "an": true, "the": true, "as a": true, "as an": true}

// labelSep opens the text after a label: "**Senior**: …", "**Senior** — …".
var labelSep = regexp.MustCompile(`^\s*(?::|-|–|—)\s*`)

// blockLabel reads a level label that opens a paragraph or list item whose
// plain text is value and whose strong runs are strong. It returns the label,
// its span, the text after it (the level's first words, "" when the line
// only introduces what follows) and the label's style.
func (x *extractor) blockLabel(value string, strong []markdown.Text, whole source.Span, item bool) (Label, string, source.Span, string, string, bool) {
	style := "p"
	if item {
		style = "i"
	}
	if len(strong) > 0 {
		s := strong[0]
		i := strings.Index(value, s.Value)
		if i >= 0 && s.Value != "" && len(s.Value) <= 80 && !strings.HasSuffix(s.Value, "?") {
			prefix := strings.ToLower(strings.TrimSpace(value[:i]))
			rest := value[i+len(s.Value):]
			if lb, ok := x.opt.Levels.Match(s.Value); ok && articles[prefix] {
				trimmed := strings.TrimSpace(rest)
				switch {
				case trimmed == "" || trimmed == ":":
					return lb, s.Value, s.Span, "", style + "b", true
				case prefix == "" && labelSep.MatchString(rest):
					return lb, s.Value, s.Span, labelSep.ReplaceAllString(rest, ""), style + "b:", true
				case strings.HasSuffix(trimmed, ":") && len(strings.Fields(trimmed)) <= 8:
					// "… is capable of:" introduces the list that follows.
					return lb, s.Value, s.Span, "", style + "b", true
				}
			}
			if prefix == "" {
				// Another bold label: a glossary term, an FAQ question.
				return Label{}, "", source.Span{}, "", style + "b" + sepStyle(rest), false
			}
		}
	}
	if !item {
		return Label{}, "", source.Span{}, "", "", false
	}
	// "- IC2: ships features", "1. Associate Engineer" with nested bullets.
	v := strings.TrimSpace(value)
	if name, rest, ok := splitCategory(v); ok && rest != "" {
		if lb, ok := x.opt.Levels.Match(name); ok {
			return lb, name, whole, rest, "i:", true
		}
		return Label{}, "", source.Span{}, "", "i:", false
	}
	v = strings.TrimSuffix(v, ":")
	if len(v) <= 60 && len(strings.Fields(v)) <= 6 && !strings.HasSuffix(v, ".") {
		if lb, ok := x.opt.Levels.Match(v); ok {
			return lb, v, whole, "", "i", true
		}
	}
	return Label{}, "", source.Span{}, "", "", false
}

func sepStyle(rest string) string {
	if labelSep.MatchString(rest) {
		return ":"
	}
	return ""
}

// blockMentions finds the levels named by the paragraphs and list items of
// s. A paragraph label takes the blocks after it up to the next label; one
// that ends in a colon ("… is capable of:") takes only the list it
// introduces. A list item label takes the rest of its line and its nested
// items.
func (x *extractor) blockMentions(s *markdown.Section) []*mention {
	var out []*mention
	var cur *mention
	intro := false // cur ends after the list its label introduces
	var others []otherLabel
	for _, bl := range s.Blocks {
		switch bl.Kind {
		case markdown.ParagraphBlock:
			lb, label, span, rest, style, ok := x.blockLabel(bl.Text.Value, bl.Strong, bl.Span, false)
			if ok {
				cur = &mention{lb: lb, label: label, span: span, block: bl.Span, style: style, at: bl.Span}
				if rest != "" {
					cur.pieces = append(cur.pieces, piece{text: markdown.Text{Value: rest, Span: bl.Span}})
				}
				intro = rest == "" && strings.HasSuffix(bl.Text.Value, ":")
				out = append(out, cur)
				continue
			}
			if style != "" {
				others = append(others, otherLabel{bl.Span.Start, style})
			}
			if cur != nil && !intro {
				cur.pieces = append(cur.pieces, piece{text: bl.Text})
				cur.block.End = bl.Span.End
			} else {
				cur = nil
			}
		case markdown.ListBlock:
			if x.levelList(bl) {
				cur = nil
				for _, it := range bl.Items {
					lb, label, span, rest, style, ok := x.blockLabel(it.Text.Value, it.Strong, it.Text.Span, true)
					if !ok {
						if style != "" {
							others = append(others, otherLabel{it.Text.Span.Start, style})
						}
						if cur != nil {
							cur.pieces = append(cur.pieces, piece{item: it})
							cur.block.End = endOf(it)
						}
						continue
					}
					cur = &mention{lb: lb, label: label, span: span, block: source.Span{Start: it.Text.Span.Start, End: endOf(it)}, style: style, at: it.Text.Span}
					if rest != "" {
						cur.pieces = append(cur.pieces, piece{text: markdown.Text{Value: rest, Span: it.Text.Span}})
					}
					for _, c := range it.Children {
						cur.pieces = append(cur.pieces, piece{item: c})
					}
					out = append(out, cur)
				}
				cur = nil
				continue
			}
			if cur == nil {
				continue
			}
			for _, it := range bl.Items {
				cur.pieces = append(cur.pieces, piece{item: it})
			}
			cur.block.End = max(cur.block.End, bl.Span.End)
			if intro {
				cur = nil
			}
		}
	}
	return dropGlossary(out, others)
}

// otherLabel is a bold or "Term:" label that names no level.
type otherLabel struct {
	at    int
	style string
}

// levelList reports whether some top-level item of a list names a level.
func (x *extractor) levelList(bl *markdown.Block) bool {
	for _, it := range bl.Items {
		if _, _, _, _, _, ok := x.blockLabel(it.Text.Value, it.Strong, it.Text.Span, true); ok {
			return true
		}
	}
	return false
}

// dropGlossary removes the mentions of a style when a label of that style
// that names no level sits between two of them: "**API**: …" between
// "**Engineer**: …" and "**Senior Engineer**: …" is a glossary.
func dropGlossary(ms []*mention, others []otherLabel) []*mention {
	bad := map[string]bool{}
	for _, o := range others {
		first, last := -1, -1
		for _, m := range ms {
			if m.style != o.style {
				continue
			}
			if first < 0 {
				first = m.block.Start
			}
			last = m.block.Start
		}
		if first >= 0 && o.at > first && o.at < last {
			bad[o.style] = true
		}
	}
	if len(bad) == 0 {
		return ms
	}
	kept := ms[:0]
	for _, m := range ms {
		if !bad[m.style] {
			kept = append(kept, m)
		}
	}
	return kept
}

// boldLevels finds ladders whose levels are bold paragraphs or list items
// under one heading ("**Senior Engineer**" followed by its expectations,
// "- **Level 2**" with nested bullets). Their one category is Expectations,
// unless "Category:" labels recur across the levels; then those are the
// categories and the level's other text is its summary.
func (x *extractor) boldLevels() []*Ladder {
	var out []*Ladder
	for si := range x.page.Sections {
		ms := x.sectionMentions(si)
		for len(ms) > 0 {
			// A label seen again, or written another way ("**M1**: …"
			// after "**IC3**" paragraphs), starts another ladder.
			n := 1
			seen := map[string]bool{levelKey(ms[0].label): true}
			for n < len(ms) && !seen[levelKey(ms[n].label)] && sameForm(ms[n], ms[0]) {
				seen[levelKey(ms[n].label)] = true
				n++
			}
			if l := x.boldLadder(si, ms[:n]); l != nil {
				out = append(out, l)
			}
			ms = ms[n:]
		}
	}
	return out
}

// sameForm reports whether two level labels are written alike: both
// paragraphs or both list items, both alone on their line or both followed
// by text ("**IC3**" and "3. IC3" are; "**IC3**" and "**M1**: …" are not).
func sameForm(a, b *mention) bool {
	return strings.ReplaceAll(a.style, "b", "") == strings.ReplaceAll(b.style, "b", "")
}

func levelKey(label string) string { return strings.ToLower(strings.Join(strings.Fields(label), " ")) }

// boldLadder builds the ladder of the mentions ms of section si, or nil when
// they are not a career ladder.
func (x *extractor) boldLadder(si int, ms []*mention) *Ladder {
	if len(ms) < 2 {
		return nil
	}
	withContent := 0
	labels := make([]string, 0, len(ms))
	for _, m := range ms {
		if m.lb.Rank == 0 {
			return nil
		}
		if len(m.pieces) > 0 {
			withContent++
		}
		labels = append(labels, m.label)
	}
	if withContent < 2 || withContent*2 < len(ms) || !x.careerSection(si, labels) {
		return nil
	}
	l := &Ladder{Format: BoldLevels, Name: x.page.Sections[si].Heading.Value, Span: ms[0].block}
	categorised := recurringLabels(ms)
	for _, m := range ms {
		lv := levelOf(m.label, m.lb, m.span)
		lv.Block = m.block
		var rest []piece
		for _, p := range m.pieces {
			if name, cell, ok := pieceCategory(p); ok && categorised[strings.ToLower(name)] {
				addCategory(l, lv, name, cell.Span, cell)
				continue
			}
			rest = append(rest, p)
		}
		if len(categorised) > 0 {
			if len(rest) > 0 {
				lv.Summary = piecesCell(rest, m.at)
			}
		} else {
			if len(l.Categories) == 0 {
				l.Categories = []Category{{Name: Expectations, Span: m.span}}
			}
			c := piecesCell(rest, m.at)
			c.Category = Expectations
			lv.Cells = []*Cell{c}
		}
		l.Levels = append(l.Levels, lv)
		l.Span.End = max(l.Span.End, m.block.End)
	}
	for _, lv := range l.Levels {
		for len(lv.Cells) < len(l.Categories) {
			lv.Cells = append(lv.Cells, nil)
		}
	}
	collapseUnstable(l, nil)
	return l
}

// recurringLabels are the lower-case category labels ("Impact:") that at
// least two levels of ms use.
func recurringLabels(ms []*mention) map[string]bool {
	count := map[string]int{}
	for _, m := range ms {
		seen := map[string]bool{}
		for _, p := range m.pieces {
			if name, _, ok := pieceCategory(p); ok && !seen[strings.ToLower(name)] {
				seen[strings.ToLower(name)] = true
				count[strings.ToLower(name)]++
			}
		}
	}
	out := map[string]bool{}
	for name, n := range count {
		if n >= 2 {
			out[name] = true
		}
	}
	return out
}

// pieceCategory reads "Category: text" from a piece: a list item (with its
// nested items) or a paragraph.
func pieceCategory(p piece) (string, *Cell, bool) {
	if p.item != nil {
		return headingCell(p.item)
	}
	return headingCell(&markdown.ListItem{Text: p.text})
}

// piecesCell is the cell made of pieces; an empty cell points at at.
func piecesCell(ps []piece, at source.Span) *Cell {
	c := &Cell{Span: at}
	end := 0
	for _, p := range ps {
		if p.item != nil {
			c.Items = appendItems(c.Items, []*markdown.ListItem{p.item})
		} else if p.text.Value != "" {
			c.Items = append(c.Items, p.text)
		}
		end = max(end, p.end())
	}
	c.Text = joinItems(c.Items)
	if len(c.Items) > 0 {
		c.Span = source.Span{Start: c.Items[0].Span.Start, End: end}
	}
	return c
}

// headingChain is the heading of section si and the headings of the
// sections that contain it, nearest first.
func (x *extractor) headingChain(si int) []string {
	var chain []string
	for i := si; i >= 0; i = x.parent(i) {
		chain = append(chain, x.page.Sections[i].Heading.Value)
	}
	return chain
}

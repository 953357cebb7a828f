package ladder

import (
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// CategoryMajor is the format of a ladder written one heading per category,
// with the levels under each: as sub-headings, bold paragraphs or list items.
const CategoryMajor Format = "category-headings"

// container is a section whose content names two or more levels: under a
// category-major page, one category.
type container struct {
	sec      int // the section holding the mentions
	cat      int // the section that names the category (sec or an ancestor)
	mentions []*mention
}

// categoryMajor finds ladders written category by category: each category a
// heading, and under it the levels ("### Junior", "A __Junior Developer__ is
// capable of:", "- IC1: …"). The ladder is turned to levels × categories: the
// cell (level, category) is what the level's block under that category says,
// a level absent under a category is a missing cell, and the levels come in
// the order they first appear. Pages whose categories hold ordinal tiers with
// no level labels ("#### Adopts" … "#### Creates" under each area) are read
// by tierLadders.
func (x *extractor) categoryMajor() []*Ladder {
	cs := x.containers()
	x.nameCategories(x.page.Sections, cs)
	var out []*Ladder
	for len(cs) > 0 {
		n := 1
		for n < len(cs) && x.siblings(cs[n-1].cat, cs[n].cat) {
			n++
		}
		if l := x.categoryLadder(cs[:n]); l != nil {
			out = append(out, l)
		}
		cs = cs[n:]
	}
	return append(out, x.tierLadders()...)
}

// containers are the sections whose level mentions — sub-headings, bold
// paragraphs, list items — name at least two distinct levels, in page order.
func (x *extractor) containers() []*container {
	secs := x.page.Sections
	bySec := map[int]*container{}
	var out []*container
	add := func(sec int, m *mention) {
		c := bySec[sec]
		if c == nil {
			c = &container{sec: sec, cat: sec}
			bySec[sec] = c
			out = append(out, c)
		}
		c.mentions = append(c.mentions, m)
	}
	for i := range secs {
		if lb, ok := x.headingLabel(i); ok {
			if p := x.parent(i); p >= 0 {
				add(p, x.headingMention(i, lb))
			}
			continue
		}
		for _, m := range x.sectionMentions(i) {
			add(i, m)
		}
	}
	kept := out[:0]
	for _, c := range out {
		if distinctLevels(c.mentions) >= 2 {
			kept = append(kept, c)
		}
	}
	// A container of level headings comes where its first level is.
	sortContainers(kept)
	return kept
}

func sortContainers(cs []*container) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].mentions[0].span.Start < cs[j-1].mentions[0].span.Start; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// distinctLevels counts the distinct labels of ms, or 0 when one repeats
// (a container naming a level twice is not one category).
func distinctLevels(ms []*mention) int {
	seen := map[string]bool{}
	for _, m := range ms {
		k := levelKey(m.label)
		if seen[k] {
			return 0
		}
		seen[k] = true
	}
	return len(seen)
}

// parent is the nearest section before i with a lower heading level, or -1.
func (x *extractor) parent(i int) int {
	if x.parents == nil {
		secs := x.page.Sections
		x.parents = make([]int, len(secs))
		var stack []int
		for j, s := range secs {
			for len(stack) > 0 && secs[stack[len(stack)-1]].Level >= s.Level {
				stack = stack[:len(stack)-1]
			}
			x.parents[j] = -1
			if len(stack) > 0 {
				x.parents[j] = stack[len(stack)-1]
			}
			stack = append(stack, j)
		}
	}
	return x.parents[i]
}

// headingMention is the level named by the heading of section i: its
// paragraphs and lists, and those of its deeper sub-sections.
func (x *extractor) headingMention(i int, lb Label) *mention {
	secs := x.page.Sections
	h := secs[i].Heading
	m := &mention{lb: lb, label: h.Value, span: h.Span, block: h.Span, style: "h", at: h.Span}
	for j := i; j < len(secs) && (j == i || secs[j].Level > secs[i].Level); j++ {
		for _, bl := range secs[j].Blocks {
			if bl.Kind == markdown.ParagraphBlock {
				m.pieces = append(m.pieces, piece{text: bl.Text})
			}
			for _, it := range bl.Items {
				m.pieces = append(m.pieces, piece{item: it})
			}
			m.block.End = max(m.block.End, bl.Span.End)
		}
	}
	return m
}

// nameCategories picks, for each container, the section that names its
// category: the container itself, or — while containers share a heading
// ("### Capabilities" under each "## Business Analysis") — its ancestors.
func (x *extractor) nameCategories(secs []*markdown.Section, cs []*container) {
	for range 6 {
		count := map[string]int{}
		for _, c := range cs {
			count[strings.ToLower(secs[c.cat].Heading.Value)]++
		}
		moved := false
		for _, c := range cs {
			if count[strings.ToLower(secs[c.cat].Heading.Value)] < 2 {
				continue
			}
			if p := x.parent(c.cat); p >= 0 {
				c.cat = p
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// siblings reports whether sections a and b are headings of the same depth
// under the same parent.
func (x *extractor) siblings(a, b int) bool {
	secs := x.page.Sections
	return a != b && secs[a].Level == secs[b].Level && x.parent(a) == x.parent(b)
}

// categoryLadder transposes the containers cs (one per category) into a
// ladder, or returns nil when they do not read as one: fewer than two
// categories, a category naming fewer than two levels, or more than a third
// of the levels named under only one category (two tracks side by side, not
// one ladder told category by category).
func (x *extractor) categoryLadder(cs []*container) *Ladder {
	if len(cs) < 2 {
		return nil
	}
	secs := x.page.Sections
	var levels []*Level
	index := map[string]int{}
	where := map[string]int{} // categories naming each level
	var labels []string
	for _, c := range cs {
		for _, m := range c.mentions {
			k := levelKey(m.label)
			if m.lb.Rank == 0 {
				return nil
			}
			if _, ok := index[k]; !ok {
				index[k] = len(levels)
				lv := levelOf(m.label, m.lb, m.span)
				lv.Block = m.block
				levels = append(levels, lv)
				labels = append(labels, m.label)
			}
			where[k]++
		}
	}
	single := 0
	for _, n := range where {
		if n == 1 {
			single++
		}
	}
	if len(levels) < 2 || single*3 > len(levels) {
		return nil
	}
	parent := x.parent(cs[0].cat)
	if !x.careerSection(max(parent, cs[0].cat), labels) {
		return nil
	}
	l := &Ladder{Format: CategoryMajor, Span: secs[cs[0].cat].Heading.Span}
	if parent >= 0 {
		l.Name = secs[parent].Heading.Value
	}
	for _, lv := range levels {
		lv.Cells = make([]*Cell, len(cs))
	}
	for i, c := range cs {
		h := secs[c.cat].Heading
		l.Categories = append(l.Categories, Category{Name: h.Value, Span: h.Span})
		for _, m := range c.mentions {
			lv := levels[index[levelKey(m.label)]]
			cell := piecesCell(m.pieces, m.at)
			cell.Category = h.Value
			lv.Cells[i] = cell
			lv.Block.Start = min(lv.Block.Start, m.block.Start)
			lv.Block.End = max(lv.Block.End, m.block.End)
			l.Span.End = max(l.Span.End, m.block.End)
		}
	}
	l.Levels = levels
	return l
}

// tierLadders reads category-major pages whose levels are ordinal tiers
// without level labels: under a heading with a career word ("## Levels" in a
// page titled "Product Manager Ladders"), two or more area headings each with
// the same number (three or more) of sub-headings, none a level label, each
// saying something (a heading that is only a link is navigation, not a tier). Every area is a one-category ladder whose levels are its
// tiers, ranked by position.
func (x *extractor) tierLadders() []*Ladder {
	secs := x.page.Sections
	var out []*Ladder
	for p := range secs {
		var areas [][]int // per area: its section, then its tier sections
		for a := p + 1; a < len(secs) && secs[a].Level > secs[p].Level; a++ {
			if x.parent(a) != p {
				continue
			}
			tiers := []int{a}
			for t := a + 1; t < len(secs) && secs[t].Level > secs[a].Level; t++ {
				if x.parent(t) == a && !secs[t].LinkOnly {
					tiers = append(tiers, t)
				}
			}
			if len(tiers) > 1 {
				areas = append(areas, tiers)
			}
		}
		if len(areas) < 2 || !tierParent.MatchString(secs[p].Heading.Value) || !x.tiersAlike(areas) || !x.careerSection(p, nil) {
			continue
		}
		for _, area := range areas {
			out = append(out, x.tierLadder(secs[p].Heading.Value, area))
		}
	}
	return out
}

// tierParent is the heading above the areas of a tier page: it says that
// levels follow ("## Levels", "## Ladder").
var tierParent = regexp.MustCompile(`(?i)\b(levels?|ladders?|grades?|bands?|progression)\b`)

// tiersAlike reports whether every area has the same number (≥ 3) of tier
// headings, none of them a level label or longer than a few words, each
// with something under it. Areas that are level labels, or that repeat the
// same sub-headings, are a level-major page whose sub-headings are categories.
func (x *extractor) tiersAlike(areas [][]int) bool {
	secs := x.page.Sections
	n := len(areas[0]) - 1
	if n < 3 {
		return false
	}
	sequences := map[string]bool{}
	for _, area := range areas {
		if len(area)-1 != n {
			return false
		}
		if _, ok := x.opt.Levels.Match(secs[area[0]].Heading.Value); ok {
			return false // "## Senior Engineer" with its categories: level-major
		}
		var seq []string
		for _, t := range area[1:] {
			seq = append(seq, strings.ToLower(secs[t].Heading.Value))
		}
		k := strings.Join(seq, "\n")
		if sequences[k] {
			return false // the same sub-headings under each: categories, not tiers
		}
		sequences[k] = true
		for _, t := range area[1:] {
			h := secs[t].Heading.Value
			if _, ok := x.opt.Levels.Match(h); ok || len(strings.Fields(h)) > 4 || len(secs[t].Blocks) == 0 {
				return false
			}
		}
	}
	return true
}

// tierLadder is the one-category ladder of area[0], whose tiers are the
// sections area[1:], ranked 1, 2, … in page order.
func (x *extractor) tierLadder(name string, area []int) *Ladder {
	secs := x.page.Sections
	h := secs[area[0]].Heading
	l := &Ladder{Format: CategoryMajor, Name: name, Span: h.Span, Categories: []Category{{Name: h.Value, Span: h.Span}}}
	for i, t := range area[1:] {
		m := x.headingMention(t, Label{Track: DefaultTrack, Rank: i + 1, TokenEnd: len(secs[t].Heading.Value)})
		lv := levelOf(m.label, m.lb, m.span)
		lv.Block = source.Span{Start: m.span.Start, End: max(m.block.End, m.span.End)}
		cell := piecesCell(m.pieces, m.at)
		cell.Category = h.Value
		lv.Cells = []*Cell{cell}
		l.Levels = append(l.Levels, lv)
		l.Span.End = max(l.Span.End, lv.Block.End)
	}
	return l
}

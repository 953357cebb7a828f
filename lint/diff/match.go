package diff

import (
	"slices"
	"strings"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// matchLadders pairs the ladders of one page's two versions: first by name
// and shared levels, then by shared levels alone, then by name alone. It
// returns, per old ladder, its new ladder (nil when gone) and, per new
// ladder, its old one.
func matchLadders(olds, news []*ladder.Ladder) ([]*ladder.Ladder, []*ladder.Ladder) {
	o2n := make([]*ladder.Ladder, len(olds))
	n2o := make([]*ladder.Ladder, len(news))
	pass := func(ok func(o, n *ladder.Ladder) bool) {
		for i, o := range olds {
			if o2n[i] != nil {
				continue
			}
			for j, n := range news {
				if n2o[j] == nil && ok(o, n) {
					o2n[i], n2o[j] = n, o
					break
				}
			}
		}
	}
	sameName := func(o, n *ladder.Ladder) bool { return norm(o.Name) == norm(n.Name) }
	if len(olds)*len(news) > maxLadderPairs {
		// A page of thousands of ladders is not a handbook page: pair them
		// in order, by name, without comparing levels.
		byName := map[string][]int{}
		for j, n := range news {
			byName[norm(n.Name)] = append(byName[norm(n.Name)], j)
		}
		for i, o := range olds {
			if js := byName[norm(o.Name)]; len(js) > 0 {
				o2n[i], n2o[js[0]] = news[js[0]], o
				byName[norm(o.Name)] = js[1:]
			}
		}
		return o2n, n2o
	}
	pass(func(o, n *ladder.Ladder) bool { return sameName(o, n) && levelSimilarity(o, n) >= 0.5 })
	pass(func(o, n *ladder.Ladder) bool { return levelSimilarity(o, n) >= 0.5 })
	pass(sameName)
	return o2n, n2o
}

// maxLadderPairs bounds the ladder pairs of one page compared by levels.
const maxLadderPairs = 10_000

// levelSimilarity is the share of level keys two ladders have in common
// (Jaccard, 0..1).
func levelSimilarity(a, b *ladder.Ladder) float64 {
	ka, kb := map[string]bool{}, map[string]bool{}
	for _, lv := range a.Levels {
		ka[norm(levelKey(lv))] = true
	}
	for _, lv := range b.Levels {
		kb[norm(levelKey(lv))] = true
	}
	both := 0
	for k := range ka {
		if kb[k] {
			both++
		}
	}
	union := len(ka) + len(kb) - both
	if union == 0 {
		return 0
	}
	return float64(both) / float64(union)
}

// compareLadders is the change of one ladder between its two versions; its
// Change is "" when nothing changed.
func compareLadders(bp *Page, o *ladder.Ladder, hp *Page, n *ladder.Ladder, opt Options) Ladder {
	c := Ladder{Path: hp.Path, Name: n.Name, Format: string(n.Format),
		Line: line(hp.File, n.Span.Start), OldLine: line(bp.File, o.Span.Start), span: n.Span, oldSpan: o.Span}
	changed := false
	if bp.Path != hp.Path {
		c.OldPath, changed = bp.Path, true
	}
	if o.Name != n.Name {
		c.OldName, changed = o.Name, true
	}
	catMap, cats := matchCategories(o, n)
	c.Categories = cats
	levels := matchLevels(o, n)
	c.Levels = compareLevels(bp, o, hp, n, levels, catMap, opt)
	if changed || len(c.Categories) > 0 || len(c.Levels) > 0 {
		c.Change = Changed
	}
	return c
}

// matchCategories pairs the categories of two versions of a ladder by
// name, then the rest by position (a category renamed in place). It
// returns old name → new name for every kept category, and the changes.
func matchCategories(o, n *ladder.Ladder) (map[string]string, []CategoryChange) {
	m := map[string]string{"": ""} // the summary row stays the summary row
	oldUsed := make([]bool, len(o.Categories))
	newUsed := make([]bool, len(n.Categories))
	for i, oc := range o.Categories {
		for j, nc := range n.Categories {
			if !newUsed[j] && norm(oc.Name) == norm(nc.Name) {
				m[oc.Name] = nc.Name
				oldUsed[i], newUsed[j] = true, true
				break
			}
		}
	}
	var out []CategoryChange
	// A category renamed in place keeps its position and either a word of
	// its name ("Teamwork and behaviors" → "Teamwork") or most of its text.
	for i, oc := range o.Categories {
		if !oldUsed[i] && i < len(n.Categories) && !newUsed[i] &&
			(similarity(words(oc.Name), words(n.Categories[i].Name)) > 0 ||
				similarity(words(categoryText(o, oc.Name)), words(categoryText(n, n.Categories[i].Name))) >= DefaultThreshold) {
			m[oc.Name] = n.Categories[i].Name
			oldUsed[i], newUsed[i] = true, true
			out = append(out, CategoryChange{Change: Renamed, OldName: oc.Name, Name: n.Categories[i].Name})
		}
	}
	for i, oc := range o.Categories {
		if !oldUsed[i] {
			out = append(out, CategoryChange{Change: Removed, OldName: oc.Name})
		}
	}
	for j, nc := range n.Categories {
		if !newUsed[j] {
			out = append(out, CategoryChange{Change: Added, Name: nc.Name})
		}
	}
	return m, out
}

// levelPair is an old level and its new version; either may be nil.
type levelPair struct {
	old, new *ladder.Level
	renamed  bool
}

// matchLevels pairs levels by code, then by label, then a level whose code
// and label both changed but that sits at the same position with similar
// content (a renamed level). The pairs follow the head's order, removed
// levels after the level they followed.
func matchLevels(o, n *ladder.Ladder) []levelPair {
	o2n := make([]int, len(o.Levels))
	n2o := make([]int, len(n.Levels))
	for i := range o2n {
		o2n[i] = -1
	}
	for j := range n2o {
		n2o[j] = -1
	}
	pass := func(key func(*ladder.Level) string) {
		for i, ol := range o.Levels {
			if o2n[i] >= 0 || key(ol) == "" {
				continue
			}
			for j, nl := range n.Levels {
				if n2o[j] < 0 && key(ol) == key(nl) {
					o2n[i], n2o[j] = j, i
					break
				}
			}
		}
	}
	pass(func(lv *ladder.Level) string { return lv.Code })
	pass(func(lv *ladder.Level) string { return norm(lv.Label) })
	renamed := map[int]bool{}
	for i, ol := range o.Levels {
		if o2n[i] < 0 && i < len(n.Levels) && n2o[i] < 0 &&
			similarity(words(ol.Text()), words(n.Levels[i].Text())) >= DefaultThreshold {
			o2n[i], n2o[i] = i, i
			renamed[i] = true
		}
	}
	var out []levelPair
	emitted := make([]bool, len(o.Levels))
	// removed levels that come before the first kept one
	flushRemovedBefore := func(limit int) {
		for i := 0; i < limit; i++ {
			if o2n[i] < 0 && !emitted[i] {
				emitted[i] = true
				out = append(out, levelPair{old: o.Levels[i]})
			}
		}
	}
	for j, nl := range n.Levels {
		i := n2o[j]
		if i >= 0 {
			flushRemovedBefore(i)
			out = append(out, levelPair{old: o.Levels[i], new: nl, renamed: renamed[i]})
			continue
		}
		out = append(out, levelPair{new: nl})
	}
	flushRemovedBefore(len(o.Levels))
	return out
}

// compareLevels compares the paired levels and their expectations.
func compareLevels(bp *Page, o *ladder.Ladder, hp *Page, n *ladder.Ladder, pairs []levelPair, catMap map[string]string, opt Options) []Level {
	var olds, news []*unit
	for _, p := range pairs {
		if p.old != nil {
			olds = append(olds, units(bp, p.old, p.new, catMap)...)
		}
		if p.new != nil {
			news = append(news, units(hp, p.new, p.new, nil)...)
		}
	}
	matchUnits(olds, news, opt.Threshold)
	var out []Level
	for _, p := range pairs {
		lc := Level{}
		switch {
		case p.old == nil:
			lc = Level{Change: Added, Code: p.new.Code, Label: p.new.Label, Line: line(hp.File, p.new.Span.Start)}
		case p.new == nil:
			lc = Level{Change: Removed, OldCode: p.old.Code, OldLabel: p.old.Label, OldLine: line(bp.File, p.old.Span.Start), oldSpan: p.old.Span}
		default:
			lc = Level{Code: p.new.Code, Label: p.new.Label, Line: line(hp.File, p.new.Span.Start), OldLine: line(bp.File, p.old.Span.Start), oldSpan: p.old.Span}
			if p.renamed || p.old.Code != p.new.Code || labelKey(p.old.Label) != labelKey(p.new.Label) {
				lc.Change, lc.OldCode, lc.OldLabel = Renamed, p.old.Code, p.old.Label
			}
			lc.AreasGained, lc.AreasLost = areaChange(p.old, p.new, opt.Areas)
		}
		if p.new != nil {
			for _, u := range news {
				if u.level != p.new {
					continue
				}
				if p.old == nil {
					lc.Count++
				}
				if e, ok := u.change(p.old == nil); ok {
					lc.Expectations = append(lc.Expectations, e)
				}
			}
		}
		if p.old != nil {
			for _, u := range olds {
				if u.level != p.old {
					continue
				}
				if p.new == nil {
					lc.Count++
					continue // a removed level's expectations are not listed one by one
				}
				if u.other == nil {
					lc.Expectations = append(lc.Expectations, Expectation{Change: Removed, Category: u.category,
						Text: u.text, OldLine: u.line})
				}
			}
		}
		sortExpectations(lc.Expectations)
		if lc.Change == "" && (len(lc.Expectations) > 0 || len(lc.AreasGained)+len(lc.AreasLost) > 0) {
			lc.Change = Changed
		}
		if lc.Change != "" {
			out = append(out, lc)
		}
	}
	return out
}

// sortExpectations orders a level's changes by category, then removed,
// edited, moved, added, keeping source order within each.
func sortExpectations(es []Expectation) {
	rank := map[Change]int{Removed: 0, Edited: 1, Moved: 2, Added: 3}
	slices.SortStableFunc(es, func(a, b Expectation) int {
		if c := strings.Compare(a.Category, b.Category); c != 0 {
			return c
		}
		return rank[a.Change] - rank[b.Change]
	})
}

// areaChange is the configured areas the new level covers and the old did
// not, and the reverse.
func areaChange(o, n *ladder.Level, areas []ladder.Area) (gained, lost []string) {
	if len(areas) == 0 {
		return nil, nil
	}
	ot, nt := strings.ToLower(o.Text()), strings.ToLower(n.Text())
	for _, a := range areas {
		was, is := a.Covers(ot), a.Covers(nt)
		switch {
		case is && !was:
			gained = append(gained, a.Name)
		case was && !is:
			lost = append(lost, a.Name)
		}
	}
	return gained, lost
}

// labelKey is a label without case or spaces: "IC 1" is "IC1" restyled,
// not renamed.
func labelKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "")
}

// categoryText is everything l's levels say in category name.
func categoryText(l *ladder.Ladder, name string) string {
	var b strings.Builder
	for _, lv := range l.Levels {
		for _, c := range lv.Cells {
			if c != nil && c.Category == name {
				b.WriteString(c.Text)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

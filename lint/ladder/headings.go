package ladder

import (
	"strings"
	"unicode"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// splitCategory reads a bullet that names its category: "Impact: …",
// "**Impact**: …", "Impact:" followed by nested bullets. The name is a
// letter and up to 49 letters, digits, spaces and ,&/'’- before the first
// colon (what `^([\p{L}][\p{L}\p{N} ,&/'’\-]{0,49}?)\s*:\s*(.*)$` matches,
// without a regular expression: it runs on every list item).
func splitCategory(v string) (name, rest string, ok bool) {
	i := strings.IndexByte(v, ':')
	if i <= 0 || i > 256 {
		return "", "", false
	}
	name = strings.TrimRight(v[:i], " \t\n\r\f\v")
	n := 0
	for _, r := range name {
		switch {
		case n == 0 && !unicode.IsLetter(r):
			return "", "", false
		case unicode.IsLetter(r) || unicode.IsNumber(r) || strings.ContainsRune(" ,&/'’-", r):
		default:
			return "", "", false
		}
		n++
	}
	if n == 0 || n > 50 {
		return "", "", false
	}
	return name, strings.TrimSpace(v[i+1:]), true
}

// headings finds ladders written as one heading per level, each followed by
// "- Category: text" bullets, by category sub-headings, or by plain bullets
// (one category, Expectations). Consecutive level headings form one ladder;
// any other heading at the ladder's depth or above ends it. A level heading
// with level headings under it ("### Senior Engineer" over "#### Senior
// Engineer I" and "II") groups them: the levels are the ones under it.
func (x *extractor) headings() []*Ladder {
	secs := x.page.Sections
	labels := make([]Label, len(secs))
	isLevel := make([]bool, len(secs))
	for i := range secs {
		labels[i], isLevel[i] = x.headingLabel(i)
	}
	for i := range secs {
		// A level heading over the whole ladder ("# Software Engineer"
		// over "## Junior Software Engineer") titles it; it is no level.
		if isLevel[i] && groups(secs, isLevel, i) && !hasSibling(secs, isLevel, i) {
			isLevel[i] = false
		}
	}
	var out []*Ladder
	var l *Ladder
	var lv *Level
	depth := 0
	subheadings := map[string]bool{} // categories named by sub-headings
	var pending *markdown.Section    // the level's own prose and plain bullets
	var plain []*markdown.ListItem
	proseOnly := map[*Level]bool{} // levels whose one cell is their prose
	// grp is the open group heading ("### Senior Engineer" over its I and
	// II) and the category sub-headings written under it for all of them.
	var grp *struct {
		depth int
		cells []*markdown.Section
	}
	closeLevel := func() {
		if lv != nil && grp != nil {
			for _, gs := range grp.cells {
				if !hasCategory(l, lv, gs.Heading.Value) {
					c := sectionCell(gs)
					c.Shared = true
					addCategory(l, lv, gs.Heading.Value, gs.Heading.Span, c)
				}
			}
		}
		var c *Cell
		if lv != nil {
			// An empty bullet ("*") has no text: no item.
			c = &Cell{Items: appendItems(append([]markdown.Text(nil), pending.Paragraphs...), plain)}
		}
		if c != nil && len(c.Items) > 0 {
			c.Text = joinItems(c.Items)
			c.Span = c.Items[0].Span
			if len(lv.Cells) == 0 {
				// Prose and bullets without category labels, and no category
				// sub-headings: the level's expectations.
				addCategory(l, lv, Expectations, c.Span, c)
				proseOnly[lv] = true
			} else {
				// Prose above the level's categories: its summary.
				lv.Summary = c
				lv.Block.End = max(lv.Block.End, c.Items[len(c.Items)-1].Span.End)
			}
			l.Span.End = max(l.Span.End, lv.Block.End)
		}
		lv, pending, plain = nil, nil, nil
	}
	finish := func() {
		closeLevel()
		if l != nil {
			dropTrailingSection(l, subheadings)
			summariesAsExpectations(l)
			proseAsSummaries(l, proseOnly)
			collapseUnstable(l, subheadings)
		}
		if l != nil && x.plausibleHeadings(l) {
			out = append(out, l)
		}
		l, lv = nil, nil
		subheadings = map[string]bool{}
	}
	for i, s := range secs {
		if grp != nil && s.Level <= grp.depth {
			closeLevel()
			grp = nil
		}
		if !isLevel[i] {
			switch {
			case l == nil:
			case s.Level == depth && len(l.Levels) > 0 && (nextLevelAt(secs, isLevel, i) || levelish(s.Heading.Value) && !aboutLevels(s.Heading.Value)):
				// "## VP and up" among the level headings: a level ladderlint
				// cannot read. Say so rather than drop it or end the ladder.
				closeLevel()
				l.Unrecognised = append(l.Unrecognised, s.Heading)
			case s.Level <= depth:
				finish()
			case lv == nil && grp != nil:
				// "##### Expectations" under "### Senior Engineer": for each level under it.
				grp.cells = append(grp.cells, s)
				subheadings[strings.ToLower(s.Heading.Value)] = true
			case lv != nil && len(s.Items) == 0 && len(s.Paragraphs) == 0 && i+1 < len(secs) && secs[i+1].Level > s.Level:
				// "#### Skills needed for this level" over its "#####"
				// categories: a group of categories, not an empty one.
			case lv != nil:
				// "### Knowledge" under "## Level 1": a sub-heading names a category.
				addCategory(l, lv, s.Heading.Value, s.Heading.Span, sectionCell(s))
				subheadings[strings.ToLower(s.Heading.Value)] = true
			}
			continue
		}
		lb := labels[i]
		if groups(secs, isLevel, i) {
			// Its own text is shared by the levels under it, not a level's.
			if l != nil && (s.Level < depth || family(lb) != family(l.Levels[0].Parsed)) {
				finish()
			}
			closeLevel()
			if l == nil {
				l = &Ladder{Format: Headings, Span: s.Heading.Span, depth: s.Level}
				depth = s.Level
			}
			grp = &struct {
				depth int
				cells []*markdown.Section
			}{depth: s.Level}
			continue
		}
		if l != nil && s.Level == depth && len(l.Levels) >= 2 && family(lb) != family(l.Levels[0].Parsed) &&
			!nextOfFamily(secs, isLevel, labels, i) {
			// "## VP and up" after "## M6": one level of another family
			// cannot be a ladder of its own; it is this ladder's odd label.
			closeLevel()
			l.Unrecognised = append(l.Unrecognised, s.Heading)
			continue
		}
		if l != nil && (s.Level < depth || len(l.Levels) > 0 && (family(lb) != family(l.Levels[0].Parsed) || restarts(l, lb))) {
			finish()
		}
		closeLevel()
		if l == nil {
			l = &Ladder{Format: Headings, Span: s.Heading.Span, depth: s.Level}
			depth = s.Level
		}
		lv, pending = levelOf(s.Heading.Value, lb, s.Heading.Span), s
		for _, it := range s.Items {
			name, cell, ok := headingCell(it)
			if !ok {
				plain = append(plain, it)
				continue
			}
			addCategory(l, lv, name, it.Text.Span, cell)
			lv.Block.End = max(lv.Block.End, endOf(it))
		}
		l.Levels = append(l.Levels, lv)
		l.Span.End = max(l.Span.End, lv.Block.End)
	}
	finish()
	for _, l := range out {
		for _, lv := range l.Levels {
			l.Span.End = max(l.Span.End, lv.Block.End)
		}
		for _, lv := range l.Levels {
			for len(lv.Cells) < len(l.Categories) {
				lv.Cells = append(lv.Cells, nil)
			}
		}
	}
	return out
}

// hasCategory reports whether lv already has a cell for the category name.
func hasCategory(l *Ladder, lv *Level, name string) bool {
	for i, c := range l.Categories {
		if i < len(lv.Cells) && lv.Cells[i] != nil && sameCategory(c.Name, name) {
			return true
		}
	}
	return false
}

// groups reports whether the level heading secs[i] has level headings under
// it, before the next heading of its depth or above.
func groups(secs []*markdown.Section, isLevel []bool, i int) bool {
	for j := i + 1; j < len(secs) && secs[j].Level > secs[i].Level; j++ {
		if isLevel[j] {
			return true
		}
	}
	return false
}

// aboutLevels reports whether a heading after a ladder talks about its
// roles or tracks ("Tech Lead Role", "Management track") rather than
// naming one more level.
func aboutLevels(h string) bool {
	for _, w := range strings.Fields(strings.ToLower(h)) {
		switch strings.Trim(w, ".,:;()") {
		case "role", "roles", "track", "tracks", "path", "paths", "overview", "about", "notes", "faq", "references":
			return true
		}
	}
	return false
}

// nextAtDepth is the index of the next heading of secs[i]'s depth when no
// shallower heading comes first, else -1.
func nextAtDepth(secs []*markdown.Section, i int) int {
	for j := i + 1; j < len(secs); j++ {
		if secs[j].Level <= secs[i].Level {
			if secs[j].Level == secs[i].Level {
				return j
			}
			return -1
		}
	}
	return -1
}

// nextLevelAt reports whether the next heading of secs[i]'s depth or above
// is a level heading of that depth: secs[i] sits between two levels.
func nextLevelAt(secs []*markdown.Section, isLevel []bool, i int) bool {
	j := nextAtDepth(secs, i)
	return j >= 0 && isLevel[j]
}

// nextOfFamily reports whether the next heading of secs[i]'s depth is a
// level of the same family.
func nextOfFamily(secs []*markdown.Section, isLevel []bool, labels []Label, i int) bool {
	j := nextAtDepth(secs, i)
	return j >= 0 && isLevel[j] && family(labels[j]) == family(labels[i])
}

// hasSibling reports whether another level heading of the same depth and
// parent comes before or after secs[i].
func hasSibling(secs []*markdown.Section, isLevel []bool, i int) bool {
	d := secs[i].Level
	for j := i - 1; j >= 0 && secs[j].Level >= d; j-- {
		if secs[j].Level == d && isLevel[j] {
			return true
		}
	}
	for j := i + 1; j < len(secs) && secs[j].Level >= d; j++ {
		if secs[j].Level == d && isLevel[j] {
			return true
		}
	}
	return false
}

// restarts reports whether a title level starts another ladder: the levels
// so far climb, and lb falls below the first of them ("Team Lead", "VP of
// Engineering", "CTO", then "Junior Engineer" of another team).
func restarts(l *Ladder, lb Label) bool {
	first, last := l.Levels[0].Parsed, l.Levels[len(l.Levels)-1].Parsed
	if !lb.Title || !first.Title || len(l.Levels) < 2 {
		return false
	}
	return last.Seniority > first.Seniority && lb.Seniority < first.Seniority
}

// family is what the level headings of one ladder share: being titles, or
// a code track ("IC", "L"). "## Level 2" then "## IC5 mandate" are not one ladder.
func family(lb Label) string {
	if lb.Title {
		return "title"
	}
	return lb.Track
}

// plausibleHeadings keeps a heading ladder when at least two levels name
// categories and some category recurs across levels.
func (x *extractor) plausibleHeadings(l *Ladder) bool {
	withCells := 0
	for _, lv := range l.Levels {
		if lv.Rank == 0 && lv.Parsed.Weak {
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
	name, rest, ok := splitCategory(it.Text.Value)
	if !ok {
		return "", nil, false
	}
	c := &Cell{Category: name, Span: it.Text.Span}
	if rest != "" {
		c.Items = append(c.Items, markdown.Text{Value: rest, Span: it.Text.Span})
	}
	c.Items = appendItems(c.Items, it.Children)
	c.Text = joinItems(c.Items)
	return name, c, true
}

// appendItems adds the texts of items and their nested items, depth first.
func appendItems(out []markdown.Text, items []*markdown.ListItem) []markdown.Text {
	for _, it := range items {
		if it.Text.Value != "" {
			out = append(out, it.Text)
		}
		out = appendItems(out, it.Children)
	}
	return out
}

// joinItems is a cell's whole text: its items separated by spaces.
func joinItems(items []markdown.Text) string {
	parts := make([]string, 0, len(items))
	for _, t := range items {
		parts = append(parts, t.Value)
	}
	return strings.Join(parts, " ")
}

// categoryIndex returns the index of the category called name (case and
// surrounding space ignored), adding it when new.
func categoryIndex(l *Ladder, name string, span source.Span) int {
	for i, c := range l.Categories {
		if c.Name == name || strings.TrimRight(c.Name, ".:;") == strings.TrimRight(name, ".:;") {
			return i // "I am a technical mentor." and "I am a technical mentor"
		}
		if len(strings.Fields(name)) >= 3 && codeless(c.Name) == codeless(name) && codeless(name) != name {
			return i // "Key Shift from IC1" under IC2, "Key Shift from IC2" under IC3
		}
	}
	for i, c := range l.Categories {
		if sameCategory(c.Name, name) {
			// "High-Impact" under one level, "High Impact" under another.
			l.Variants = append(l.Variants, Variant{Name: name, Span: span, As: c.Name, AsSpan: c.Span})
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

// addCategory files cell under the category called name for level lv.
func addCategory(l *Ladder, lv *Level, name string, span source.Span, cell *Cell) {
	cell.Category = name
	i := categoryIndex(l, name, span)
	for len(lv.Cells) <= i {
		lv.Cells = append(lv.Cells, nil)
	}
	lv.Cells[i] = addPart(lv.Cells[i], cell) // a category written twice: each stays a part, checked on its own
	lv.Block.End = max(lv.Block.End, cell.Span.End)
	for _, it := range cell.Items {
		lv.Block.End = max(lv.Block.End, it.Span.End)
	}
}

// sectionCell is what a category sub-heading says: its paragraphs and bullets.
func sectionCell(s *markdown.Section) *Cell {
	c := &Cell{Span: s.Heading.Span}
	c.Items = appendItems(append(c.Items, s.Paragraphs...), s.Items)
	c.Text = joinItems(c.Items)
	if len(c.Items) > 0 {
		c.Span = source.Span{Start: c.Items[0].Span.Start, End: c.Items[len(c.Items)-1].Span.End}
	}
	return c
}

// summariesAsExpectations gives a level left without cells once a
// trailing section is dropped ("### Fellow", its paragraph, then "####
// References") its prose back as Expectations, when that is the ladder's
// one category.
func summariesAsExpectations(l *Ladder) {
	if len(l.Categories) != 1 || l.Categories[0].Name != Expectations {
		return
	}
	for _, lv := range l.Levels {
		if lv.Summary != nil && (len(lv.Cells) == 0 || lv.Cells[0] == nil) {
			lv.Summary.Category = Expectations
			lv.Cells = []*Cell{lv.Summary}
			lv.Summary = nil
		}
	}
}

// proseAsSummaries handles a ladder whose levels name categories, where a
// few levels have only prose ("## Sr. Distinguished Engineer" and a
// paragraph): that prose is their summary, not a category of its own that
// every other level would miss. missing-category then says what they lack.
func proseAsSummaries(l *Ladder, proseOnly map[*Level]bool) {
	ex := -1
	for i, c := range l.Categories {
		if c.Name == Expectations {
			ex = i
		}
	}
	if ex < 0 || len(l.Categories) < 2 {
		return
	}
	for _, lv := range l.Levels {
		if !proseOnly[lv] && ex < len(lv.Cells) && lv.Cells[ex] != nil {
			return // a real "Expectations" category
		}
	}
	l.Categories = append(l.Categories[:ex:ex], l.Categories[ex+1:]...)
	for _, lv := range l.Levels {
		if ex >= len(lv.Cells) {
			continue
		}
		if c := lv.Cells[ex]; c != nil {
			c.Category = ""
			lv.Summary = c
		}
		lv.Cells = append(lv.Cells[:ex:ex], lv.Cells[ex+1:]...)
	}
}

// dropTrailingSection removes a sub-heading category that only the last of
// three or more levels has ("#### References" after the last level): it
// belongs to the page, not to the ladder.
func dropTrailingSection(l *Ladder, subheadings map[string]bool) {
	if len(l.Levels) < 3 {
		return
	}
	last := l.Levels[len(l.Levels)-1]
	for i := len(l.Categories) - 1; i >= 0; i-- {
		if !subheadings[strings.ToLower(l.Categories[i].Name)] {
			continue
		}
		only := i < len(last.Cells) && last.Cells[i] != nil
		for _, lv := range l.Levels[:len(l.Levels)-1] {
			if i < len(lv.Cells) && lv.Cells[i] != nil {
				only = false
			}
		}
		if !only {
			continue
		}
		l.Categories = append(l.Categories[:i], l.Categories[i+1:]...)
		for _, lv := range l.Levels {
			if i < len(lv.Cells) {
				lv.Cells = append(lv.Cells[:i], lv.Cells[i+1:]...)
			}
		}
	}
}

// Expectations names the one category of a heading ladder whose bullet
// labels change from level to level.
const Expectations = "Expectations"

// collapseUnstable handles heading ladders whose bullet labels are verbs of
// each level ("Adopts:", "Enhances:", "Learns:") rather than shared
// categories: when fewer than half the labels occur in every level, they are not
// categories, and each level's bullets become one "Expectations" cell.
func collapseUnstable(l *Ladder, subheadings map[string]bool) {
	if len(l.Levels) < 3 || len(l.Categories) < 2 {
		return
	}
	// Bullet labels must recur in every level to be categories ("Owns:",
	// "Evolves:" name one axis differently per level). Sub-headings are
	// categories when they recur in half the levels: a level or two may
	// miss them (that is a finding), while statement sub-headings ("I
	// perform high quality testing") differ from level to level.
	stable := 0
	for i, c := range l.Categories {
		n := 0
		for _, lv := range l.Levels {
			if i < len(lv.Cells) && lv.Cells[i] != nil {
				n++
			}
		}
		if n == len(l.Levels) || subheadings[strings.ToLower(c.Name)] && n*2 >= len(l.Levels) {
			stable++
		}
	}
	if stable*2 >= len(l.Categories) {
		return
	}
	l.Categories = []Category{{Name: Expectations, Span: l.Categories[0].Span}}
	for _, lv := range l.Levels {
		var merged *Cell
		for _, c := range lv.Cells {
			if c == nil {
				continue
			}
			item := markdown.Text{Value: c.Category + ": " + c.Text, Span: c.Span}
			if merged == nil {
				merged = &Cell{Category: Expectations, Span: c.Span}
			}
			merged.Items = append(merged.Items, item)
		}
		if merged != nil {
			merged.Text = joinItems(merged.Items)
		}
		lv.Cells = []*Cell{merged}
	}
}

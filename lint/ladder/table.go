package ladder

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// tables finds the ladders of every table on the page.
func (x *extractor) tables() []*Ladder {
	var out []*Ladder
	for _, t := range x.page.Tables {
		out = append(out, x.table(t)...)
	}
	return out
}

// table finds the ladders of one table: levels as rows (a label column) or
// levels as columns (label header rows, possibly several stacked ladders).
func (x *extractor) table(t *markdown.Table) []*Ladder {
	if len(t.Grid) == 0 {
		return nil
	}
	rowLevels := 0
	for r := range t.Grid {
		if _, _, ok := x.rowLabel(t, r); ok {
			rowLevels++
		}
	}
	colLevels := 0
	for r := range t.Grid {
		colLevels = max(colLevels, len(x.headerLabels(t, r)))
	}
	var out []*Ladder
	switch {
	case rowLevels >= 2 && rowLevels >= colLevels:
		out = x.levelRows(t)
	case colLevels >= 2:
		out = x.levelColumns(t)
	}
	var kept []*Ladder
	for _, l := range out {
		if x.plausible(l) && x.careerTableAround(t, l) {
			l.Table = t.Kind
			for _, p := range append(t.Problems[:len(t.Problems):len(t.Problems)], x.shape[t]...) {
				if p.Span.Start >= l.Span.Start && p.Span.Start < l.Span.End {
					l.Problems = append(l.Problems, p)
				}
			}
			kept = append(kept, l)
		}
	}
	return kept
}

// plausible rejects look-alikes: fewer than two levels, priority tables
// (a rank 0, as in P0..P4), and tables of numbers keyed by level (but not
// the score and salary bands of job titles, see titledFigures).
func (x *extractor) plausible(l *Ladder) bool {
	if len(l.Levels) < 2 || len(l.Categories) == 0 {
		return false
	}
	prose, filled, sentences, bare := 0, 0, 0, false
	for _, lv := range l.Levels {
		if lv.Rank == 0 && lv.Parsed.Weak {
			return false
		}
		bare = bare || isBareLevel(lv)
		for _, c := range append([]*Cell{lv.Summary}, lv.Cells...) {
			if c == nil || c.Empty() {
				continue
			}
			filled++
			if isProse(c.Text) {
				prose++
			}
			if Words(c.Text) >= 5 {
				sentences++
			}
		}
	}
	if bare && sentences*2 < filled {
		// Levels named by bare numbers need sentences: "1 | D1 - Developer 1"
		// is the index of a ladder written further down, not a ladder.
		return false
	}
	return filled > 0 && (prose*2 >= filled || titledFigures(l) || x.titleColumn(l))
}

// titleColumn reports whether one category of a levels-as-rows table gives
// every level a job title with seniority ("| L1 | Software Engineer I | Task
// | 0-2 years |"): an overview of a ladder whose other cells are short.
func (x *extractor) titleColumn(l *Ladder) bool {
	if l.Format != LevelRows || len(l.Levels) < 3 {
		return false
	}
	for i := range l.Categories {
		titles, ranked := 0, 0
		for _, lv := range l.Levels {
			if i >= len(lv.Cells) || lv.Cells[i] == nil {
				break
			}
			lb, ok := x.opt.Levels.Match(lv.Cells[i].Text)
			if !ok || !lb.Title {
				break
			}
			titles++
			if lb.Ranked {
				ranked++
			}
		}
		if titles == len(l.Levels) && ranked*2 >= titles {
			return true
		}
	}
	return false
}

// titledFigures reports whether a table of figures (score ranges, salary
// bands) is keyed by job titles: every level label names a role ("Senior
// Frontend Engineer") and the label column's header speaks of careers ("Job
// Title"), while neither it nor a category header speaks of prices, plans
// or tiers. A table of figures keyed by "Level 1".."Level 5" is a maturity
// model or a price list, not a ladder.
func titledFigures(l *Ladder) bool {
	if !careerTerms.MatchString(l.labelHeader) || counterTerms.MatchString(l.labelHeader) {
		return false
	}
	for _, c := range l.Categories {
		if counterTerms.MatchString(c.Name) {
			return false
		}
	}
	for _, lv := range l.Levels {
		if !roleWords.MatchString(lv.Label) {
			return false
		}
	}
	return true
}

// isProse reports whether s reads like a sentence: two words with letters,
// or (in scripts written without spaces, like Japanese) six letters.
func isProse(s string) bool {
	return wordsAtLeast(s, 2)
}

// Words counts the words of s. Han, kana and Hangul letters count as a
// word per three letters, as those scripts do not separate words by spaces.
func Words(s string) int {
	words, cjk := countWords(s, -1)
	return max(words, cjk/3)
}

// wordsAtLeast reports whether Words(s) >= n, reading no further than it must.
func wordsAtLeast(s string, n int) bool {
	words, cjk := countWords(s, n)
	return max(words, cjk/3) >= n
}

// countWords counts the space-separated words of s that hold a letter, and
// its Han, kana and Hangul letters, in one pass that allocates nothing; it
// stops once either count reaches enough (never when enough < 0).
// Spaces are unicode.IsSpace, as in strings.Fields.
func countWords(s string, enough int) (words, cjk int) {
	inWord, letter := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				inWord = false
				continue
			}
			if !inWord {
				inWord, letter = true, false
			}
			if !letter && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				letter = true
				words++
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if unicode.IsSpace(r) {
				inWord = false
				continue
			}
			if !inWord {
				inWord, letter = true, false
			}
			if !letter && unicode.IsLetter(r) {
				letter = true
				words++
			}
			if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				cjk++
			}
		}
		if enough >= 0 && (words >= enough || cjk/3 >= enough) {
			return words, cjk
		}
	}
	return words, cjk
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// rowLabel returns the first cell that starts in row r, if it is a level label.
func (x *extractor) rowLabel(t *markdown.Table, r int) (*markdown.Cell, Label, bool) {
	for _, c := range t.Grid[r] {
		if c == nil || c.Row != r {
			continue
		}
		lb, ok := x.opt.Levels.Match(labelText(c))
		if !ok {
			lb, ok = bareLevelUnderCaption(t, c)
		}
		return c, lb, ok
	}
	return nil, Label{}, false
}

// bareLevelUnderCaption reads a bare number ("3", or "3/4") as a level when
// the cell stands in a column whose header is a level caption ("Level",
// "Job Level"): a bare number means nothing elsewhere.
func bareLevelUnderCaption(t *markdown.Table, c *markdown.Cell) (Label, bool) {
	if c.Row == 0 || !isHeaderRow(t, 0) {
		return Label{}, false
	}
	h := cellAt(t, 0, c.Col)
	if h == nil || h.Col != c.Col || h.ColSpan != 1 || !levelCaption.MatchString(strings.TrimSpace(h.Text)) {
		return Label{}, false
	}
	return bareLabel(strings.TrimSpace(labelText(c)))
}

// mergedLevel records a bare label that names two levels ("3/4").
func (x *extractor) mergedLevel(t *markdown.Table, lv *Level) {
	if p, ok := mergedProblem(lv); ok {
		x.shapeProblem(t, p)
	}
}

// isBareLevel reports whether a level's label is only a number.
func isBareLevel(lv *Level) bool {
	return bareLevel.MatchString(strings.TrimSpace(lv.Label))
}

// headerLabels returns the level-label cells that start in row r.
func (x *extractor) headerLabels(t *markdown.Table, r int) []*markdown.Cell {
	rows := x.labelRows[t]
	if rows == nil {
		rows = make([][]*markdown.Cell, len(t.Grid))
		for i := range t.Grid {
			rows[i] = x.readHeaderLabels(t, i)
		}
		if x.labelRows == nil {
			x.labelRows = map[*markdown.Table][][]*markdown.Cell{}
		}
		x.labelRows[t] = rows
	}
	return rows[r]
}

func (x *extractor) readHeaderLabels(t *markdown.Table, r int) []*markdown.Cell {
	var cells []*markdown.Cell
	for col, c := range t.Grid[r] {
		if c == nil || c.Row != r || c.Col != col {
			continue
		}
		if _, ok := x.opt.Levels.Match(labelText(c)); ok {
			cells = append(cells, c)
		}
	}
	return cells
}

// labelText is the text a label cell shows first: its first item.
func labelText(c *markdown.Cell) string {
	if len(c.Items) > 0 {
		return c.Items[0].Value
	}
	return c.Text
}

// isTitleRow reports whether row r is one cell across the whole table.
func isTitleRow(t *markdown.Table, r int) bool {
	row := t.Grid[r]
	return len(row) > 1 && row[0] != nil && row[0].Row == r && row[0].ColSpan >= len(row)
}

func isBlankRow(t *markdown.Table, r int) bool {
	for _, c := range t.Grid[r] {
		if c != nil && strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// levelRows reads a table whose rows are levels. A level owns the rows from
// its label down to the next label; a header or title row after the levels
// starts another ladder.
func (x *extractor) levelRows(t *markdown.Table) []*Ladder {
	var out []*Ladder
	var l *Ladder
	header := -1
	var cur *Level
	curRows := [2]int{}
	labelCol := 0
	flush := func() {
		if cur != nil {
			x.fillRowLevel(t, l, cur, curRows[0], curRows[1], labelCol)
			cur = nil
		}
	}
	for r := range t.Grid {
		c, lb, ok := x.rowLabel(t, r)
		switch {
		case ok:
			flush()
			if l == nil {
				labelCol = c.Col
				l = x.newRowLadder(t, header, labelCol)
				out = append(out, l)
			}
			cur = x.newLevel(c, lb)
			curRows = [2]int{r, r}
			x.mergedLevel(t, cur)
			x.displaced(t, l, c, labelCol)
			l.Levels = append(l.Levels, cur)
			l.Span.End = max(l.Span.End, t.Rows[r].Span.End)
		case isBlankRow(t, r):
		case cur != nil && (isTitleRow(t, r) || isHeaderRow(t, r)):
			flush()
			l, header = nil, -1
			if isHeaderRow(t, r) {
				header = r
			}
		case cur != nil:
			if c := cellAt(t, r, labelCol); c != nil && c.Row == r && c.Col == labelCol && levelish(labelText(c)) {
				// "VP and up", "Senior+" in the label column: a level
				// ladderlint cannot read, read as part of the one above.
				l.Unrecognised = append(l.Unrecognised, markdown.Text{Value: labelText(c), Span: c.Span})
			}
			curRows[1] = r
			l.Span.End = max(l.Span.End, t.Rows[r].Span.End)
		default:
			if !isTitleRow(t, r) {
				header = r
			}
		}
	}
	flush()
	return out
}

// isHeaderRow reports whether every cell starting in row r is a <th> (or the
// first row of a pipe table) and there are at least two of them.
func isHeaderRow(t *markdown.Table, r int) bool {
	n := 0
	for _, c := range t.Rows[r].Cells {
		if !c.Header {
			return false
		}
		n++
	}
	return n >= 2
}

// newRowLadder starts a levels-as-rows ladder whose categories are the
// header row's cells right of the label column.
func (x *extractor) newRowLadder(t *markdown.Table, header, labelCol int) *Ladder {
	l := &Ladder{Format: LevelRows, Span: t.Span}
	if c := cellAt(t, header, labelCol); c != nil {
		l.labelHeader = c.Text
	}
	if header >= 0 {
		l.Span.Start = t.Rows[header].Span.Start
		if header == 0 {
			l.Span.Start = t.Span.Start
		}
	}
	width := len(t.Grid[0])
	for col := 0; col < width; col++ {
		if col == labelCol {
			continue
		}
		name, span := "", source.Span{}
		if header >= 0 && col < len(t.Grid[header]) && t.Grid[header][col] != nil {
			hc := t.Grid[header][col]
			if hc.Col != col {
				continue // a header spanning several columns names only its first
			}
			name, span = hc.Text, hc.Span
		}
		l.Categories = append(l.Categories, Category{Name: name, Span: span})
	}
	return l
}

func (x *extractor) newLevel(c *markdown.Cell, lb Label) *Level {
	lv := levelOf(labelText(c), lb, c.Span)
	lv.ID, lv.Href = c.ID, c.Href
	if len(c.Items) > 0 {
		lv.Span = c.Items[0].Span
	}
	return lv
}

// shortLabel keeps a label as written unless it runs on into a description.
func shortLabel(s string, lb Label) string {
	if len(s) <= 80 {
		return s
	}
	return strings.TrimRight(s[:lb.TokenEnd], " :.,;-–—")
}

// fillRowLevel collects the cells of a level that owns rows first..last.
func (x *extractor) fillRowLevel(t *markdown.Table, l *Ladder, lv *Level, first, last, labelCol int) {
	lv.Block = source.Span{Start: t.Rows[first].Span.Start, End: t.Rows[last].Span.End}
	catCols := []int{}
	for col := 0; col < len(t.Grid[first]); col++ {
		if col != labelCol {
			catCols = append(catCols, col)
		}
	}
	lv.Cells = make([]*Cell, len(l.Categories))
	label := cellAt(t, first, labelCol)
	for r := first; r <= last; r++ {
		for i, col := range catCols {
			if i >= len(l.Categories) || col >= len(t.Grid[r]) {
				break
			}
			c := t.Grid[r][col]
			if c == nil || c == label || c.Col != col && coversAll(c, catCols) {
				continue
			}
			shared := c.Row < first || c.Row+c.RowSpan-1 > last
			if coversAll(c, catCols) {
				if lv.Summary == nil || lv.Summary.Span != c.Span {
					lv.Summary = mergeCell(lv.Summary, c, "", shared)
				}
				continue
			}
			if c.Col != col {
				continue // a colspan already counted in its first column
			}
			lv.Cells[i] = mergeCell(lv.Cells[i], c, l.Categories[i].Name, shared)
		}
	}
}

// coversAll reports whether c spans every category column.
func coversAll(c *markdown.Cell, cols []int) bool {
	return len(cols) > 1 && c.Col <= cols[0] && c.Col+c.ColSpan-1 >= cols[len(cols)-1]
}

// mergeCell adds source cell c to the level cell acc. A level cell made of
// two or more source cells (a level's summary row and behaviours row) keeps
// each of them in Parts, so that every cell a reader sees is checked on its
// own; Text and Items are the merged view the other checks read.
func mergeCell(acc *Cell, c *markdown.Cell, category string, shared bool) *Cell {
	return addPart(acc, &Cell{Category: category, Text: c.Text, Items: c.Items, Span: c.Span, Shared: shared})
}

// addPart adds part, a cell read from one place, to the level cell acc (nil
// for none) and returns the level cell. A part already in acc (a rowspan
// met again in a later row) is not added twice. Any shape that merges what
// it read in several places into one level cell can use it.
func addPart(acc, part *Cell) *Cell {
	if acc == nil {
		return part
	}
	if acc.Span == part.Span {
		return acc
	}
	for _, p := range acc.Parts {
		if p.Span == part.Span {
			return acc
		}
	}
	if len(acc.Parts) == 0 {
		first := *acc
		acc.Parts = []*Cell{&first}
	}
	acc.Parts = append(acc.Parts, part)
	acc.Text = strings.TrimSpace(acc.Text + " " + part.Text)
	acc.Items = append(acc.Items[:len(acc.Items):len(acc.Items)], part.Items...)
	acc.Shared = acc.Shared || part.Shared
	return acc
}

// markCell sets the placeholder flags of a level cell and of its parts, and
// returns the cell's placeholder: the cell is a placeholder when it is one
// source cell that is, or when every part that says anything is one ("TBD"
// in the summary row and nothing in the behaviours row). A part that is a
// placeholder beside a part with content is flagged on its own.
func (x *extractor) markCell(c *Cell) string {
	if len(c.Parts) == 0 {
		p := x.cellPlaceholder(c.Text)
		if p != "" {
			c.Placeholder = p
		}
		return p
	}
	first, content := "", false
	for _, part := range c.Parts {
		if part.Empty() {
			continue
		}
		p := x.cellPlaceholder(part.Text)
		switch {
		case p == "":
			content = true
		case first == "":
			first = p
		}
		if p != "" {
			part.Placeholder = p
		}
	}
	if content || first == "" {
		return ""
	}
	c.Placeholder = first
	return first
}

// levelColumns reads a table whose columns are levels. Each row with level
// labels starts a ladder; the rows under it are its categories until the
// next such row. Title rows and blank rows are skipped.
func (x *extractor) levelColumns(t *markdown.Table) []*Ladder {
	var out []*Ladder
	var l *Ladder
	var cols []int
	title, group := "", markdown.Text{}
	for r := range t.Grid {
		if labels := x.headerLabels(t, r); len(labels) >= 2 {
			l = &Ladder{Format: LevelColumns, Name: title, Span: t.Rows[r].Span}
			if c := cellAt(t, r, 0); c != nil && c.Col < labels[0].Col {
				l.labelHeader = c.Text // "Job Level"
			}
			if len(out) == 0 {
				l.Span.Start = t.Span.Start
			}
			cols = cols[:0]
			for _, c := range labels {
				lb, _ := x.opt.Levels.Match(labelText(c))
				lv := x.newLevel(c, lb)
				l.Levels = append(l.Levels, lv)
				cols = append(cols, c.Col)
			}
			out = append(out, l)
			continue
		}
		if isTitleRow(t, r) {
			title = t.Grid[r][0].Text
			group = markdown.Text{Value: title, Span: t.Grid[r][0].Span}
			continue
		}
		if l == nil || isBlankRow(t, r) {
			continue
		}
		if c := subtitle(t, r, cols); c != nil {
			group = markdown.Text{Value: c.Text, Span: c.Span}
			continue
		}
		if !hasLevelCells(t, r, cols) {
			continue // a group label ("Strategy/Proficiency" with rowspan) and nothing per level
		}
		name, span, here := rowCategory(t, r, cols[0])
		if !here {
			// No label of its own: the category is the (sub)title row above.
			if group.Value == "" && name == "" {
				continue
			}
			if group.Value != "" {
				name, span = group.Value, group.Span
				group = markdown.Text{}
			}
		}
		l.Categories = append(l.Categories, Category{Name: name, Span: span})
		l.Span.End = max(l.Span.End, t.Rows[r].Span.End)
		for i, lv := range l.Levels {
			var cell *Cell
			if c := cellAt(t, r, cols[i]); c != nil {
				shared := c.Row != r || c.ColSpan > 1
				cell = mergeCell(nil, c, name, shared)
			}
			lv.Cells = append(lv.Cells, cell)
			lv.Block.End = max(lv.Block.End, t.Rows[r].Span.End)
		}
	}
	return out
}

// subtitle returns the one cell that starts in row r and spans every level
// column (a sub-category title under a group label), or nil.
func subtitle(t *markdown.Table, r int, cols []int) *markdown.Cell {
	var only *markdown.Cell
	for _, c := range t.Rows[r].Cells {
		if only != nil {
			return nil
		}
		only = c
	}
	if only == nil || len(cols) < 2 || only.Col > cols[0] || only.Col+only.ColSpan-1 < cols[len(cols)-1] {
		return nil
	}
	return only
}

// rowCategory names the category of row r: the last non-empty cell left of
// the first level column, preferring one that starts in this row. here
// reports whether the name comes from a cell that starts in row r.
func rowCategory(t *markdown.Table, r, firstLevelCol int) (name string, span source.Span, here bool) {
	var best *markdown.Cell
	for col := 0; col < firstLevelCol && col < len(t.Grid[r]); col++ {
		c := t.Grid[r][col]
		if c == nil || strings.TrimSpace(c.Text) == "" || c.Col != col {
			continue
		}
		if best == nil || c.Row == r || best.Row != r {
			best = c
		}
	}
	if best == nil {
		return "", source.Span{}, false
	}
	return best.Text, best.Span, best.Row == r
}

// displaced records a level label that a span from above pushed out of the
// label column: the browser shows it under a category.
func (x *extractor) displaced(t *markdown.Table, l *Ladder, c *markdown.Cell, labelCol int) {
	if c.Col == labelCol {
		return
	}
	under := fmt.Sprintf("column %d", c.Col+1)
	if i := c.Col - 1; c.Col > labelCol && i < len(l.Categories) && l.Categories[i].Name != "" {
		under = fmt.Sprintf("the %q column", l.Categories[i].Name)
	}
	by := ""
	if o := cellAt(t, c.Row, labelCol); o != nil && o.Row < c.Row {
		by = fmt.Sprintf(" by the rowspan of %q above", labelText(o))
	}
	x.shapeProblem(t, markdown.Problem{Span: c.Span,
		Message: fmt.Sprintf("level %q is pushed into %s%s", labelText(c), under, by)})
}

// shapeProblem records a problem the ladder stage found in table t.
func (x *extractor) shapeProblem(t *markdown.Table, p markdown.Problem) {
	if x.shape == nil {
		x.shape = map[*markdown.Table][]markdown.Problem{}
	}
	x.shape[t] = append(x.shape[t], p)
}

// cellAt is the grid cell at row r, column col, or nil outside the grid
// (rows can be shorter than the row that holds the level labels).
func cellAt(t *markdown.Table, r, col int) *markdown.Cell {
	if r < 0 || r >= len(t.Grid) || col < 0 || col >= len(t.Grid[r]) {
		return nil
	}
	return t.Grid[r][col]
}

// hasLevelCells reports whether row r has a cell in any level column.
func hasLevelCells(t *markdown.Table, r int, cols []int) bool {
	for _, col := range cols {
		if cellAt(t, r, col) != nil {
			return true
		}
	}
	return false
}

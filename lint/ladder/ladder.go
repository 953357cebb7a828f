// Package ladder is the second stage: it recognises career ladders in the
// tables and heading sections of a page and turns each into a Ladder whose
// every level, category and cell keeps the byte span it was read from.
package ladder

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Format says how a ladder is written.
type Format string

// Ladder formats.
const (
	LevelRows    Format = "levels-as-rows"
	LevelColumns Format = "levels-as-columns"
	Headings     Format = "headings-lists"
	// LevelFiles is a ladder stored one level per file (see folder.go).
	LevelFiles Format = "level-files"
)

// Ladder is one career ladder: levels × categories.
type Ladder struct {
	// Name is the nearest heading above the ladder or its title row.
	Name   string
	Format Format
	// Table is "html" or "pipe" for tables, "" for heading sections.
	Table markdown.Kind
	Span  source.Span
	// Categories are the areas of expectation, in the order written.
	Categories []Category
	Levels     []*Level
	// Problems are shape defects of the table inside the ladder.
	Problems []markdown.Problem
	// Unrecognised are labels written where the ladder's levels are (a row
	// label, a column header, a heading among the level headings) that are
	// not level labels: "VP and up", "GPM". Their content is not checked.
	Unrecognised []markdown.Text
	// Variants are category names spelled differently from the same
	// category elsewhere in the ladder or on the page.
	Variants []Variant
	// Index is the page that lists the levels of a ladder stored one level
	// per file (Format LevelFiles), or nil; Listings are its entries, with
	// spans in Index.
	Index    *source.File
	Listings []Listing

	depth int // heading level of a Headings ladder's level headings
	// labelHeader is the header of the level labels ("Level", "Job Level").
	labelHeader string
}

// Category is a column (or row, or bullet label) of a ladder.
type Category struct {
	Name string
	Span source.Span
}

// Level is one level of a ladder.
type Level struct {
	// Label is the level's name as written, cut to its first line.
	Label string
	Code  string
	Track string
	Rank  int
	// Parsed is everything the label says (sub-rank, ordinal, weak family…).
	Parsed Label
	// Span is the label; Block the whole level (its rows, column or section).
	Span, Block source.Span
	// ID and Href are the level's anchor id and in-page link, when present.
	ID, Href markdown.Text
	// Summary is a cell that spans every category (a level summary row).
	Summary *Cell
	// Cells has one entry per category, in category order; nil when the
	// level has no cell for that category.
	Cells []*Cell
	// Placeholder is set when the level's content is only placeholder text.
	Placeholder bool
	// PlaceholderText is the placeholder that marked it.
	PlaceholderText string
	// File is the page the level was read from when it is not the ladder's
	// own page (a ladder stored one level per file); Span, Block, the cells'
	// and the items' spans then index File. nil means the ladder's page.
	File *source.File
}

// levelOf is the Level a matched label names; every shape builds its levels
// here, so that what a label says (code, track, rank) is read in one place.
// span is the label as written; the level's Block starts as the label too.
func levelOf(text string, lb Label, span source.Span) *Level {
	lb.Weak = lb.Weak || weakTracks[lb.Track]
	return &Level{Label: shortLabel(text, lb), Code: lb.Code(), Track: lb.Track, Rank: lb.Rank, Parsed: lb, Span: span, Block: span}
}

// Cell is what a level says for one category.
type Cell struct {
	Category string
	Text     string
	Items    []markdown.Text
	// Span is the (first) source cell; for a merged cell it is the first part.
	Span source.Span
	// Shared is set when the source cell also serves another level.
	Shared bool
	// Placeholder holds the placeholder word found in the cell, if any.
	Placeholder string
	// Parts are the source cells a level cell was merged from (a level's
	// summary row and behaviours row), in source order, when there are two
	// or more; nil for a cell read from one source cell. Each part has its
	// own Text, Items, Span, Shared and Placeholder; the cell's Text and
	// Items are the parts' together.
	Parts []*Cell
}

// Empty reports whether the cell says nothing: blank or a lone dash.
func (c *Cell) Empty() bool {
	t := strings.Trim(c.Text, " -–—.")
	return t == ""
}

// Options configure recognition.
type Options struct {
	Levels *Matcher
	// Placeholders are case-insensitive phrases that mark unfinished text.
	Placeholders []string
}

// DefaultPlaceholders are the phrases real handbooks use for unwritten cells.
var DefaultPlaceholders = []string{"TBD", "TODO", "N/A", "not yet defined", "not yet been defined", "not been defined", "not defined yet", "(not in use)",
	"not used at", "work in progress", "WIP", "TO-DO", "haven't yet finalized", "haven’t yet finalized", "not currently defined", "haven't defined", "haven’t defined", "have not defined", "coming soon", "to be defined", "to be determined", "placeholder", "no special notes"}

// Extract returns the ladders on page, in document order.
func Extract(page *markdown.Page, opt Options) []*Ladder {
	x := &extractor{page: page, opt: opt, ph: placeholderRegexp(opt.Placeholders)}
	var out []*Ladder
	for _, sh := range shapes {
		out = appendDisjoint(out, sh(x))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	kept := out[:0]
	for _, l := range out {
		if l.Name == "" {
			depth := 7
			if l.Format == Headings {
				depth = l.depth
			}
			l.Name = x.nameAbove(l.Span.Start, depth)
		}
		if !x.careerContext(l) || !saysSomething(l) {
			continue
		}
		for _, lv := range l.Levels {
			x.markPlaceholder(l, lv)
		}
		kept = append(kept, l)
	}
	kept = dropOverviews(kept)
	spellingAcrossLadders(kept)
	return kept
}

// dropOverviews removes a heading or bold-label ladder of prose only (one
// Expectations category), or a table of moves between levels ("IC1 →
// IC2"), whose levels another ladder of the page describes in full: an
// overview such as "## Career Levels" with a paragraph per level above a
// category-major ladder of the same levels.
func dropOverviews(ladders []*Ladder) []*Ladder {
	out := ladders[:0]
	for _, l := range ladders {
		if !isOverview(l, ladders) {
			out = append(out, l)
		}
	}
	return out
}

func isOverview(l *Ladder, all []*Ladder) bool {
	transitions := true
	for _, lv := range l.Levels {
		transitions = transitions && lv.Parsed.Transition
	}
	prose := (l.Format == Headings || l.Format == BoldLevels) && len(l.Categories) == 1 && l.Categories[0].Name == Expectations
	if !prose && !transitions {
		return false // "IC1 → IC2" rows are how long each move takes, not levels
	}
	for _, o := range all {
		if o == l || len(o.Categories) < 2 {
			continue
		}
		codes := map[string]bool{}
		for _, lv := range o.Levels {
			codes[lv.Code] = true
		}
		all := true
		for _, lv := range l.Levels {
			all = all && codes[lv.Code]
		}
		if all {
			return true
		}
	}
	return false
}

// shape finds the ladders written in one shape on a page. Each shape lives
// in its own file with its own golden fixtures.
type shape func(x *extractor) []*Ladder

// shapes are tried in order; a ladder whose levels overlap a ladder found by
// an earlier shape is dropped, so the more specific shapes come first.
var shapes = []shape{
	(*extractor).tables,
	(*extractor).captionedTables,
	(*extractor).headingTables,
	(*extractor).headerRowTables,
	(*extractor).categoryMajor, // before headings: its level sub-headings are not level-major ladders
	(*extractor).headings,
	(*extractor).boldLevels,
	(*extractor).frontMatter,
}

// appendDisjoint adds the ladders of found that share no level span with a
// ladder already in out.
func appendDisjoint(out, found []*Ladder) []*Ladder {
	n := len(out)
	for _, l := range found {
		if !overlapsAny(out[:n], l) {
			out = append(out, l)
		}
	}
	return out
}

func overlapsAny(ls []*Ladder, l *Ladder) bool {
	for _, o := range ls {
		for _, a := range o.Levels {
			for _, b := range l.Levels {
				if a.Block.Start < b.Block.End && b.Block.Start < a.Block.End {
					return true
				}
			}
		}
	}
	return false
}

type extractor struct {
	page *markdown.Page
	opt  Options
	ph   *placeholderSet
	// shape holds what reading a table as a ladder found wrong with its
	// shape (a merged level, a displaced label), next to the markdown
	// stage's own Table.Problems, which the ladder stage does not change.
	shape map[*markdown.Table][]markdown.Problem
	// mentions and headingLabels memoise, per section, what the shapes ask of it.
	mentions     [][]*mention
	mentionsDone []bool
	headLabels   []Label
	headIsLevel  []bool
	parents      []int
	labelRows    map[*markdown.Table][][]*markdown.Cell
}

// sectionMentions is blockMentions(secs[i]), computed once per page.
func (x *extractor) sectionMentions(i int) []*mention {
	if x.mentions == nil {
		x.mentions = make([][]*mention, len(x.page.Sections))
		x.mentionsDone = make([]bool, len(x.page.Sections))
	}
	if !x.mentionsDone[i] {
		x.mentions[i], x.mentionsDone[i] = x.blockMentions(x.page.Sections[i]), true
	}
	return x.mentions[i]
}

// headingLabel is the level label of section i's heading (80 bytes at most).
func (x *extractor) headingLabel(i int) (Label, bool) {
	if x.headLabels == nil {
		secs := x.page.Sections
		x.headLabels, x.headIsLevel = make([]Label, len(secs)), make([]bool, len(secs))
		for j, s := range secs {
			if len(s.Heading.Value) <= 80 {
				x.headLabels[j], x.headIsLevel[j] = x.opt.Levels.Match(s.Heading.Value)
			}
		}
	}
	return x.headLabels[i], x.headIsLevel[i]
}

// placeholderCache holds the compiled placeholder pattern per word list:
// Extract runs once per page, the list changes once per run at most.
var placeholderCache sync.Map // string → *regexp.Regexp

func placeholderRegexp(words []string) *placeholderSet {
	if len(words) == 0 {
		return nil
	}
	key := strings.Join(words, "\x00")
	if ps, ok := placeholderCache.Load(key); ok {
		return ps.(*placeholderSet)
	}
	ps := &placeholderSet{re: compilePlaceholders(words)}
	for _, w := range words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
			ps.byFirst[w[0]] = append(ps.byFirst[w[0]], w)
		}
	}
	placeholderCache.Store(key, ps)
	return ps
}

// placeholderSet is the compiled placeholder pattern and its words in lower
// case, by first byte: a plain substring test rules most text out before
// the pattern runs.
type placeholderSet struct {
	re      *regexp.Regexp
	byFirst [256][]string
}

// findIndex is re.FindStringIndex(s) for s that may hold a placeholder.
func (ps *placeholderSet) findIndex(s string) []int {
	if ps.mayHold(strings.ToLower(s)) {
		return ps.re.FindStringIndex(s)
	}
	return nil
}

// mayHold reports whether lower contains one of the words, in one pass
// (not one strings.Contains per word).
func (ps *placeholderSet) mayHold(lower string) bool {
	for i := 0; i < len(lower); i++ {
		for _, w := range ps.byFirst[lower[i]] {
			if strings.HasPrefix(lower[i:], w) {
				return true
			}
		}
	}
	return false
}

func compilePlaceholders(words []string) *regexp.Regexp {
	var alts []string
	for _, w := range words {
		q := regexp.QuoteMeta(strings.TrimSpace(w))
		if q == "" {
			continue
		}
		// Whole words only: "TBD" but not "TBDs"; phrases may start or end with punctuation.
		if isWordByte(w[0]) {
			q = `\b` + q
		}
		if isWordByte(w[len(w)-1]) {
			q += `\b`
		}
		alts = append(alts, q)
	}
	return regexp.MustCompile(`(?i)` + strings.Join(alts, "|"))
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// placeholder returns the placeholder phrase in s, if any.
func (x *extractor) placeholder(s string) string {
	if x.ph == nil {
		return ""
	}
	if loc := x.ph.findIndex(s); loc != nil {
		return s[loc[0]:loc[1]]
	}
	return ""
}

// cellPlaceholder returns the placeholder a cell consists of, if any. A
// placeholder must be what the cell says, not a word in a real sentence:
// a single token ("TBD", "N/A") is the whole cell or opens it followed by
// punctuation ("TBD - see the roadmap"); a phrase ("not yet defined") opens
// the cell's first sentence ("While we haven't yet finalized …"). "Keeps
// the TODO list short" and "explains what is coming soon" are not placeholders.
func (x *extractor) cellPlaceholder(text string) string {
	if x.ph == nil {
		return ""
	}
	// "_Work in progress_": emphasis underscores are not part of the words.
	if strings.IndexByte(text, '_') >= 0 {
		text = strings.ReplaceAll(text, "_", " ")
	}
	text = strings.TrimSpace(text)
	loc := x.ph.findIndex(head(text, 160))
	if loc == nil {
		return ""
	}
	p := text[loc[0]:loc[1]]
	if strings.ContainsAny(strings.TrimSpace(p), " \t") {
		// The phrase opens one of the first two sentences.
		before := text[:loc[0]]
		start := strings.LastIndexAny(before, ".;!?") + 1
		if loc[0]-start <= 16 && strings.Count(before, ". ") <= 1 {
			return p
		}
		// "Level descriptions to be defined.": a short first sentence that
		// ends with the phrase.
		after := strings.TrimSpace(text[loc[1]:])
		if strings.Count(before, ". ") == 0 && len(strings.Fields(text[start:loc[1]])) <= 8 &&
			(after == "" || strings.HasPrefix(after, ".")) {
			return p
		}
		return ""
	}
	rest := strings.TrimSpace(text[loc[1]:])
	// A lone token is the whole cell ("TBD."), not a word inside a run of
	// text written without spaces ("…適用されない（n/a）").
	if loc[0] <= 2 && (rest == "" || strings.ContainsAny(rest[:1], ".,;:-–—()!")) ||
		len(strings.Fields(text)) == 1 && len(text) <= len(p)+3 {
		return p
	}
	return ""
}

// markPlaceholder sets the placeholder flags of lv and its cells. A level is a
// placeholder when its label says so ("(not in use)") or when none of its
// cells says anything but placeholder text.
func (x *extractor) markPlaceholder(l *Ladder, lv *Level) {
	content, placeholders := 0, ""
	cells := lv.Cells
	if !hasContent(cells) {
		// No per-category cell says anything: judge the summary row.
		cells = []*Cell{lv.Summary}
	} else if lv.Summary != nil {
		// The summary gets its flag, but the cells decide the level.
		x.markCell(lv.Summary)
	}
	for _, c := range cells {
		if c == nil || c.Empty() {
			continue
		}
		if p := x.markCell(c); p != "" {
			if placeholders == "" {
				placeholders = p
			}
			continue
		}
		content++
	}
	if p := x.placeholder(lv.Label); p != "" {
		lv.Placeholder, lv.PlaceholderText = true, p
		return
	}
	if content == 0 && placeholders != "" {
		lv.Placeholder, lv.PlaceholderText = true, placeholders
	}
}

// head is the first n bytes of s: a placeholder announces itself early, while
// a long real cell may mention "N/A" in passing.
func head(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// hasContent reports whether any cell says something.
func hasContent(cells []*Cell) bool {
	for _, c := range cells {
		if c != nil && !c.Empty() {
			return true
		}
	}
	return false
}

// sharedTracks counts the levels whose track (a title's role: "engineer",
// "qa/qe engineer", "director") another level has too. A ladder climbs
// within a role; a table of responsibilities lists a different role a row.
func sharedTracks(levels []*Level) int {
	n := map[string]int{}
	for _, lv := range levels {
		n[lv.Track]++
	}
	shared := 0
	for _, lv := range levels {
		if n[lv.Track] > 1 {
			shared++
		}
	}
	return shared
}

// climbs reports whether three or more titles each carry seniority and rise
// (or fall) at every step: "Team Lead", "VP of Engineering", "CTO".
func climbs(levels []*Level) bool {
	if len(levels) < 3 {
		return false
	}
	dir := 0
	for i, lv := range levels {
		if !lv.Parsed.Ranked {
			return false
		}
		if i == 0 {
			continue
		}
		d := lv.Parsed.Seniority - levels[i-1].Parsed.Seniority
		if d == 0 || dir != 0 && (d > 0) != (dir > 0) {
			return false
		}
		dir = d
	}
	return true
}

// saysSomething reports whether the cells of a ladder read as
// expectations rather than figures: a list of salaries per level ("$150k –
// $200k") is shaped like a ladder. Tables check this themselves
// (plausible), with room for title-keyed figures.
func saysSomething(l *Ladder) bool {
	if l.Table != "" || l.Format == FrontMatterTopics || l.Format == LevelFiles {
		return true
	}
	figures, filled := 0, 0
	for _, lv := range l.Levels {
		for _, c := range append([]*Cell{lv.Summary}, lv.Cells...) {
			if c == nil || c.Empty() {
				continue
			}
			filled++
			if !isProse(c.Text) && strings.ContainsAny(c.Text, "0123456789") {
				figures++
			}
		}
	}
	return figures*2 <= filled
}

// around is the text of the headings above offset: the nearest heading of
// each level up to the top of the page, nearest first.
func (x *extractor) around(offset int) string {
	var b strings.Builder
	for i := x.sectionBefore(offset); i >= 0; i = x.parent(i) {
		b.WriteString(x.page.Sections[i].Heading.Value)
		b.WriteString(" \n ")
	}
	return b.String()
}

// sectionBefore is the index of the last section whose heading starts before offset, or -1.
func (x *extractor) sectionBefore(offset int) int {
	secs := x.page.Sections
	return sort.Search(len(secs), func(i int) bool { return secs[i].Heading.Span.Start >= offset }) - 1
}

// pagePath is the page's path as words ("developer/levels/junior.md" says
// levels): folders name what a one-level-per-file ladder is.
func (x *extractor) pagePath() string {
	if x.page.File == nil {
		return ""
	}
	return pathWords.Replace(x.page.File.Path)
}

var pathWords = strings.NewReplacer("/", " ", "-", " ", "_", " ", ".", " ")

// pageTitle is what names the page besides its headings: the front matter
// (title, path, description), at most its first kilobyte.
func (x *extractor) pageTitle() string {
	if x.page.FrontMatter == nil {
		return ""
	}
	return head(string(x.page.FrontMatter.Text), 1024)
}

var codeAndDigits = regexp.MustCompile(`(?i)^\s*[a-z]+\s*\d+|\d+`)

// sharedTitle reports whether every label carries the same title besides
// its code and numbers ("D1 - 開発者 1", "D2 - 開発者 2"): one job at several
// levels. Priority rows have a title each ("P1 — Critical", "P2 — High").
func sharedTitle(levels []*Level) bool {
	title := ""
	for i, lv := range levels {
		t := strings.Trim(codeAndDigits.ReplaceAllString(lv.Label, ""), " -–—:.()")
		if t == "" || i > 0 && t != title {
			return false
		}
		title = t
	}
	return len(levels) >= 2
}

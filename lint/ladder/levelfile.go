package ladder

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// LevelPage is a page that holds ONE level of a ladder: its title (the H1,
// or the front matter `title:` when the body has no H1) is a level label and
// its sections are the level's categories. A LevelPage is not a ladder on its
// own; Assemble joins sibling pages into one.
type LevelPage struct {
	// Level is the level the page describes; Level.File is the page. Its
	// Cells are set by Assemble, once the categories of all siblings are known.
	Level *Level
	// Weight is the front matter `weight:` (Hugo orders pages by it), 0 if none.
	Weight int
	parts  []part
}

// part is one category candidate of a level page: a section, or one
// "**Label**: text" bullet of a section whose bullets all carry labels.
type part struct {
	// group is the section's name without a trailing sub-scale code
	// ("Craftsmanship (C2)" → "Craftsmanship"); label is the bullet label,
	// "" for a whole section.
	group, label string
	span         source.Span // the section heading, or the bullet
	cell         *Cell
}

// Dir is the slash-separated folder of the page.
func (p *LevelPage) Dir() string { return path.Dir(p.Level.File.Path) }

// stem is the page's file name without its extension.
func (p *LevelPage) stem() string {
	b := path.Base(p.Level.File.Path)
	return strings.TrimSuffix(b, path.Ext(b))
}

// ReadLevelPage returns the level a page holds, or nil when the page is not
// a one-level page: its title must be a level label (H1 first and the only
// H1, or front matter title and no H1), and a section under it must say
// something.
func ReadLevelPage(page *markdown.Page, opt Options) *LevelPage {
	secs := page.Sections
	var title markdown.Text
	var intro *markdown.Section // what the H1 says before the first section
	switch {
	case len(secs) > 0 && secs[0].Level == 1:
		for _, s := range secs[1:] {
			if s.Level == 1 {
				return nil // two H1s: a page of several things
			}
		}
		title, intro, secs = secs[0].Heading, secs[0], secs[1:]
	default:
		for _, s := range secs {
			if s.Level == 1 {
				return nil
			}
		}
		var ok bool
		if title, ok = frontMatterTitle(page); !ok {
			return nil
		}
	}
	lb, ok := opt.Levels.Match(strings.Trim(title.Value, `"'“”`))
	if !ok || len(title.Value) > 80 {
		return nil
	}
	// The front matter is parsed only for a page whose title is a level.
	lp := &LevelPage{Weight: frontMatterInt(page, "weight")}
	lp.Level = levelOf(title.Value, lb, title.Span)
	lp.Level.File = page.File
	x := &extractor{page: page, opt: opt}
	if lp.Level.Parsed.Weak && !x.weakContext(&Ladder{Levels: []*Level{lp.Level}, Name: title.Value}) {
		return nil
	}
	said := 0
	for i, s := range secs {
		has := len(s.Items) > 0 || len(s.Paragraphs) > 0
		if !has && i+1 < len(secs) && secs[i+1].Level > s.Level {
			continue // "## Functional Competencies" over its "###" categories
		}
		if has {
			said++
		}
		group := stripCode(s.Heading.Value)
		if labelled := labelledParts(group, s); labelled != nil {
			lp.parts = append(lp.parts, labelled...)
		} else {
			c := sectionCell(s)
			c.Category = group
			lp.parts = append(lp.parts, part{group: group, span: s.Heading.Span, cell: c})
		}
	}
	for _, p := range lp.parts {
		lp.Level.Block.End = max(lp.Level.Block.End, p.span.End, p.cell.Span.End)
		for _, it := range p.cell.Items {
			lp.Level.Block.End = max(lp.Level.Block.End, it.Span.End)
		}
	}
	if said == 0 && intro != nil && len(secs) == 0 && (len(intro.Items) > 0 || len(intro.Paragraphs) > 0) {
		// A level written as prose under its title, with no sections:
		// one category, "Expectations".
		c := sectionCell(intro)
		c.Category = Expectations
		lp.parts = append(lp.parts, part{group: Expectations, span: c.Span, cell: c})
		said++
	}
	if said == 0 {
		return nil
	}
	return lp
}

// labelledParts splits a section whose bullets all name a label
// ("**Delivery Process**: Builds …") into one part per label; nil when
// the section has paragraphs or an unlabelled bullet. Assemble decides
// whether the labels are categories (they recur from level to level).
func labelledParts(group string, s *markdown.Section) []part {
	if len(s.Items) == 0 || len(s.Paragraphs) > 0 {
		return nil
	}
	var out []part
	for _, it := range s.Items {
		name, cell, ok := headingCell(it)
		if !ok {
			return nil
		}
		out = append(out, part{group: group, label: name, span: it.Text.Span, cell: cell})
	}
	return out
}

// subScale is a trailing code of a section heading that moves with the
// level ("Craftsmanship (C2)", "Impact (I1)"): not part of the category's name.
var subScale = regexp.MustCompile(`\s*\(\s*[\p{L}]{0,3}\s*\d{1,2}\s*\)\s*$`)

func stripCode(s string) string {
	if t := subScale.ReplaceAllString(s, ""); t != "" {
		return strings.TrimSpace(t)
	}
	return strings.TrimSpace(s)
}

// frontMatterValue is the scalar node under key in the page's front matter.
func frontMatterValue(page *markdown.Page, key string) *yaml.Node {
	fm := page.FrontMatter
	if fm == nil || len(fm.Text) > 64<<10 {
		return nil
	}
	var doc yaml.Node
	if unmarshal(fm.Text, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i+1].Kind == yaml.ScalarNode {
			return m.Content[i+1]
		}
	}
	return nil
}

// frontMatterTitle is the front matter `title:` with the span of its line
// from the value to the end of the line; positions come from the YAML node.
func frontMatterTitle(page *markdown.Page) (markdown.Text, bool) {
	n := frontMatterValue(page, "title")
	if n == nil || strings.TrimSpace(n.Value) == "" {
		return markdown.Text{}, false
	}
	fm := page.FrontMatter
	start := yamlOffset(fm.Text, yamlLineStarts(fm.Text), n.Line, n.Column)
	end := start + lineEnd(fm.Text[start:])
	span := trimmed(fm.Text, start, end)
	return markdown.Text{Value: strings.Join(strings.Fields(n.Value), " "),
		Span: source.Span{Start: fm.Start + span.Start, End: fm.Start + span.End}}, true
}

func frontMatterInt(page *markdown.Page, key string) int {
	if n := frontMatterValue(page, key); n != nil {
		if v, err := strconv.Atoi(strings.TrimSpace(n.Value)); err == nil {
			return v
		}
	}
	return 0
}

func lineEnd(b []byte) int {
	for i, c := range b {
		if c == '\n' || c == '\r' {
			return i
		}
	}
	return len(b)
}

func trimmed(b []byte, start, end int) source.Span {
	for end > start && (b[end-1] == ' ' || b[end-1] == '\t') {
		end--
	}
	return source.Span{Start: start, End: end}
}

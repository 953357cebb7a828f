package ladder

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Listing is one level named by the index page of a ladder stored one level
// per file: a list item ("[Middle I Engineer](…)") or a Hugo shortcode
// ({{< card link="engineer" title="2. Engineer" >}}).
type Listing struct {
	// Label is the listed name as written; Span is where, in Ladder.Index.
	Label string
	Span  source.Span
	// Level is the level whose page the listing names; nil when no page in
	// the folder holds it.
	Level *Level
	// target is the stem the shortcode links to ("engineer"), if any.
	target string
}

// IndexNames are the pages of a folder D that may list its levels: D/_index.md
// (Hugo), D/index.md, D/README.md, and D.md beside the folder (Docusaurus,
// GitBook).
func IndexNames(dir string) []string {
	names := []string{path.Join(dir, "_index.md"), path.Join(dir, "index.md"), path.Join(dir, "README.md")}
	if dir != "." && dir != "/" && dir != "" {
		names = append(names, dir+".md")
	}
	return names
}

// Assemble joins the level pages of one folder into ladders. Pages of a
// folder whose index page (see IndexNames; indexFor returns the parsed ones
// that exist) lists at least two of them form one ladder in the index's
// order. Without an index, pages of one track form a ladder when there are
// at least two, at least half of them are named after their level
// ("senior-engineer.md" for "Senior Engineer") and they share a category.
// Lone pages make no ladder.
func Assemble(pages []*LevelPage, indexFor func(dir string) []*markdown.Page, opt Options) []*Ladder {
	byDir := map[string][]*LevelPage{}
	var dirs []string
	for _, p := range pages {
		d := p.Dir()
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], p)
	}
	sort.Strings(dirs)
	x := &extractor{opt: opt, ph: placeholderRegexp(opt.Placeholders)}
	var out []*Ladder
	for _, d := range dirs {
		ps := byDir[d]
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].Level.File.Path < ps[j].Level.File.Path })
		if l := x.indexed(ps, indexFor(d)); l != nil {
			out = append(out, l)
			continue
		}
		byTrack := map[string][]*LevelPage{}
		var tracks []string
		for _, p := range ps {
			// Titles of one folder are one family ("Engineering Manager",
			// "Director of Engineering", "VP of Engineering"); codes go by track.
			fam := family(p.Level.Parsed)
			if byTrack[fam] == nil {
				tracks = append(tracks, fam)
			}
			byTrack[fam] = append(byTrack[fam], p)
		}
		for _, tr := range tracks {
			g := byTrack[tr]
			named := 0
			for _, p := range g {
				if namedAfter(p) {
					named++
				}
			}
			if len(g) < 2 || named*2 < len(g) {
				continue
			}
			sort.SliceStable(g, func(i, j int) bool {
				a, b := g[i].Level, g[j].Level
				if na, nb := g[i].fileRank(), g[j].fileRank(); na > 0 && nb > 0 && na != nb {
					return na < nb // "level-2-engineer.md" before "level-3-senior.md"
				}
				if a.Parsed.Seniority != b.Parsed.Seniority && a.Parsed.Title && b.Parsed.Title {
					return a.Parsed.Seniority < b.Parsed.Seniority
				}
				if a.Rank != b.Rank {
					return a.Rank < b.Rank
				}
				return g[i].Weight < g[j].Weight
			})
			if l := x.build(path.Base(d), g); l != nil {
				out = append(out, l)
			}
		}
	}
	return out
}

// indexed builds the ladder of a folder from the first index page that
// lists two of its level pages, or returns nil.
func (x *extractor) indexed(ps []*LevelPage, indexes []*markdown.Page) *Ladder {
	for _, ix := range indexes {
		ls := ReadIndex(ix, x.opt)
		var rest []*LevelPage
		for _, p := range ps {
			if p.Level.File != ix.File { // an index is not its own level
				rest = append(rest, p)
			}
		}
		taken := map[*LevelPage]bool{}
		matched := 0
		for i := range ls {
			if p := pick(ls[i], rest, taken); p != nil {
				taken[p] = true
				ls[i].Level = p.Level
				matched++
			}
		}
		if matched < 2 {
			continue
		}
		var order []*LevelPage
		for _, l := range ls {
			for _, p := range rest {
				if l.Level == p.Level {
					order = append(order, p)
				}
			}
		}
		var unlisted []*LevelPage
		for _, p := range rest {
			if !taken[p] {
				unlisted = append(unlisted, p)
			}
		}
		sort.SliceStable(unlisted, func(i, j int) bool { return unlisted[i].Level.Rank < unlisted[j].Level.Rank })
		name := path.Base(strings.TrimSuffix(ix.File.Path, ".md"))
		if t := pageTitle(ix); t != "" {
			name = t
		}
		l := x.build(name, append(order, unlisted...))
		if l == nil {
			continue
		}
		l.Index, l.Listings = ix.File, ls
		l.Span = source.Span{Start: ls[0].Span.Start, End: ls[len(ls)-1].Span.End}
		return l
	}
	return nil
}

// pick returns the page a listing names: the page its link points at, else
// the first page not yet taken whose title is the listed name.
func pick(l Listing, ps []*LevelPage, taken map[*LevelPage]bool) *LevelPage {
	for _, p := range ps {
		if l.target != "" && !taken[p] && p.stem() == l.target {
			return p
		}
	}
	for _, p := range ps {
		if !taken[p] && sameName(l.Label, p.Level.Label) {
			return p
		}
	}
	return nil
}

var numbering = regexp.MustCompile(`^\s*\d{1,2}\s*[.)]\s+`)

// sameName compares level names ignoring case, quotes, white space and a
// leading "1. ".
func sameName(a, b string) bool {
	norm := func(s string) string {
		s = numbering.ReplaceAllString(s, "")
		return strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, ` "'“”`)), " "))
	}
	return norm(a) == norm(b)
}

// namedAfter reports whether the page's file name is its level's name, or
// a part of it ("eng1.md" for "ENG1 Engineer", "pleno.md" for "Pleno").
func namedAfter(p *LevelPage) bool {
	stem := numbered.ReplaceAllString(slug(p.stem()), "")
	label := slug(p.Level.Label)
	return stem != "" && strings.Contains("-"+label+"-", "-"+stem+"-")
}

// numbered is the number a file name gives its level: "level-2-engineer",
// "02-senior", "l3-staff".
var numbered = regexp.MustCompile(`^(?:level-|lvl-|l|n)?(\d{1,2})-`)

// fileRank is the number in the page's file name, or 0.
func (p *LevelPage) fileRank() int {
	m := numbered.FindStringSubmatch(slug(p.stem()))
	if m == nil {
		return 0
	}
	return atoi(m[1])
}

// accents folds the accented letters of Latin-script titles ("Júnior",
// "Sênior") for comparison with file names, which rarely keep them.
var accents = strings.NewReplacer("á", "a", "à", "a", "â", "a", "ã", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "õ", "o", "ö", "o", "ú", "u", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n")

// slug lowercases s, folds its accents and joins its letters and digits with "-".
func slug(s string) string {
	f := strings.FieldsFunc(accents.Replace(strings.ToLower(s)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	return strings.Join(f, "-")
}

// pageTitle is the page's H1, or its front matter title.
func pageTitle(p *markdown.Page) string {
	for _, s := range p.Sections {
		if s.Level == 1 {
			return s.Heading.Value
		}
	}
	if t, ok := frontMatterTitle(p); ok {
		return t.Value
	}
	return ""
}

// ReadIndex reads the levels an index page names: list items and Hugo
// shortcode titles that are level labels ("1. Associate Engineer"), in
// page order.
func ReadIndex(p *markdown.Page, opt Options) []Listing {
	var out []Listing
	isLevel := func(s string) bool {
		_, ok := opt.Levels.Match(numbering.ReplaceAllString(s, ""))
		return ok && len(s) <= 80
	}
	var walk func(items []*markdown.ListItem)
	walk = func(items []*markdown.ListItem) {
		for _, it := range items {
			if isLevel(it.Text.Value) {
				out = append(out, Listing{Label: it.Text.Value, Span: it.Text.Span})
			}
			walk(it.Children)
		}
	}
	for _, s := range p.Sections {
		walk(s.Items)
	}
	for _, sc := range shortcodes(p) {
		if t, ok := sc.attrs["title"]; ok && isLevel(t.Value) {
			target := ""
			if l, ok := sc.attrs["link"]; ok {
				b := path.Base(strings.TrimSuffix(l.Value, "/"))
				target = strings.TrimSuffix(b, path.Ext(b))
			}
			out = append(out, Listing{Label: t.Value, Span: t.Span, target: target})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	return out
}

// build assembles the ladder of pages, in that order, named name. The
// categories are the union of the pages' sections; a section whose bullets
// carry labels ("**Ownership**: …") contributes its labels as categories
// when they recur across levels, and one category of its own name when they
// change from level to level ("Enabling Traits"). nil when no category is
// shared by two levels.
func (x *extractor) build(name string, pages []*LevelPage) *Ladder {
	// A group keeps its labels when those present in at least half of
	// the levels that have the group are at least half of its labels.
	type groupUse struct {
		levels    int
		unlabeled bool
		labels    map[string]int
	}
	groups := map[string]*groupUse{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, pt := range p.parts {
			g := strings.ToLower(pt.group)
			u := groups[g]
			if u == nil {
				u = &groupUse{labels: map[string]int{}}
				groups[g] = u
			}
			if !seen[g] {
				seen[g] = true
				u.levels++
			}
			if pt.label == "" {
				u.unlabeled = true
				continue
			}
			if !seen[g+"\x00"+strings.ToLower(pt.label)] {
				seen[g+"\x00"+strings.ToLower(pt.label)] = true
				u.labels[strings.ToLower(pt.label)]++
			}
		}
	}
	keepLabels := func(g string) bool {
		u := groups[g]
		if u.unlabeled || len(u.labels) == 0 {
			return false
		}
		common := 0
		for _, n := range u.labels {
			if n*2 >= u.levels {
				common++
			}
		}
		return common*2 >= len(u.labels)
	}
	// The level with the most categories gives their order.
	type levelCells struct {
		names []string
		cells map[string]*Cell
	}
	per := make([]levelCells, len(pages))
	base := 0
	for i, p := range pages {
		lc := levelCells{cells: map[string]*Cell{}}
		for _, pt := range p.parts {
			g := strings.ToLower(pt.group)
			cat, key := pt.group, g
			if pt.label != "" && keepLabels(g) {
				cat, key = pt.label, strings.ToLower(pt.label)
			}
			c := lc.cells[key]
			if c == nil {
				lc.names = append(lc.names, cat)
				c = &Cell{Category: cat, Span: pt.cell.Span}
				if pt.label != "" {
					c.Span = pt.span
				}
				lc.cells[key] = c
			}
			if pt.label != "" && cat != pt.label {
				// A collapsed label keeps its name in the item.
				for _, it := range pt.cell.Items {
					c.Items = append(c.Items, markdown.Text{Value: pt.label + ": " + it.Value, Span: it.Span})
				}
				c.Span.End = max(c.Span.End, pt.span.End)
			} else {
				c.Items = append(c.Items, pt.cell.Items...)
				c.Span.End = max(c.Span.End, pt.cell.Span.End)
			}
		}
		for _, c := range lc.cells {
			c.Text = joinItems(c.Items)
		}
		per[i] = lc
		if len(lc.names) > len(per[base].names) {
			base = i
		}
	}
	l := &Ladder{Name: name, Format: LevelFiles, Span: pages[0].Level.Span}
	count := map[string]int{}
	add := func(names []string) {
		for _, n := range names {
			k := strings.ToLower(n)
			if _, ok := count[k]; !ok {
				count[k] = 0
				l.Categories = append(l.Categories, Category{Name: n})
			}
		}
	}
	add(per[base].names)
	for _, lc := range per {
		add(lc.names)
	}
	for i, p := range pages {
		lv := p.Level
		lv.Cells = make([]*Cell, len(l.Categories))
		for j, c := range l.Categories {
			if cell := per[i].cells[strings.ToLower(c.Name)]; cell != nil {
				lv.Cells[j] = cell
				count[strings.ToLower(c.Name)]++
			}
		}
		lv.Placeholder, lv.PlaceholderText = false, ""
		x.markPlaceholder(l, lv)
		l.Levels = append(l.Levels, lv)
	}
	for _, n := range count {
		if n >= 2 {
			return l
		}
	}
	return nil
}

// SourceFile is the page l.Span indexes when l was assembled from several
// pages: its index page, or the page of its first level. It is nil for a
// ladder read from one page (the caller knows that page).
func (l *Ladder) SourceFile() *source.File {
	if l.Index != nil {
		return l.Index
	}
	if l.Format == LevelFiles && len(l.Levels) > 0 {
		return l.Levels[0].File
	}
	return nil
}

// shortcode is one Hugo shortcode ({{< name key="value" >}} or {{% … %}})
// with its attribute values and their spans in the page.
type shortcode struct {
	name  string
	attrs map[string]markdown.Text
}

var shortcodeAttr = regexp.MustCompile(`([A-Za-z_][\w-]*)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')`)

// shortcodes tokenizes the Hugo shortcodes of a page's body (goldmark sees
// them as text). Only the first 1 MiB is read and a shortcode ends within
// its line, so a hostile page costs one pass.
func shortcodes(p *markdown.Page) []shortcode {
	data := p.File.Data
	from := 0
	if fm := p.FrontMatter; fm != nil {
		from = fm.Start + len(fm.Text)
	}
	data = data[:min(len(data), 1<<20)]
	var out []shortcode
	eol := 0
	for i := from; i+3 < len(data); {
		j := bytes.Index(data[i:], []byte("{{"))
		if j < 0 {
			break
		}
		start := i + j + 2
		i = start
		if start >= len(data) || data[start] != '<' && data[start] != '%' {
			continue
		}
		closer := ">}}"
		if data[start] == '%' {
			closer = "%}}"
		}
		if start >= eol { // the end of the line is found once per line
			eol = start + lineEnd(data[start:])
		}
		k := bytes.Index(data[start+1:eol], []byte(closer))
		if k < 0 {
			i = eol // unclosed on its line: skip the line, so each byte is read once
			continue
		}
		body := start + 1
		inner := string(data[body : body+k])
		fields := strings.Fields(inner)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "/") {
			continue
		}
		sc := shortcode{name: fields[0], attrs: map[string]markdown.Text{}}
		for _, m := range shortcodeAttr.FindAllStringSubmatchIndex(inner, -1) {
			key := inner[m[2]:m[3]]
			vs, ve := m[4], m[5]
			if vs < 0 {
				vs, ve = m[6], m[7]
			}
			sc.attrs[key] = markdown.Text{Value: strings.Join(strings.Fields(inner[vs:ve]), " "),
				Span: source.Span{Start: body + vs, End: body + ve}}
		}
		out = append(out, sc)
		i = body + k + 3
	}
	return out
}

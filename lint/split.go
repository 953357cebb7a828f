package lint

import (
	"path"
	"strings"

	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
	"github.com/ladderlint/ladderlint/lint/suppress"
)

// splitPage is a page that holds one level of a ladder stored one level per
// file. Its findings wait for the ladder to be assembled, so that its
// suppression comments are applied once, to all of them.
type splitPage struct {
	page     *markdown.Page
	level    *ladder.LevelPage // nil for a context page that holds no level
	findings []finding.Finding // the page's own, not yet suppressed
	// context is set for an unchanged page read under -changed-since only
	// because a sibling changed: its own findings are not reported.
	context bool
}

// levelPage reads the one level a page holds, when no ladder was found on it.
func levelPage(page *markdown.Page, ladders []*ladder.Ladder, opt ladder.Options) *ladder.LevelPage {
	if len(ladders) > 0 {
		return nil
	}
	return ladder.ReadLevelPage(page, opt)
}

// lintSplit assembles the level pages into ladders (with the index pages
// that list them, read from the discovered files), checks them and adds
// the ladders, findings and documents to res. Under -changed-since a split
// ladder is touched, and reported whole, when any of its pages changed.
func (r *run) lintSplit() {
	res, pages, profs, opt, changed := r.res, r.split, r.profs, r.opt, r.changed
	if len(pages) == 0 {
		return
	}
	var levels []*ladder.LevelPage
	for _, sp := range pages {
		levels = append(levels, sp.level)
	}
	parsed := map[string]*markdown.Page{} // the index pages read, by path
	indexFor := func(dir string) []*markdown.Page {
		var out []*markdown.Page
		for _, name := range ladder.IndexNames(dir) {
			if !r.indexes[name] {
				continue
			}
			if f, err := readFile(name, opt.MaxFileSize, nil, false); err == nil {
				parsed[f.Path] = markdown.Parse(f, opt.Limits)
				out = append(out, parsed[f.Path])
			}
		}
		return out
	}
	byFile := map[string][]finding.Finding{}
	files := map[string]*source.File{}
	// The pages of one ladder are assembled with the top-level level
	// patterns; each ladder is checked with the configuration of its home page.
	for _, l := range ladder.Assemble(levels, indexFor, profs.root.lopt) {
		if changed != nil && !splitTouched(l, changed) {
			res.SkippedLadders++
			continue
		}
		res.Ladders++
		home := l.SourceFile()
		chk := profs.of(rootRel(opt, home.Path)).chk
		checked := chk.Check(home, []*ladder.Ladder{l})
		for _, fd := range checked.Findings {
			byFile[fd.File] = append(byFile[fd.File], fd)
		}
		if opt.Documents {
			res.Documents = append(res.Documents, checked.Documents...)
		}
		if l.Index != nil {
			files[l.Index.Path] = l.Index
		}
	}
	var added []finding.Finding // quoted at the end: related places can be in a sibling page
	add := func(fs []finding.Finding) {
		res.Findings = append(res.Findings, fs...)
		added = append(added, fs...)
	}
	for _, sp := range pages {
		f := sp.page.File
		fs := byFile[f.Path]
		delete(byFile, f.Path)
		if !sp.context {
			fs = append(sp.findings, fs...)
		}
		if len(fs) > 0 {
			kept, n := suppressed(profs.of(rootRel(opt, f.Path)).chk, sp.page, fs)
			res.Suppressed += n
			add(kept)
		}
	}
	// Findings on index pages (a listed level without a page): the index
	// page was linted on its own already, so its suppression comments are
	// applied again, without the suppression rule reporting them twice.
	for p, fs := range byFile {
		if files[p] != nil { // an index page: parsed when the ladder was assembled
			kept, _, _ := suppress.Apply(parsed[p], fs)
			add(kept)
		}
	}
	if opt.Quotes {
		for _, sp := range pages {
			res.Quotes.Keep(sp.page.File, added)
		}
		for _, f := range files {
			res.Quotes.Keep(f, added)
		}
	}
}

// splitTouched reports whether any page of a split ladder changed.
func splitTouched(l *ladder.Ladder, changed map[string]changes.Lines) bool {
	if l.Index != nil {
		if _, ok := changed[l.Index.Path]; ok {
			return true
		}
	}
	for _, lv := range l.Levels {
		if _, ok := changed[lv.File.Path]; ok {
			return true
		}
	}
	return false
}

// changedFiles keeps the changed files, and the unchanged siblings of a
// changed page or of a changed index page (D.md for folder D), which are
// marked in context: a split ladder needs all its pages.
func changedFiles(pages []discovered, changed map[string]changes.Lines, context map[string]bool) []discovered {
	dirs := map[string]bool{}
	for c := range changed {
		dirs[path.Dir(c)] = true
		dirs[strings.TrimSuffix(c, ".md")] = true
	}
	var kept []discovered
	for _, pg := range pages {
		if _, ok := changed[pg.path]; ok {
			kept = append(kept, pg)
		} else if dirs[path.Dir(pg.path)] {
			kept = append(kept, pg)
			context[pg.path] = true
		}
	}
	return kept
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

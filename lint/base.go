package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// baseRun is what a -changed-since run read of the base revision, for the
// rules that guard against removals (check.BaseRule). Git is only read.
type baseRun struct {
	rev string
	// page maps a linted page (local path) to its base version: the same
	// path, or the path git says it was renamed from (then renamed is set).
	page    map[string]basePage
	renamed map[string]bool
	// gone are the base pages that no longer exist at head.
	gone []basePage
}

type basePage struct {
	path string
	data []byte
}

// openBase reads, at opt.ChangedSince (rev), the base version of every
// page in files and of every page under opt.Paths that head no longer has.
func openBase(opt Options, rev *diff.Revision, files []discovered) (*baseRun, error) {
	b, err := rev.Base()
	if err != nil {
		return nil, err
	}
	renames := b.Renames()
	renamedFrom := map[string]string{}
	for from, to := range renames {
		renamedFrom[to] = from
	}
	want := map[string]string{} // repository path → local path it is the base of
	br := &baseRun{rev: opt.ChangedSince,
		page: map[string]basePage{}, renamed: map[string]bool{}}
	for _, pg := range files {
		f := pg.path
		rp, ok := b.RepoPath(f)
		if !ok {
			continue
		}
		if b.Has(rp) {
			want[rp] = f
		} else if from, ok := renamedFrom[rp]; ok && b.Has(from) {
			want[from] = f
			br.renamed[f] = true
		}
	}
	var gone []string
	for _, rp := range BasePages(opt, b) {
		if _, ok := want[rp]; ok {
			continue
		}
		if _, err := os.Lstat(b.LocalPath(rp)); os.IsNotExist(err) {
			if to, ok := renames[rp]; ok {
				if _, err := os.Lstat(b.LocalPath(to)); err == nil {
					continue // renamed to a page that is linted if selected
				}
			}
			gone = append(gone, rp)
		}
	}
	paths := append(gone, keys(want)...)
	data, err := b.Read(paths, opt.MaxFileSize)
	if err != nil {
		return nil, err
	}
	for rp, local := range want {
		if d, ok := data[rp]; ok {
			br.page[local] = basePage{path: b.LocalPath(rp), data: d}
		}
	}
	for _, rp := range gone {
		if d, ok := data[rp]; ok {
			br.gone = append(br.gone, basePage{path: b.LocalPath(rp), data: d})
		}
	}
	return br, nil
}

// BasePages lists the files of the revision b that a run with opt would
// read were the working tree at that revision, repository-relative: under
// opt.Paths, selected by the configuration, and a file named as a PATH
// dropped when the configuration excludes it, as discovery drops it. A
// symbolic link is listed (Read follows it) unless it leads to a page
// listed anyway: such an alias is not a page of its own to compare, and
// deleting it removes no ladder.
func BasePages(opt Options, b *diff.Base) []string {
	opt = opt.withDefaults()
	selected := func(local string) bool { return opt.Config.Selects(rootRel(opt, local)) }
	out := b.Select(opt.Paths, selected)
	files := map[string]bool{}
	for _, rp := range out {
		files[rp] = true
	}
	for _, rp := range b.SelectLinks(opt.Paths, selected) {
		if to, ok := b.Target(rp); !ok || !files[to] {
			out = append(out, rp)
		}
	}
	return slices.DeleteFunc(out, func(rp string) bool { return excluded(opt, rootRel(opt, b.LocalPath(rp))) })
}

// HeadPages reads the working tree's pages a run with opt lints, by the
// run's rules (those it cannot read are the run's business), named as
// findings name them: the other side of BasePages, and like it without the
// aliases.
func HeadPages(opt Options) map[string][]byte {
	opt = opt.withDefaults()
	pages := map[string][]byte{}
	discover(opt, func(pg discovered) {
		if f, err := readFile(pg.path, opt.MaxFileSize, nil, pg.regular); err == nil {
			pages[pg.path] = f.Data
		}
	})
	dropAliases(opt.WorkDir, pages)
	return pages
}

// dropAliases leaves out of pages (named relative to wd) the symbolic links
// that lead to another of them: an alias is not a page of its own to
// compare, as BasePages leaves it out of the revision's pages.
func dropAliases(wd string, pages map[string][]byte) {
	realWD, err := filepath.EvalSymlinks(wd)
	if err != nil {
		return
	}
	for p := range pages {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, p)
		}
		if info, err := os.Lstat(abs); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		to, err := filepath.EvalSymlinks(abs)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(realWD, to); err == nil {
			if _, page := pages[filepath.ToSlash(rel)]; page && filepath.ToSlash(rel) != p {
				delete(pages, p)
			}
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// check runs the base rules on a linted page f and its ladders at head.
func (br *baseRun) check(prof *profile, f *source.File, ladders []*ladder.Ladder) []finding.Finding {
	bp, ok := br.page[f.Path]
	if !ok {
		return nil
	}
	base := diff.Parse(bp.path, bp.data, prof.lopt)
	if len(base.Ladders) == 0 {
		return nil
	}
	head := &diff.Page{Path: f.Path, File: f, Ladders: ladders}
	renamedTo := ""
	if br.renamed[f.Path] {
		renamedTo = f.Path
	}
	return prof.chk.RunBase(diff.PageChange(br.rev, &base, head, renamedTo, diff.Options{Areas: prof.chk.Areas()}))
}

// goneFindings are the base rules' findings on the pages head no longer
// has, and those pages' base versions (the findings point into them).
func (br *baseRun) goneFindings(profs *profiles) ([]finding.Finding, []*source.File) {
	var out []finding.Finding
	var files []*source.File
	for _, bp := range br.gone {
		prof := profs.of(rootRel(profs.opt, bp.path))
		base := diff.Parse(bp.path, bp.data, prof.lopt)
		if len(base.Ladders) == 0 {
			continue
		}
		fs := prof.chk.RunBase(diff.PageChange(br.rev, &base, nil, "", diff.Options{Areas: prof.chk.Areas()}))
		if len(fs) > 0 {
			out = append(out, fs...)
			files = append(files, base.File)
		}
	}
	return out, files
}

// has reports whether the page at local path p had a base version.
func (br *baseRun) has(p string) bool {
	if br == nil {
		return false
	}
	_, ok := br.page[p]
	return ok
}

// splitBase moves the findings of check.AboutMissing rules (about ladders
// missing or removed, which no changed line has to touch) out of *findings
// and returns them.
func splitBase(findings *[]finding.Finding) []finding.Finding {
	var rest, base []finding.Finding
	for _, f := range *findings {
		if _, ok := check.Lookup(f.Rule).(check.AboutMissing); ok {
			base = append(base, f)
		} else {
			rest = append(rest, f)
		}
	}
	*findings = rest
	return base
}

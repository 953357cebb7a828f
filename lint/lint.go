// Package lint runs the pipeline the way the design card draws it:
// files → markdown.Parse → ladder.Extract → check.Run → findings.
// Reporters (package report) turn the Result into text, JSON or annotations.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/report"
	"github.com/ladderlint/ladderlint/lint/source"
)

// DefaultMaxFileSize is the largest page read (bytes); larger files are
// reported as errors instead of being read.
const DefaultMaxFileSize = 10 << 20

// Options say what to lint.
type Options struct {
	// Paths are files or folders; folders are walked and filtered by the
	// configuration's include/exclude globs.
	Paths []string
	// Root is the folder include/exclude globs are relative to.
	Root   string
	Config *config.Config
	Limits markdown.Limits
	// MaxFileSize bounds the bytes read per file (0 = DefaultMaxFileSize).
	MaxFileSize int64
	// Documents asks for the ladder documents (for `extract`).
	Documents bool
	// ChangedSince, when set, is a git revision: only pages changed since
	// then are linted, and only the findings of ladders the diff touches
	// are reported.
	ChangedSince string
}

// Result is what a run found. Its Run is what reporters read: the counts,
// the findings sorted by file, line, column and rule, the sources they
// quote and the rule catalogue.
type Result struct {
	report.Run
	// Documents are the ladders' JSON documents (Options.Documents).
	Documents []ladder.Document
	// Errors are files that could not be linted (unreadable, not text, too large).
	Errors []error
	// SkippedFiles and SkippedLadders count what -changed-since left out:
	// unchanged pages, and ladders on changed pages that the diff does not touch.
	SkippedFiles, SkippedLadders int
}

// FileError says why a file could not be linted.
type FileError struct {
	Path string
	Msg  string
}

func (e *FileError) Error() string { return e.Path + ": " + e.Msg }

// Run lints the files named by opt.
func Run(opt Options) (*Result, error) {
	if opt.Config == nil {
		opt.Config = config.Default()
	}
	if opt.Limits == (markdown.Limits{}) {
		opt.Limits = markdown.DefaultLimits
	}
	if opt.MaxFileSize == 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	profs, err := newProfiles(opt)
	if err != nil {
		return nil, err
	}
	chk := profs.root.chk

	res := &Result{Run: report.Run{Sources: map[string]*source.File{}, Rules: check.Catalogue()}}
	files, errs := discover(opt)
	// Each distinct effective configuration (overrides) is compiled once.
	if err := profs.prepare(files); err != nil {
		return nil, err
	}
	res.Errors = append(res.Errors, errs...)
	discovered := files          // index pages of split ladders are looked up here
	context := map[string]bool{} // read only to complete a split ladder
	if len(opt.Config.Ladders) > 0 {
		rels := make([]string, len(files))
		for i, f := range files {
			rels[i] = rootRel(opt, f)
		}
		res.Findings = append(res.Findings, chk.Unmatched(rels)...)
	}
	var changed map[string]changes.Lines
	if opt.ChangedSince != "" {
		if changed, err = changes.Since(changes.Dir(opt.Paths), opt.ChangedSince); err != nil {
			return nil, err
		}
		all := len(files)
		files = changedFiles(files, changed, context)
		res.SkippedFiles = all - len(files) + len(context)
	}
	var base *baseRun // the base revision, for the rules that guard against removals
	if opt.ChangedSince != "" {
		if base, err = openBase(opt, files, profs); err != nil {
			return nil, err
		}
	}
	type fileResult struct {
		file     *source.File
		ladders  int
		findings []finding.Finding
		docs     []ladder.Document
		skipped  int
		// suppressed counts the findings the page's comments hid.
		suppressed int
		err        error
		split      *splitPage
		context    bool
	}
	// lintFile runs one page through the pipeline.
	lintFile := func(path string) fileResult {
		f, err := readFile(path, opt.MaxFileSize)
		if err != nil {
			return fileResult{err: err}
		}
		rel := rootRel(opt, path)
		prof := profs.of(path)
		chk, lopt := prof.chk, prof.lopt
		// A pinned page, or one that had ladders at the base revision, is
		// read even when the pre-scan sees no ladder: a ladder broken beyond
		// recognition is the finding.
		if !mayHoldLadder(f.Data, prof.matcher) && !chk.NeedsPage(rel) && !base.has(f.Path) {
			return fileResult{context: context[path]} // linted, nothing to say
		}
		page := markdown.Parse(f, opt.Limits)
		ladders := ladder.Extract(page, lopt)
		findings := append(chk.Run(f, ladders), limitFindings(prof.cfg, chk, f, page, ladders)...)
		findings = append(findings, chk.RunPage(f, page, rel, ladders)...)
		if base != nil {
			findings = append(findings, base.check(prof, f, ladders)...)
		}
		if lp := levelPage(page, ladders, lopt); lp != nil || context[path] {
			// One level of a ladder stored one level per file: checked
			// with its siblings once every page is read.
			return fileResult{split: &splitPage{page: page, level: lp, findings: findings, context: context[path]}, context: context[path]}
		}
		r := fileResult{file: f, ladders: len(ladders)}
		r.findings, r.suppressed = chk.SuppressCounted(page, findings)
		if changed != nil {
			fromBase := splitBase(&r.findings) // about missing and removed ladders: always reported
			r.findings, ladders = touched(f, ladders, r.findings, changed[f.Path])
			r.findings = append(r.findings, fromBase...)
			r.skipped = r.ladders - len(ladders)
			r.ladders = len(ladders)
		}
		if opt.Documents {
			for _, l := range ladders {
				r.docs = append(r.docs, l.Document(f, chk.Areas()))
			}
		}
		if len(r.findings) == 0 {
			r.file = nil // keep only the pages a report quotes
		}
		return r
	}
	// Results are folded into res as they arrive, in file order (a few
	// wait in pending for a slower page before them), so memory does not
	// grow with the number of pages, only with what res keeps.
	type indexed struct {
		i int
		r fileResult
	}
	done := make(chan indexed, 64)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				done <- indexed{i, lintFile(files[i])}
			}
		}()
	}
	go func() {
		for i := range files {
			next <- i
		}
		close(next)
		wg.Wait()
		close(done)
	}()
	pending := map[int]fileResult{}
	fold := 0
	var split []*splitPage
	for d := range done {
		pending[d.i] = d.r
		for r, ok := pending[fold]; ok; r, ok = pending[fold] {
			delete(pending, fold)
			fold++
			if r.err != nil {
				res.Errors = append(res.Errors, r.err)
				continue
			}
			if r.split != nil && r.split.level != nil {
				split = append(split, r.split)
			}
			if r.context || r.split != nil {
				res.Files += btoi(!r.context)
				continue
			}
			res.Files++
			res.Ladders += r.ladders
			res.SkippedLadders += r.skipped
			res.Suppressed += r.suppressed
			res.Findings = append(res.Findings, r.findings...)
			res.Documents = append(res.Documents, r.docs...)
			if len(r.findings) > 0 {
				res.Sources[r.file.Path] = r.file
			}
		}
	}
	lintSplit(res, split, discovered, profs, opt, changed)
	if base != nil {
		fs, olds := base.goneFindings(profs)
		res.Findings = append(res.Findings, fs...)
		for _, f := range olds {
			res.Sources[f.Path] = f
		}
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return finding.Less(&res.Findings[i], &res.Findings[j]) })
	res.Unreadable = len(res.Errors)
	return res, nil
}

// limitFindings reports the markdown limits hit in tables that hold no
// ladder (a ladder's own table problems are table-shape findings already):
// a table cut short is said, not silently skipped. They are table-shape
// findings with that rule's severity.
func limitFindings(cfg *config.Config, chk *check.Checker, f *source.File, page *markdown.Page, ladders []*ladder.Ladder) []finding.Finding {
	const rule = "table-shape"
	if !chk.Enabled(rule) {
		return nil
	}
	var out []finding.Finding
	for _, t := range page.Tables {
		for _, p := range t.Problems {
			if !p.Limit || coveredByLadder(p, ladders) {
				continue
			}
			sev := check.Lookup(rule).Default()
			if s, ok := finding.ParseSeverity(cfg.Rules[rule]); ok {
				sev = s
			}
			out = append(out, finding.Finding{Rule: rule, Severity: sev, File: f.Path, Range: f.SpanRange(p.Span), Message: p.Message})
		}
	}
	return out
}

func coveredByLadder(p markdown.Problem, ladders []*ladder.Ladder) bool {
	for _, l := range ladders {
		for _, q := range l.Problems {
			if q.Span == p.Span && q.Message == p.Message {
				return true
			}
		}
	}
	return false
}

// mayHoldLadder is the cheap scan that spares most pages of a handbook the
// markdown parser: a page is parsed when it has a table, two level headings,
// or a ladderlint comment directive (whose misuse is itself a finding).
// With needDigit (the built-in patterns, no level names) a heading without a
// digit is rejected before the level patterns run: each of them needs one.
func mayHoldLadder(data []byte, m *ladder.Matcher) bool {
	if bytes.Contains(data, []byte("ladderlint-")) {
		return true
	}
	return markdown.MayHoldLadder(data, m.Signals)
}

// discover expands opt.Paths into a sorted list of slash-separated paths.
func discover(opt Options) ([]string, []error) {
	paths := opt.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var files []string
	var errs []error
	wd, _ := os.Getwd()
	add := func(p string) {
		// Findings name files relative to the current folder, slash-separated.
		if filepath.IsAbs(p) && wd != "" {
			if rel, err := filepath.Rel(wd, p); err == nil {
				p = rel
			}
		}
		// Duplicates (overlapping PATHs) go after sorting: a set of every
		// path would cost as much as the list on a large handbook.
		files = append(files, filepath.ToSlash(filepath.Clean(p)))
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &FileError{Path: filepath.ToSlash(p), Msg: describeErr(err)})
			continue
		}
		if !info.IsDir() {
			if !excluded(opt, p) {
				add(p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &FileError{Path: filepath.ToSlash(q), Msg: describeErr(err)})
				return nil
			}
			if d.IsDir() {
				if q != p && (d.Name() == ".git" || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
				return nil // sockets, FIFOs, devices are never pages
			}
			if opt.Config.Selects(rootRel(opt, q)) {
				if d.Type()&fs.ModeSymlink != 0 {
					if info, err := os.Stat(q); err != nil || !info.Mode().IsRegular() {
						return nil // dangling or pointing at a folder: WalkDir does not follow
					}
				}
				add(q)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	sort.Strings(files)
	files = slices.Compact(files)
	return files, errs
}

func excluded(opt Options, p string) bool {
	rel := rootRel(opt, p)
	for _, g := range opt.Config.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// rootRel is p relative to the configuration root, slash-separated.
func rootRel(opt Options, p string) string {
	root := opt.Root
	if root == "" {
		root = "."
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		// A configuration found in a parent folder ("../.ladderlint.yml"):
		// relative paths cannot be compared lexically, absolute ones can.
		ar, err1 := filepath.Abs(root)
		ap, err2 := filepath.Abs(p)
		if rel, err = filepath.Rel(ar, ap); err1 != nil || err2 != nil || err != nil {
			rel = p
		}
	}
	return filepath.ToSlash(rel)
}

func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// readFile reads one page, refusing non-regular files, files over max bytes
// and binary files.
func readFile(path string, max int64) (*source.File, error) {
	// Stat first: opening a FIFO for reading blocks until a writer comes.
	if info, err := os.Stat(path); err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	} else if !info.Mode().IsRegular() {
		return nil, &FileError{Path: path, Msg: "not a regular file"}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &FileError{Path: path, Msg: "not a regular file"}
	}
	tooLarge := &FileError{Path: path, Msg: fmt.Sprintf("larger than the %d-byte limit (-max-file-size); not linted", max)}
	if info.Size() > max {
		return nil, tooLarge
	}
	// One read into a buffer sized from Stat (plus one byte to see growth);
	// ReadAll's doubling would copy every page several times.
	data := make([]byte, 0, min(info.Size(), max)+1)
	data, err = readAll(io.LimitReader(fh, max+1), data)
	if err != nil {
		return nil, &FileError{Path: path, Msg: "cannot read: " + describeErr(err)}
	}
	if int64(len(data)) > max {
		return nil, tooLarge
	}
	head := data[:min(len(data), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, &FileError{Path: path, Msg: "looks binary (NUL bytes), not a markdown page; not linted"}
	}
	return source.NewFile(strings.TrimPrefix(path, "./"), data), nil
}

// touched keeps the findings inside ladders that the changed lines touch
// (a gap in a ladder you edited is yours) and page-level findings on changed
// lines; it returns them and the touched ladders.
func touched(f *source.File, ladders []*ladder.Ladder, findings []finding.Finding, lines changes.Lines) ([]finding.Finding, []*ladder.Ladder) {
	var spans []source.Span
	var kept []*ladder.Ladder
	for _, l := range ladders {
		if lines.Touches(f.Pos(l.Span.Start).Line, f.Pos(l.Span.End).Line) {
			spans = append(spans, l.Span)
			kept = append(kept, l)
		}
	}
	keptFindings := findings[:0]
	for _, fd := range findings {
		in := lines.Touches(fd.Range.Start.Line, fd.Range.Start.Line)
		for _, s := range spans {
			if fd.Range.Start.Offset >= s.Start && fd.Range.Start.Offset <= s.End {
				in = true
			}
		}
		if in {
			keptFindings = append(keptFindings, fd)
		}
	}
	return keptFindings, kept
}

// readAll appends r's bytes to buf, growing it only when the file grew
// after Stat.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

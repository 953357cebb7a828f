package lint

import (
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/report"
	"github.com/ladderlint/ladderlint/lint/source"
	"github.com/ladderlint/ladderlint/lint/suppress"
)

// pageResult is what one page gives the run. The page itself is not kept:
// only the source lines its findings quote.
type pageResult struct {
	ladders  int
	findings []finding.Finding
	quotes   report.Quotes
	docs     []ladder.Document
	skipped  int // ladders -changed-since left out
	// suppressed counts the findings the page's comments hid.
	suppressed int
	err        error
	split      *splitPage // one level of a ladder stored one level per file
	context    bool       // read only to complete a split ladder
}

// lintPages lints every discovered page on every core and folds the
// results into r.res in file order as they arrive (a few wait for a slower
// page before them), so memory does not grow with the number of pages.
// Pages are handed out while the folders are still being walked.
func (r *run) lintPages() error {
	type indexed struct {
		i    int
		page discovered
		r    pageResult
	}
	next := make(chan indexed, 64)
	var errs []error
	go func() {
		defer close(next)
		defer func() {
			if p := recover(); p != nil {
				r.panicked("", p)
			}
		}()
		i := 0
		errs = r.feed(func(pg discovered) { next <- indexed{i: i, page: pg}; i++ })
	}()
	done := make(chan indexed, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range next {
				job.r = r.lintPageSafely(job.page)
				done <- job
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	pending := map[int]pageResult{}
	fold := 0
	for d := range done {
		pending[d.i] = d.r
		for pr, ok := pending[fold]; ok; pr, ok = pending[fold] {
			delete(pending, fold)
			fold++
			r.fold(pr)
		}
	}
	r.res.Errors = append(errs, r.res.Errors...) // discovery's first
	return r.profs.err()
}

// feed hands out the pages to lint: every discovered one, or under
// -changed-since the changed ones and their split-ladder siblings, once the
// base revision of those is read.
func (r *run) feed(send func(discovered)) []error {
	if r.changed == nil {
		return discover(r.opt, func(pg discovered) {
			r.found(pg)
			send(pg)
		})
	}
	var all []discovered
	errs := discover(r.opt, func(pg discovered) {
		r.found(pg)
		all = append(all, pg)
	})
	files := changedFiles(all, r.changed, r.context)
	r.res.SkippedFiles = len(all) - len(files) + len(r.context)
	var err error
	if r.base, err = openBase(r.opt, r.rev, files); err != nil {
		r.profs.fail(err)
		return errs
	}
	for _, pg := range files {
		send(pg)
	}
	return errs
}

// found records what the run keeps of a discovered page: whether it can be
// an index page of a split ladder, and whether a pinned ladder names it.
func (r *run) found(pg discovered) {
	if pg.index {
		r.indexes[pg.path] = true
	}
	if len(r.opt.Config.Ladders) > 0 && len(r.opt.Config.Pins(pg.rel)) > 0 {
		r.pinned = append(r.pinned, pg.rel)
	}
}

// fold adds one page's result to the run's.
func (r *run) fold(pr pageResult) {
	res := r.res
	switch {
	case pr.err != nil:
		res.Errors = append(res.Errors, pr.err)
		return
	case pr.split != nil && pr.split.level != nil:
		r.split = append(r.split, pr.split)
	}
	if pr.context || pr.split != nil {
		res.Files += btoi(!pr.context)
		return
	}
	res.Files++
	res.Ladders += pr.ladders
	res.SkippedLadders += pr.skipped
	res.Suppressed += pr.suppressed
	res.Findings = append(res.Findings, pr.findings...)
	res.Documents = append(res.Documents, pr.docs...)
	for file, lines := range pr.quotes {
		res.Quotes[file] = lines
	}
}

// lintPageSafely is lintPage that turns a panic (a bug) into the run's
// InternalError, naming the page, instead of killing the process from a
// worker, where the CLI's recover cannot see it.
func (r *run) lintPageSafely(pg discovered) (pr pageResult) {
	defer func() {
		if p := recover(); p != nil {
			r.panicked(pg.path, p)
			pr = pageResult{context: true} // counted nowhere; the run fails
		}
	}()
	return r.lintPage(pg)
}

// panicked records a panic as the run's error.
func (r *run) panicked(path string, p any) {
	r.profs.fail(&InternalError{Path: path, Value: p, Stack: debug.Stack()})
}

// lintPage runs one page through the stages: read, pre-scan, parse,
// recognise, check (ladder, page and base rules), suppress, and under
// -changed-since the filter to the ladders the change touches.
func (r *run) lintPage(pg discovered) pageResult {
	path, rel := pg.path, pg.rel
	buf := pageBuffer()
	f, err := readFile(path, r.opt.MaxFileSize, *buf, pg.regular)
	if err != nil {
		pageBuffers.Put(buf)
		return pageResult{err: err}
	}
	prof := r.profs.of(rel)
	chk, context := prof.chk, r.context[path]
	// A pinned page, or one that had ladders at the base revision, is read
	// even when the pre-scan sees no ladder: a ladder broken beyond
	// recognition is the finding.
	if !prof.mayHoldLadder(f.Data) && !chk.NeedsPage(rel) && !r.base.has(f.Path) {
		reuse(buf, f.Data)
		return pageResult{context: context} // linted, nothing to say
	}
	page := markdown.Parse(f, r.opt.Limits)
	ladders := ladder.Extract(page, prof.lopt)
	checked := chk.Check(f, ladders)
	findings := append(checked.Findings, chk.RunPage(f, page, rel, ladders)...)
	if r.base != nil {
		findings = append(findings, r.base.check(prof, f, ladders)...)
	}
	if lp := levelPage(page, ladders, prof.lopt); lp != nil || context {
		// One level of a ladder stored one level per file: checked with its
		// siblings once every page is read, suppressed then.
		return pageResult{split: &splitPage{page: page, level: lp, findings: findings, context: context}, context: context}
	}
	pr := pageResult{ladders: len(ladders)}
	pr.findings, pr.suppressed = suppressed(chk, page, findings)
	if r.changed != nil {
		fromBase := splitBase(&pr.findings) // about missing and removed ladders: always reported
		pr.findings, ladders = touched(f, ladders, pr.findings, r.changed[f.Path])
		pr.findings = append(pr.findings, fromBase...)
		pr.skipped = pr.ladders - len(ladders)
		pr.ladders = len(ladders)
	}
	if r.opt.Documents {
		pr.docs = checked.DocumentsOf(ladders)
	}
	if r.opt.Quotes && len(pr.findings) > 0 {
		pr.quotes = report.Quotes{}
		pr.quotes.Keep(f, pr.findings)
	}
	return pr
}

// suppressed is the suppression stage: the findings the page's comments
// leave, with the suppression rule's findings about the comments, and how
// many were suppressed.
func suppressed(chk *check.Checker, page *markdown.Page, findings []finding.Finding) ([]finding.Finding, int) {
	kept, n, ds := suppress.Apply(page, findings)
	return chk.CheckDirectives(page, ds, kept), n
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

// Package lint runs the pipeline the way the design card draws it:
// files → markdown.Parse → ladder.Extract → check → suppression → findings.
// Reporters (package report) turn the Result's report.Run into text, JSON
// or annotations.
package lint

import (
	"fmt"
	"os"
	"sort"

	"github.com/ladderlint/ladderlint/lint/changes"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/report"
)

// DefaultMaxFileSize is the largest page read (bytes); larger files are
// reported as errors instead of being read.
const DefaultMaxFileSize = 10 << 20

// Options say what to lint. The zero value of every field has a default
// (see withDefaults).
type Options struct {
	// Paths are files or folders; folders are walked and filtered by the
	// configuration's include/exclude globs (none = ".").
	Paths []string
	// Root is the folder include/exclude globs are relative to ("." when empty).
	Root string
	// WorkDir is the folder the run is in: findings name files relative to
	// it, and git's paths are made relative to it. Pages are read through
	// relative Paths as given, from the process's working folder, so WorkDir
	// must be that folder (the default when empty); it is an option so that
	// the stages take it from one place instead of each asking the process.
	WorkDir string
	Config  *config.Config
	Limits  markdown.Limits
	// MaxFileSize bounds the bytes read per file (0 = DefaultMaxFileSize).
	MaxFileSize int64
	// Documents asks for the ladder documents (for `extract`, the job summary).
	Documents bool
	// Quotes asks for the source lines findings point at (text snippets,
	// rdjsonl's byte columns); without it a run keeps no page text.
	Quotes bool
	// ChangedSince, when set, is a git revision: only pages changed since
	// then are linted, and only the findings of ladders the diff touches
	// are reported.
	ChangedSince string
	// Revision, when set, is ChangedSince already named to package diff
	// (diff.At, with changes.Dir(Paths) and WorkDir) by a caller that asks
	// git more about it after the run, as the ladder diff of -changes-file
	// does: the run's questions are then answered once for both. The caller
	// closes it. Unset, the run opens and closes its own.
	Revision *diff.Revision
}

// withDefaults is the one place the pipeline's defaults apply: the
// built-in configuration, markdown limits, file size bound, paths, root and
// working folder. The configuration's own defaults (level patterns,
// placeholder words, rule severities) are applied by Effective.
func (opt Options) withDefaults() Options {
	if opt.Config == nil {
		opt.Config = config.Default()
	}
	if opt.Limits == (markdown.Limits{}) {
		opt.Limits = markdown.DefaultLimits
	}
	if opt.MaxFileSize == 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if len(opt.Paths) == 0 {
		opt.Paths = []string{"."}
	}
	if opt.Root == "" {
		opt.Root = "."
	}
	if opt.WorkDir == "" {
		opt.WorkDir, _ = os.Getwd()
	}
	return opt
}

// Result is what a run found. Its Run is what reporters read: the counts,
// the findings sorted by file, line, column and rule, the source lines they
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

// InternalError is a bug met while linting: a panic in a stage, with the
// page it was reading ("" during discovery).
type InternalError struct {
	Path  string
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%v (while listing the pages)", e.Value)
	}
	return fmt.Sprintf("%v (while linting %s)", e.Value, e.Path)
}

// Run lints the files named by opt: every page through the stages, in
// file order, on every core; then the ladders stored one level per file,
// and under -changed-since the pages the change deleted.
func Run(opt Options) (*Result, error) {
	r, err := newRun(opt.withDefaults())
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := r.lintPages(); err != nil {
		return nil, err
	}
	r.lintSplit()
	if r.base != nil {
		fs, olds := r.base.goneFindings(r.profs)
		r.res.Findings = append(r.res.Findings, fs...)
		for _, f := range olds {
			if r.opt.Quotes {
				r.res.Quotes.Keep(f, fs)
			}
		}
	}
	if err := r.profs.err(); err != nil { // a configuration first needed by a split or deleted page
		return nil, err
	}
	res := r.res
	res.Findings = append(res.Findings, r.profs.root.chk.Unmatched(r.pinned)...)
	sort.SliceStable(res.Findings, func(i, j int) bool { return finding.Less(&res.Findings[i], &res.Findings[j]) })
	res.Unreadable = len(res.Errors)
	return res, nil
}

// run is one lint run's state: the compiled configurations, what
// -changed-since read, and the result being filled in file order.
type run struct {
	opt   Options
	profs *profiles
	res   *Result
	// changed maps each page the diff touches to its changed lines; context
	// holds the unchanged pages read only to complete a split ladder.
	changed map[string]changes.Lines
	context map[string]bool
	base    *baseRun // the base revision, for the rules that guard against removals
	// rev is the revision opt.ChangedSince names, and ownRev whether the
	// run opened it (and so closes it).
	rev    *diff.Revision
	ownRev bool
	// indexes are the pages found that can be the index page of a split
	// ladder; split are the level pages waiting to be assembled.
	indexes map[string]bool
	split   []*splitPage
	// pinned are the pages a pinned ladder (configuration `ladders:`)
	// names, for ladder-missing.
	pinned []string
}

func newRun(opt Options) (*run, error) {
	profs, err := newProfiles(opt)
	if err != nil {
		return nil, err
	}
	r := &run{opt: opt, profs: profs, context: map[string]bool{}, indexes: map[string]bool{},
		res: &Result{Run: report.Run{Quotes: report.Quotes{}, Rules: check.Catalogue()}}}
	if opt.ChangedSince != "" {
		r.rev = opt.Revision
		if r.rev == nil || r.rev.Rev() != opt.ChangedSince {
			r.rev, r.ownRev = diff.At(changes.Dir(opt.Paths), opt.WorkDir, opt.ChangedSince), true
		}
		repo, err := r.rev.Repo()
		if err == nil {
			r.changed, err = repo.Since(opt.WorkDir)
		}
		if err != nil {
			r.close()
			return nil, err
		}
	}
	return r, nil
}

// close ends what the run started to read the base revision.
func (r *run) close() {
	if r.ownRev {
		r.rev.Close()
	}
}

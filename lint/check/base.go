package check

import (
	"sort"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

// PageChange is what a run against a base revision (-changed-since) knows
// of one page's base version: the ladders and levels that were recognised
// there and are not any more. The rules that guard against removals
// (ladder-removed, level-removed) read it; the other rules never see the base.
type PageChange struct {
	// Rev is the base revision as the user gave it.
	Rev string
	// File is the page at head; nil when the page is gone.
	File *source.File
	// OldFile is the page at the base revision.
	OldFile *source.File
	// Gone is set when the page no longer exists at head; RenamedTo is its
	// new path when git saw it moved (then File is that page, when linted).
	Gone      bool
	RenamedTo string
	Ladders   []RemovedLadder
	Levels    []RemovedLevel
}

// RemovedLadder is a ladder of the base version that head does not have.
type RemovedLadder struct {
	Name string
	// OldSpan is the ladder in OldFile.
	OldSpan source.Span
	Levels  []string
}

// RemovedLevel is a level of a ladder that head still has, gone from it.
type RemovedLevel struct {
	Ladder      string
	Code, Label string
	// Span is the head ladder's span in File; OldSpan the level's label in OldFile.
	Span, OldSpan source.Span
}

// BaseRule is a rule that compares a page with its base version.
type BaseRule interface {
	Rule
	CheckBase(c *BaseContext)
}

// BaseContext is what a BaseRule sees.
type BaseContext struct {
	Change  *PageChange
	checker *Checker
	rule    Rule
	out     *[]finding.Finding
}

// Report adds a finding of the current rule in file f (the head page, or
// the base page when the page is gone) at span.
func (c *BaseContext) Report(f *source.File, span source.Span, ladderName, level, msg string) {
	c.ReportSeverity(c.checker.severity(c.rule), f, span, ladderName, level, msg)
}

// ReportSeverity is Report with an explicit severity.
func (c *BaseContext) ReportSeverity(sev finding.Severity, f *source.File, span source.Span, ladderName, level, msg string) {
	*c.out = append(*c.out, finding.Finding{Rule: c.rule.ID(), Severity: sev, File: f.Path, Range: f.SpanRange(span),
		Message: msg, Ladder: ladderName, Level: level})
}

// RunBase runs the base rules on one page's change and returns the
// findings sorted.
func (c *Checker) RunBase(ch *PageChange) []finding.Finding {
	var out []finding.Finding
	for _, r := range Rules {
		br, ok := r.(BaseRule)
		if !ok || c.off[r.ID()] {
			continue
		}
		br.CheckBase(&BaseContext{Change: ch, checker: c, rule: r, out: &out})
	}
	sort.SliceStable(out, func(i, j int) bool { return finding.Less(&out[i], &out[j]) })
	return out
}

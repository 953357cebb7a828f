package check

import (
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// Suppression reports suppression comments that are wrong: an unknown rule
// name, a missing reason (when `suppressions.require-reason` is set), or a
// comment that suppresses nothing. Checker.Suppress reports these after the
// other rules ran, so Check does nothing.
type Suppression struct{}

func (Suppression) ID() string                { return "suppression" }
func (Suppression) Default() finding.Severity { return finding.Warning }
func (Suppression) Summary() string {
	return "a ladderlint-disable comment names an unknown rule, lacks a reason, or suppresses nothing"
}
func (Suppression) Help() string {
	return "Accept a known exception with <!-- ladderlint-disable-next-line RULE -- reason -->, " +
		"<!-- ladderlint-disable RULE -- reason --> … <!-- ladderlint-enable RULE -->, or <!-- ladderlint-disable-file RULE -- reason -->. " +
		"A comment that no longer suppresses anything is reported so that exceptions do not outlive the problem; " +
		"a disable-next-line one line too high is reported with the line to move it above."
}

func (Suppression) Check(*Context, *ladder.Ladder) {}

package check

import (
	"fmt"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// LadderRemoved reports a ladder that was recognised at the base revision
// and is not any more: usually a broken table (a deleted <table> tag, a
// mistyped level label) rather than a deliberate removal. When the page
// itself was deleted or renamed it is a warning naming the page.
type LadderRemoved struct{}

func (LadderRemoved) AboutMissing()             {}
func (LadderRemoved) ID() string                { return "ladder-removed" }
func (LadderRemoved) Default() finding.Severity { return finding.Error }
func (LadderRemoved) Summary() string {
	return "a ladder found at the base revision is no longer recognised (needs -changed-since)"
}
func (LadderRemoved) Help() string {
	return "Runs with -changed-since REV (and the Action on pull requests) compare each changed page with REV. " +
		"A ladder that stops being recognised is the biggest break of all: check that its table still opens with <table> " +
		"(or its pipe table keeps its header row) and that the level labels still read as levels (IC1, not lC1). " +
		"If the ladder was removed on purpose, say so in the pull request and accept the finding, " +
		"or suppress it with <!-- ladderlint-disable-file ladder-removed -- reason -->."
}

func (LadderRemoved) CheckBase(c *BaseContext) {
	ch := c.Change
	for _, l := range ch.Ladders {
		oldLine := ch.OldFile.Pos(l.OldSpan.Start).Line
		levels := levelRange(l.Levels)
		switch {
		case ch.Gone && ch.RenamedTo != "":
			c.ReportSeverity(finding.Warning, ch.OldFile, l.OldSpan, l.Name, "", fmt.Sprintf(
				"the ladder %q (%s) was on this page at %s, which this change renames to %s, and is not found there", l.Name, levels, ch.Rev, ch.RenamedTo))
		case ch.Gone:
			c.ReportSeverity(finding.Warning, ch.OldFile, l.OldSpan, l.Name, "", fmt.Sprintf(
				"the ladder %q (%s) goes away with this page, which this change deletes", l.Name, levels))
		default:
			c.Report(ch.File, ch.File.LineSpan(oldLine), l.Name, "", fmt.Sprintf(
				"the ladder %q (%s) was recognised at line %d at %s and is not any more; the table or headings at line %d may be broken",
				l.Name, levels, oldLine, ch.Rev, oldLine))
		}
	}
}

// levelRange names a list of levels for a message: "IC1..IC7" when there
// are many, else every one.
func levelRange(levels []string) string {
	switch {
	case len(levels) == 0:
		return "no levels"
	case len(levels) > 3:
		return "levels " + levels[0] + ".." + levels[len(levels)-1]
	case len(levels) == 1:
		return "level " + levels[0]
	}
	return "levels " + strings.Join(levels, ", ")
}

package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// LevelRemoved reports a level that a ladder had at the base revision and
// no longer has. A level can go on purpose, so it is a warning.
type LevelRemoved struct{}

func (LevelRemoved) AboutMissing()             {}
func (LevelRemoved) ID() string                { return "level-removed" }
func (LevelRemoved) Default() finding.Severity { return finding.Warning }
func (LevelRemoved) Summary() string {
	return "a level of a ladder at the base revision is gone (needs -changed-since)"
}
func (LevelRemoved) Help() string {
	return "Runs with -changed-since REV compare each changed ladder with REV. A level that disappears is often a row " +
		"whose label no longer reads as a level (a typo such as lC3 for IC3) or a row lost in an edit. If the level was " +
		"retired on purpose, say so in the pull request."
}

func (LevelRemoved) CheckBase(c *BaseContext) {
	ch := c.Change
	if ch.File == nil {
		return // the whole page is gone: ladder-removed says so
	}
	for _, lv := range ch.Levels {
		name := lv.Label
		if name == "" {
			name = lv.Code
		}
		c.Report(ch.File, ch.File.LineSpan(ch.File.Pos(lv.Span.Start).Line), lv.Ladder, lv.Code, fmt.Sprintf(
			"level %q of the ladder %q was at line %d at %s and is gone", name, lv.Ladder, ch.OldFile.Pos(lv.OldSpan.Start).Line, ch.Rev))
	}
}

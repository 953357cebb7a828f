package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// DuplicateLevel reports a level code that appears twice in one ladder.
type DuplicateLevel struct{}

func (DuplicateLevel) ID() string                { return "duplicate-level" }
func (DuplicateLevel) Default() finding.Severity { return finding.Warning }
func (DuplicateLevel) Summary() string           { return "the same level appears twice in one ladder" }
func (DuplicateLevel) Help() string {
	return "Two rows (or columns, or headings) carry the same level, so readers cannot tell which one applies. " +
		"This often happens when a level is copied to start the next one and its label is not updated."
}

func (DuplicateLevel) Check(c *Context, l *ladder.Ladder) {
	seen := map[string]*ladder.Level{}
	for _, lv := range l.Levels {
		if first, ok := seen[lv.Code]; ok {
			f := c.Report(lv.Span, lv, "", fmt.Sprintf("level %q appears twice in this ladder (first %s); give each level its own label", lv.Label, c.where(lv, first, first.Span)))
			c.RelateLevel(f, first, first.Span, "first defined here")
			continue
		}
		seen[lv.Code] = lv
	}
}

package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// Placeholder reports levels and cells that hold placeholder text ("TBD",
// "not yet defined", "(not in use)"; configurable with `placeholders`).
// A level cell written as several source cells is checked cell by cell,
// each where it is written; a level with nothing but placeholders is one
// finding at its label.
type Placeholder struct{}

func (Placeholder) ID() string                { return "placeholder" }
func (Placeholder) Default() finding.Severity { return finding.Warning }
func (Placeholder) Summary() string {
	return "a level or cell is a placeholder (TBD, TODO, not yet defined)"
}
func (Placeholder) Help() string {
	return "Placeholder text tells readers the expectations are not written yet. That is fine while a ladder grows, " +
		"but it should be visible in review; placeholder levels are exempt from the area and category checks."
}

func (Placeholder) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.Placeholder {
			c.Report(lv.Span, lv, "", fmt.Sprintf("level %q is a placeholder (%q): its expectations are not written yet", lv.Label, lv.PlaceholderText))
			continue
		}
		if sm := lv.Summary; sm != nil {
			for i, p := range parts(sm) {
				if p.Placeholder != "" {
					c.Report(p.Span, lv, "", fmt.Sprintf("the summary of level %q is a placeholder (%q)%s", lv.Label, p.Placeholder, partOf(i, sm)))
				}
			}
		}
		for _, cell := range lv.Cells {
			if cell == nil {
				continue
			}
			for i, p := range parts(cell) {
				if p.Placeholder != "" {
					c.Report(p.Span, lv, cell.Category, fmt.Sprintf("%q for level %q is a placeholder (%q)%s", cell.Category, lv.Label, p.Placeholder, partOf(i, cell)))
				}
			}
		}
	}
}

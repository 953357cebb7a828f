package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// Placeholder reports levels and cells that hold placeholder text ("TBD",
// "not yet defined", "(not in use)"; configurable with `placeholders`).
type Placeholder struct{}

func (Placeholder) ID() string        { return "placeholder" }
func (Placeholder) Default() Severity { return Warning }
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
		if sm := lv.Summary; sm != nil && sm.Placeholder != "" {
			c.Report(sm.Span, lv, "", fmt.Sprintf("the summary of level %q is a placeholder (%q)", lv.Label, sm.Placeholder))
		}
		for _, cell := range lv.Cells {
			if cell != nil && cell.Placeholder != "" {
				c.Report(cell.Span, lv, cell.Category, fmt.Sprintf("%q for level %q is a placeholder (%q)", cell.Category, lv.Label, cell.Placeholder))
			}
		}
	}
}

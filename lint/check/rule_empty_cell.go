package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// EmptyCell reports a level × category cell that exists but says nothing
// (blank, white space or a lone dash).
type EmptyCell struct{}

func (EmptyCell) ID() string        { return "empty-cell" }
func (EmptyCell) Default() Severity { return Error }
func (EmptyCell) Summary() string   { return "a cell is empty, blank or just a dash" }
func (EmptyCell) Help() string {
	return "An empty cell leaves people at that level without expectations for the category. Write the expectations, " +
		"or say explicitly that they are not defined yet (that is reported as a placeholder instead)."
}

func (EmptyCell) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.Placeholder {
			continue
		}
		for _, cell := range lv.Cells {
			if cell != nil && cell.Empty() {
				c.Report(cell.Span, lv, cell.Category, fmt.Sprintf("%q is empty for level %q", cell.Category, lv.Label))
			}
		}
	}
}

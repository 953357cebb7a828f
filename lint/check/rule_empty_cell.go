package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// EmptyCell reports a level × category cell that exists but says nothing
// (blank, white space or a lone dash). A level cell written as several
// source cells (a summary row and a behaviours row) is checked cell by
// cell, each where it is written; so is a table level's summary row.
type EmptyCell struct{}

func (EmptyCell) ID() string                { return "empty-cell" }
func (EmptyCell) Default() finding.Severity { return finding.Error }
func (EmptyCell) Summary() string           { return "a cell is empty, blank or just a dash" }
func (EmptyCell) Help() string {
	return "An empty cell leaves people at that level without expectations for the category. Write the expectations, " +
		"or say explicitly that they are not defined yet (that is reported as a placeholder instead)."
}

func (EmptyCell) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.Placeholder {
			continue
		}
		if sm := lv.Summary; sm != nil && l.Table != "" {
			// A table level's summary rows are cells a reader sees.
			for i, p := range parts(sm) {
				if p.Empty() {
					c.Report(p.Span, lv, "", fmt.Sprintf("the summary of level %q is empty%s", lv.Label, partOf(i, sm)))
				}
			}
		}
		for _, cell := range lv.Cells {
			if cell == nil {
				continue
			}
			for i, p := range parts(cell) {
				if p.Empty() {
					c.Report(p.Span, lv, cell.Category, fmt.Sprintf("%q is empty for level %q%s", cell.Category, lv.Label, partOf(i, cell)))
				}
			}
		}
	}
}

// parts are the source cells of a level cell: its Parts, or the cell itself.
func parts(c *ladder.Cell) []*ladder.Cell {
	if len(c.Parts) > 0 {
		return c.Parts
	}
	return []*ladder.Cell{c}
}

// partOf says which source cell of c part i is, when c has several.
func partOf(i int, c *ladder.Cell) string {
	if len(c.Parts) < 2 {
		return ""
	}
	return fmt.Sprintf(" (cell %d of %d)", i+1, len(c.Parts))
}

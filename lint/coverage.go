package lint

import (
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/report"
)

// Coverage is what the job summary shows of each ladder document: the
// state of every cell and the areas each level covers.
func Coverage(docs []ladder.Document) []report.Coverage {
	out := make([]report.Coverage, 0, len(docs))
	for _, d := range docs {
		c := report.Coverage{File: d.File, Line: d.Line, EndLine: d.EndLine, Name: d.Name, Categories: d.Categories}
		for _, lv := range d.Levels {
			row := report.CoverageLevel{Label: lv.Label, Line: lv.Line, Placeholder: lv.Placeholder,
				PlaceholderText: lv.PlaceholderText, Cells: map[string]report.CellState{}, Areas: lv.Areas}
			for _, cell := range lv.Cells {
				if _, seen := row.Cells[cell.Category]; seen {
					continue // the first cell of a category is the one shown
				}
				switch {
				case cell.Empty:
					row.Cells[cell.Category] = report.CellEmpty
				case cell.Placeholder != "":
					row.Cells[cell.Category] = report.CellPlaceholder
				default:
					row.Cells[cell.Category] = report.CellWritten
				}
			}
			c.Levels = append(c.Levels, row)
		}
		out = append(out, c)
	}
	return out
}

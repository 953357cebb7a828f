package check

import (
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
)

// TableShape reports tables whose rows do not line up: pipe rows with too
// many or too few cells, HTML rowspans/colspans that overflow into the next
// level or leave holes, tables never closed.
type TableShape struct{}

func (TableShape) ID() string                { return "table-shape" }
func (TableShape) Default() finding.Severity { return finding.Error }
func (TableShape) Summary() string {
	return "table rows do not line up (extra or missing cells, overflowing spans)"
}
func (TableShape) Help() string {
	return "When a row has more cells than the header, or a rowspan reaches into the next level, the rendered table " +
		"shifts text into the wrong column: a level's sentence appears under another category. Fix the cell count or the span."
}

func (TableShape) Check(c *Context, l *ladder.Ladder) {
	if l.Format == ladder.FrontMatterTopics {
		return // a front matter's problems are the front-matter rule's
	}
	for _, p := range l.Problems {
		c.Report(p.Span, nil, "", p.Message)
	}
}

// CheckPage reports the markdown limits hit in tables that hold no ladder
// (a ladder's own table problems are reported by Check): a table cut short
// is said, not silently skipped.
func (TableShape) CheckPage(c *PageContext) {
	for _, t := range c.Page.Tables {
		for _, p := range t.Problems {
			if p.Limit && !coveredByLadder(p, c.Ladders) {
				c.Report(p.Span, "", p.Message)
			}
		}
	}
}

func coveredByLadder(p markdown.Problem, ladders []*ladder.Ladder) bool {
	for _, l := range ladders {
		for _, q := range l.Problems {
			if q.Span == p.Span && q.Message == p.Message {
				return true
			}
		}
	}
	return false
}

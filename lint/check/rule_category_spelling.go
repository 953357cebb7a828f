package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// CategorySpelling reports a category name spelled differently from the
// same category elsewhere in the ladder or on the page ("High-Impact" and
// "High Impact", "Impact" and "impact").
type CategorySpelling struct{}

func (CategorySpelling) ID() string                { return "category-spelling" }
func (CategorySpelling) Default() finding.Severity { return finding.Warning }
func (CategorySpelling) Summary() string {
	return "a category is spelled differently in two places"
}
func (CategorySpelling) Help() string {
	return "Readers compare levels category by category, and tools match categories by name. " +
		"A name that differs by case, a hyphen or one letter reads as a different area. Use one spelling everywhere."
}

func (CategorySpelling) Check(c *Context, l *ladder.Ladder) {
	for _, v := range l.Variants {
		line := c.File.SpanRange(v.AsSpan).Start.Line
		f := c.Report(v.Span, nil, v.As, fmt.Sprintf("category %q is spelled %q on line %d; use one spelling", v.Name, v.As, line))
		c.Relate(f, v.AsSpan, fmt.Sprintf("spelled %q here", v.As))
	}
}

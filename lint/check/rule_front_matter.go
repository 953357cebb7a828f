package check

import (
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// FrontMatter reports a ladder kept in the page's YAML front matter that
// cannot be read whole: YAML that does not parse, a topic without levels,
// a level that is not a number, a front matter too large to read.
type FrontMatter struct{}

func (FrontMatter) ID() string                { return "front-matter" }
func (FrontMatter) Default() finding.Severity { return finding.Error }
func (FrontMatter) Summary() string {
	return "the ladder in the page's YAML front matter cannot be read"
}
func (FrontMatter) Help() string {
	return "The page keeps its ladder in YAML front matter (topics, their levels and criteria), and part of it " +
		"cannot be read: the YAML does not parse, or an entry is not where the ladder's shape expects it. " +
		"What cannot be read is not checked, and the page may not render as intended; fix the YAML at the line shown."
}

func (FrontMatter) Check(c *Context, l *ladder.Ladder) {
	if l.Format != ladder.FrontMatterTopics {
		return
	}
	for _, p := range l.Problems {
		c.Report(p.Span, nil, "", p.Message)
	}
}

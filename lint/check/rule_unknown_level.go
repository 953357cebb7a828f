package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// UnknownLevel reports a label where a ladder's levels are written (a
// heading among the level headings, a row label, a column header) that is
// not a level label: its content is read as nobody's and never checked.
type UnknownLevel struct{}

func (UnknownLevel) ID() string                { return "unknown-level" }
func (UnknownLevel) Default() finding.Severity { return finding.Warning }
func (UnknownLevel) Summary() string {
	return "a label among the levels is not a level ladderlint can read"
}
func (UnknownLevel) Help() string {
	return "ladderlint checks only the levels it recognises (IC3, L4, Level 2, Senior Engineer, Engineer II …). " +
		"A label it cannot read is left out of every check, so a gap or an empty cell there goes unnoticed. " +
		"Write the label like the other levels, or name it in the configuration (levels.names: {\"VP and up\": M7})."
}

func (UnknownLevel) Check(c *Context, l *ladder.Ladder) {
	for _, u := range l.Unrecognised {
		c.Report(u.Span, nil, "", fmt.Sprintf("%q stands among the levels of this ladder but does not read as a level, so its content is not checked; "+
			"write it like the other level labels, or map it to a level under levels.names", u.Value))
	}
}

package check

import (
	"fmt"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// AnchorMismatch reports a level whose in-page link does not match its own
// anchor id (href="#m5" next to id="M5"): the link to the level goes nowhere.
type AnchorMismatch struct{}

func (AnchorMismatch) ID() string                { return "anchor-mismatch" }
func (AnchorMismatch) Default() finding.Severity { return finding.Warning }
func (AnchorMismatch) Summary() string           { return "a level's link does not match its anchor id" }
func (AnchorMismatch) Help() string {
	return "People share links to a level (…/framework#ic4). Anchors are case-sensitive, so the link next to the " +
		"level must use exactly the level's id."
}

func (AnchorMismatch) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.ID.Value == "" || lv.Href.Value == "" || lv.ID.Value == lv.Href.Value {
			continue
		}
		msg := fmt.Sprintf("link %q of level %q points elsewhere: the level's anchor id is %q",
			"#"+lv.Href.Value, lv.Label, lv.ID.Value)
		if strings.EqualFold(lv.ID.Value, lv.Href.Value) {
			msg = fmt.Sprintf("link %q of level %q differs in case from its anchor id %q; anchors are case-sensitive",
				"#"+lv.Href.Value, lv.Label, lv.ID.Value)
		}
		f := c.Report(lv.Href.Span, lv, "", msg)
		c.Relate(f, lv.ID.Span, "the id is set here")
	}
}

package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// MissingArea reports a level whose text shows none of the terms of a
// configured area (`areas` in .ladderlint.yml). The requirement is compiled
// into the effective JSON Schema; this rule words its violations, naming the
// terms it looked for.
type MissingArea struct{}

func (MissingArea) ID() string                { return "missing-area" }
func (MissingArea) Default() finding.Severity { return finding.Error }
func (MissingArea) Summary() string           { return "a level does not cover a configured area of expectation" }
func (MissingArea) Help() string {
	return "The configuration declares areas (for support: communication, product knowledge, technical skills, " +
		"collaboration, facilitation) that every level must address. A level covers an area when its text uses one of " +
		"the area's terms (the finding lists them). Add expectations for the area, or add the word you use to the area's terms."
}

// maxTermsShown bounds the terms quoted in one message.
const maxTermsShown = 8

func (MissingArea) Check(c *Context, l *ladder.Ladder) {
	terms := map[string][]string{}
	for _, a := range c.checker.cfg.Areas {
		terms[a.Name] = a.Terms
	}
	for _, e := range c.validate(c.checker.schemas.config) {
		path := fieldPath(e)
		if e.Type() != "required" || last(path) != "areas" {
			continue
		}
		area := fmt.Sprint(e.Details()["property"])
		span, lv, cat := c.locate(path)
		msg := fmt.Sprintf("%s does not cover the area %q", c.subject(path), area)
		if t := terms[area]; len(t) > 0 {
			shown := t
			more := ""
			if len(t) > maxTermsShown {
				shown, more = t[:maxTermsShown], fmt.Sprintf(" (or %d more)", len(t)-maxTermsShown)
			}
			msg += fmt.Sprintf(": none of its text contains %s%s", quoteList(shown), more)
		}
		c.Report(span, lv, cat, msg)
	}
}

package check

import (
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// MissingArea reports a level whose text shows none of the terms of a
// configured area (`areas` in .ladderlint.yml). The requirement is compiled
// into the effective JSON Schema; this rule words its violations.
type MissingArea struct{}

func (MissingArea) ID() string        { return "missing-area" }
func (MissingArea) Default() Severity { return Error }
func (MissingArea) Summary() string   { return "a level does not cover a configured area of expectation" }
func (MissingArea) Help() string {
	return "The configuration declares areas (for support: communication, product knowledge, technical skills, " +
		"collaboration, facilitation) that every level must address. A level covers an area when its text uses one of " +
		"the area's terms. Add expectations for the area, or add the word you use to the area's terms."
}

func (MissingArea) Check(c *Context, l *ladder.Ladder) {
	c.schemaFindings(c.checker.schemas.config, "areas")
}

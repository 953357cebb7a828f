package check

import (
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// Schema reports violations of the JSON Schemas: the house schema named by
// `schema:` in .ladderlint.yml, the level code pattern (`levels.code`), and
// the base ladder schema (e.g. an empty category name).
type Schema struct{}

func (Schema) ID() string                { return "schema" }
func (Schema) Default() finding.Severity { return finding.Error }
func (Schema) Summary() string {
	return "the ladder breaks a JSON Schema rule (house policy or level codes)"
}
func (Schema) Help() string {
	return "Teams write house policy as a draft-07 JSON Schema over the ladder document that `ladderlint extract` prints, " +
		"for example \"every IC3+ cell lists at least 3 behaviours\". Each violation is reported at the cell or level it concerns."
}

func (Schema) Check(c *Context, l *ladder.Ladder) {
	c.schemaFindings(c.checker.schemas.base, "")
	for _, e := range c.validate(c.checker.schemas.config) {
		if path := fieldPath(e); contains(path, "code") {
			span, lv, cat := c.locate(path)
			c.Report(span, lv, cat, c.describe(e, path))
		}
	}
	c.schemaFindings(c.checker.schemas.user, "")
}

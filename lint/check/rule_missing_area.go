package check

import (
	"fmt"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
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

// schemas is the rule's part of the effective schema: every level that is
// not a placeholder covers every configured area.
func (MissingArea) schemas(cfg *config.Config) ([]*gojsonschema.Schema, error) {
	if len(cfg.Areas) == 0 {
		return nil, nil
	}
	var areas []string
	for _, a := range cfg.Areas {
		areas = append(areas, a.Name)
	}
	s, err := compileConfigPart(cfg, levelsItems(map[string]any{
		"if":   map[string]any{"properties": map[string]any{"placeholder": map[string]any{"const": false}}},
		"then": map[string]any{"properties": map[string]any{"areas": map[string]any{"required": areas}}},
	}))
	return []*gojsonschema.Schema{s}, err
}

func (MissingArea) Check(c *Context, l *ladder.Ladder) {
	terms := map[string][]string{}
	for _, a := range c.checker.cfg.Areas {
		terms[a.Name] = a.Terms
	}
	for _, v := range c.violations() {
		if v.Type() != "required" || last(v.path) != "areas" {
			continue
		}
		area := fmt.Sprint(v.Details()["property"])
		msg := fmt.Sprintf("%s does not cover the area %q", levelName(v.at.Level), area)
		if t := terms[area]; len(t) > 0 {
			shown := t
			more := ""
			if len(t) > maxTermsShown {
				shown, more = t[:maxTermsShown], fmt.Sprintf(" (or %d more)", len(t)-maxTermsShown)
			}
			msg += fmt.Sprintf(": none of its text contains %s%s", quoteList(shown), more)
		}
		c.place(v, msg)
	}
}

// levelName is a level in a reader's words.
func levelName(lv *ladder.Level) string {
	if lv == nil {
		return "a level"
	}
	return fmt.Sprintf("level %q", lv.Label)
}

package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/schema"
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
	if len(l.Levels) == 0 && len(l.Problems) > 0 {
		// A ladder that could not be read at all (a front matter that is
		// not YAML): its problem is the finding, not its emptiness.
		return
	}
	for _, v := range c.violations() {
		c.place(v, c.describe(v))
	}
}

// schemas are the embedded base schema, the level-code pattern and the
// house schema, validated in that order.
func (Schema) schemas(cfg *config.Config) ([]*gojsonschema.Schema, error) {
	base, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.Ladder))
	if err != nil {
		return nil, fmt.Errorf("embedded ladder schema: %w", err)
	}
	var codes map[string]any
	if cfg.Levels.Code != "" {
		codes = levelsItems(map[string]any{"properties": map[string]any{"code": map[string]any{"pattern": cfg.Levels.Code}}})
	}
	code, err := compileConfigPart(cfg, codes)
	if err != nil {
		return nil, err
	}
	house, err := houseSchema(cfg)
	if err != nil {
		return nil, err
	}
	return []*gojsonschema.Schema{base, code, house}, nil
}

// houseSchema compiles the user's schema named by `schema:`, if any.
func houseSchema(cfg *config.Config) (*gojsonschema.Schema, error) {
	p := cfg.SchemaPath()
	if p == "" {
		return nil, nil
	}
	data, err := config.ReadSmall(p)
	if err != nil {
		msg := err.Error()
		if u := errors.Unwrap(err); u != nil {
			msg = u.Error()
		}
		return nil, &config.Error{Path: cfg.Path, Line: cfg.Lines["schema"], Msg: "cannot read the house schema: " + msg}
	}
	var meta struct {
		Schema string `json:"$schema"`
	}
	if json.Unmarshal(data, &meta) == nil && meta.Schema != "" && !strings.Contains(meta.Schema, "draft-07") {
		return nil, &config.Error{Path: p, Msg: fmt.Sprintf("the house schema declares \"$schema\": %q, but ladderlint validates with JSON Schema draft-07; "+
			"use \"$schema\": \"http://json-schema.org/draft-07/schema#\" and draft-07 keywords", meta.Schema)}
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(data))
	if err != nil {
		return nil, &config.Error{Path: p, Msg: "not a usable JSON Schema (draft-07): " + err.Error()}
	}
	return s, nil
}

// describe words a violation for a handbook editor, never with gojsonschema's text.
func (c *Context) describe(v violation) string {
	d, path := v.Details(), v.path
	what := subject(path, v.at)
	switch v.Type() {
	case "required":
		prop := fmt.Sprint(d["property"])
		switch last(path) {
		case "category_set":
			return fmt.Sprintf("the ladder has no %q category, which %s requires", prop, c.configName())
		case "areas":
			return fmt.Sprintf("%s does not cover the area %q: none of its text uses the area's terms", what, prop)
		}
		return fmt.Sprintf("%s has no %q", what, prop)
	case "array_min_items":
		return fmt.Sprintf("%s has %s; the house schema asks for at least %v", owner(path, v.at), count(path, v.Value()), d["min"])
	case "array_max_items":
		return fmt.Sprintf("%s has %s; the house schema allows at most %v", owner(path, v.at), count(path, v.Value()), d["max"])
	case "contains":
		if last(path) == "categories" {
			return "the ladder's categories do not include one that the house schema requires"
		}
		return fmt.Sprintf("%s has no entry the house schema requires there", owner(path, v.at))
	case "pattern":
		if last(path) == "code" && len(path) >= 2 {
			return fmt.Sprintf("%s has the code %q, which levels.code in %s does not allow (pattern %q)",
				subject(path[:2], v.at), fmt.Sprint(v.Value()), c.configName(), fmt.Sprint(d["pattern"]))
		}
		return fmt.Sprintf("%s %q does not have the expected form (pattern %q)", what, fmt.Sprint(v.Value()), fmt.Sprint(d["pattern"]))
	case "string_gte":
		if s, _ := v.Value().(string); s == "" {
			return fmt.Sprintf("%s is empty", what)
		}
		return fmt.Sprintf("%s is shorter than %v characters", what, d["min"])
	case "string_lte":
		return fmt.Sprintf("%s is longer than %v characters", what, d["max"])
	case "enum", "const":
		return fmt.Sprintf("%s %q is not one of the values the schema allows", what, fmt.Sprint(v.Value()))
	case "number_gte", "number_gt":
		return fmt.Sprintf("%s is %v; the schema asks for at least %v", what, v.Value(), d["min"])
	case "number_lte", "number_lt":
		return fmt.Sprintf("%s is %v; the schema allows at most %v", what, v.Value(), d["max"])
	case "invalid_type":
		return fmt.Sprintf("%s is a %v, the schema expects a %v", what, d["given"], d["expected"])
	}
	return fmt.Sprintf("%s does not satisfy the schema's %q rule", what, v.Type())
}

// subject names what a document path refers to, in a reader's words; at is
// where the value at the path (or at a longer path) was read from.
func subject(path []string, at ladder.Origin) string {
	if len(path) >= 2 && path[0] == "levels" && at.Level != nil {
		lvName := fmt.Sprintf("level %q", at.Level.Label)
		switch {
		case len(path) == 2 || path[2] == "areas":
			return lvName
		case path[2] == "cells" && len(path) >= 4 && at.Cell != nil:
			if len(path) >= 5 && path[4] == "items" {
				list := fmt.Sprintf("the %q list of %s", at.Category, lvName)
				if len(path) >= 6 {
					return "a behaviour in " + list // the finding points at it
				}
				return list
			}
			return fmt.Sprintf("the %q cell of %s", at.Category, lvName)
		case path[2] == "summary":
			return "the summary of " + lvName
		}
		return fmt.Sprintf("the %s of %s", strings.ReplaceAll(path[2], "_", " "), lvName)
	}
	if len(path) >= 1 && path[0] == "categories" {
		return "a category name"
	}
	if len(path) >= 1 {
		return "the ladder's " + strings.ReplaceAll(path[0], "_", " ")
	}
	return "the ladder"
}

// owner names what holds the list at path: the "Impact" list of a level
// for behaviours, the level for its cells, the ladder for its levels.
func owner(path []string, at ladder.Origin) string {
	switch last(path) {
	case "items", "":
		return subject(path, at)
	}
	if len(path) >= 2 && path[0] == "levels" && len(path) == 3 {
		return subject(path[:2], at)
	}
	return "the ladder"
}

// count says how many entries list, the array at path, holds, in words.
func count(path []string, list any) string {
	a, _ := list.([]any)
	n := len(a)
	switch last(path) {
	case "items":
		return plural(n, "behaviour")
	case "cells":
		return plural(n, "cell")
	case "levels":
		return plural(n, "level")
	case "categories":
		return plural(n, "category")
	}
	return plural(n, "entry")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

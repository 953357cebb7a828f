package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
	"github.com/ladderlint/ladderlint/schema"
)

// schemas is the effective schema, kept as its three parts so that each
// violation can be attributed: the embedded base schema, the constraints
// compiled from the configuration, and the user's house schema. A document
// is valid when it satisfies all three.
type schemas struct {
	base, config, user *gojsonschema.Schema
}

func compileSchemas(cfg *config.Config) (*schemas, error) {
	s := &schemas{}
	var err error
	if s.base, err = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.Ladder)); err != nil {
		return nil, fmt.Errorf("embedded ladder schema: %w", err)
	}
	compiled, _ := json.Marshal(ConfigSchema(cfg))
	if s.config, err = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(compiled)); err != nil {
		return nil, &config.Error{Path: cfg.Path, Msg: "the configuration does not compile to a JSON Schema: " + err.Error()}
	}
	if p := cfg.SchemaPath(); p != "" {
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
		if s.user, err = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(data)); err != nil {
			return nil, &config.Error{Path: p, Msg: "not a usable JSON Schema (draft-07): " + err.Error()}
		}
	}
	return s, nil
}

// ConfigSchema compiles the configuration's requirements into a draft-07
// schema: required categories, required areas on every non-placeholder
// level, and the allowed level codes.
func ConfigSchema(cfg *config.Config) map[string]any {
	props := map[string]any{}
	if len(cfg.Categories.Required) > 0 {
		props["category_set"] = map[string]any{"required": cfg.Categories.Required}
	}
	levelProps := map[string]any{}
	var areas []string
	for _, a := range cfg.Areas {
		areas = append(areas, a.Name)
	}
	level := map[string]any{}
	if len(areas) > 0 {
		level["if"] = map[string]any{"properties": map[string]any{"placeholder": map[string]any{"const": false}}}
		level["then"] = map[string]any{"properties": map[string]any{"areas": map[string]any{"required": areas}}}
	}
	if cfg.Levels.Code != "" {
		levelProps["code"] = map[string]any{"pattern": cfg.Levels.Code}
		level["properties"] = levelProps
	}
	props["levels"] = map[string]any{"items": level}
	return map[string]any{"$schema": "http://json-schema.org/draft-07/schema#", "properties": props}
}

// validate returns the violations of s by the ladder's document, computed
// once per schema and ladder.
func (c *Context) validate(s *gojsonschema.Schema) []gojsonschema.ResultError {
	if s == nil {
		return nil
	}
	if c.results == nil {
		c.results = map[*gojsonschema.Schema][]gojsonschema.ResultError{}
	}
	if r, ok := c.results[s]; ok {
		return r
	}
	res, err := s.Validate(gojsonschema.NewGoLoader(c.Document))
	var out []gojsonschema.ResultError
	if err == nil {
		// A failed "contains" also reports why each entry did not match;
		// only the "contains" itself is the violation.
		var contains []string
		for _, e := range res.Errors() {
			if e.Type() == "contains" {
				contains = append(contains, e.Field()+".")
			}
		}
	next:
		for _, e := range res.Errors() {
			// if/then and allOf wrappers repeat their branch's errors.
			if t := e.Type(); t == "condition_then" || t == "condition_else" || t == "number_all_of" {
				continue
			}
			for _, p := range contains {
				if strings.HasPrefix(e.Field(), p) {
					continue next
				}
			}
			out = append(out, e)
		}
	}
	c.results[s] = out
	return out
}

// schemaFindings reports, under the current rule, the violations of s whose
// path ends at (or passes through) the field named key.
func (c *Context) schemaFindings(s *gojsonschema.Schema, key string) {
	for _, e := range c.validate(s) {
		path := fieldPath(e)
		if key != "" && !contains(path, key) {
			continue
		}
		span, lv, cat := c.locate(path)
		c.Report(span, lv, cat, c.describe(e, path))
	}
}

func contains(path []string, key string) bool {
	for _, p := range path {
		if p == key {
			return true
		}
	}
	return false
}

// fieldPath splits gojsonschema's "levels.3.cells.1" (or "(root)").
func fieldPath(e gojsonschema.ResultError) []string {
	f := e.Field()
	if f == "(root)" || f == "" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(f, "(root)."), ".")
}

// locate maps a document path to the span it came from: a cell, a level's
// label, or the ladder's start. A `required` error's path is already the parent.
func (c *Context) locate(path []string) (source.Span, *ladder.Level, string) {
	l := c.ladder
	start := source.Span{Start: l.Span.Start, End: l.Span.Start}
	if len(l.Categories) > 0 && len(path) > 0 && (path[0] == "categories" || path[0] == "category_set") {
		i := 0
		if len(path) > 1 {
			i, _ = strconv.Atoi(path[1])
		}
		if i < len(l.Categories) && l.Categories[i].Span.End > 0 {
			return l.Categories[i].Span, nil, l.Categories[i].Name
		}
		return start, nil, ""
	}
	if len(path) < 2 || path[0] != "levels" {
		return start, nil, ""
	}
	n, err := strconv.Atoi(path[1])
	if err != nil || n >= len(l.Levels) {
		return start, nil, ""
	}
	lv := l.Levels[n]
	if len(path) >= 3 && path[2] == "summary" && lv.Summary != nil {
		return lv.Summary.Span, lv, ""
	}
	if len(path) >= 4 && path[2] == "cells" {
		if cell := presentCell(lv, path[3]); cell != nil {
			return cell.Span, lv, cell.Category
		}
	}
	return lv.Span, lv, ""
}

// presentCell returns the index-th non-missing cell (the document leaves missing cells out).
func presentCell(lv *ladder.Level, index string) *ladder.Cell {
	n, err := strconv.Atoi(index)
	if err != nil {
		return nil
	}
	for _, cell := range lv.Cells {
		if cell == nil {
			continue
		}
		if n == 0 {
			return cell
		}
		n--
	}
	return nil
}

// describe words a violation for a handbook editor, never with gojsonschema's text.
func (c *Context) describe(e gojsonschema.ResultError, path []string) string {
	d := e.Details()
	what := c.subject(path)
	switch e.Type() {
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
		return fmt.Sprintf("%s has %s; the house schema asks for at least %v", c.owner(path), c.count(path), d["min"])
	case "array_max_items":
		return fmt.Sprintf("%s has %s; the house schema allows at most %v", c.owner(path), c.count(path), d["max"])
	case "contains":
		if last(path) == "categories" {
			return "the ladder's categories do not include one that the house schema requires"
		}
		return fmt.Sprintf("%s has no entry the house schema requires there", c.owner(path))
	case "pattern":
		if last(path) == "code" && len(path) >= 2 {
			return fmt.Sprintf("%s has the code %q, which levels.code in %s does not allow (pattern %q)",
				c.subject(path[:2]), fmt.Sprint(e.Value()), c.configName(), fmt.Sprint(d["pattern"]))
		}
		return fmt.Sprintf("%s %q does not have the expected form (pattern %q)", what, fmt.Sprint(e.Value()), fmt.Sprint(d["pattern"]))
	case "string_gte":
		if v, _ := e.Value().(string); v == "" {
			return fmt.Sprintf("%s is empty", what)
		}
		return fmt.Sprintf("%s is shorter than %v characters", what, d["min"])
	case "string_lte":
		return fmt.Sprintf("%s is longer than %v characters", what, d["max"])
	case "enum", "const":
		return fmt.Sprintf("%s %q is not one of the values the schema allows", what, fmt.Sprint(e.Value()))
	case "number_gte", "number_gt":
		return fmt.Sprintf("%s is %v; the schema asks for at least %v", what, e.Value(), d["min"])
	case "number_lte", "number_lt":
		return fmt.Sprintf("%s is %v; the schema allows at most %v", what, e.Value(), d["max"])
	case "invalid_type":
		return fmt.Sprintf("%s is a %v, the schema expects a %v", what, d["given"], d["expected"])
	}
	return fmt.Sprintf("%s does not satisfy the schema's %q rule", what, e.Type())
}

func last(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1]
}

func (c *Context) configName() string {
	if p := c.checker.cfg.Path; p != "" {
		return filepath.Base(p)
	}
	return "the configuration"
}

// subject names what a document path refers to, in a reader's words.
func (c *Context) subject(path []string) string {
	l := c.ladder
	if len(path) >= 2 && path[0] == "levels" {
		n, _ := strconv.Atoi(path[1])
		if n < len(l.Levels) {
			lv := l.Levels[n]
			lvName := fmt.Sprintf("level %q", lv.Label)
			if len(path) == 2 || path[2] == "areas" {
				return lvName
			}
			if path[2] == "cells" && len(path) >= 4 {
				if cell := presentCell(lv, path[3]); cell != nil {
					switch {
					case len(path) >= 5 && path[4] == "items":
						return fmt.Sprintf("the %q list of %s", cell.Category, lvName)
					default:
						return fmt.Sprintf("the %q cell of %s", cell.Category, lvName)
					}
				}
			}
			if path[2] == "summary" {
				return "the summary of " + lvName
			}
			return fmt.Sprintf("the %s of %s", strings.ReplaceAll(path[2], "_", " "), lvName)
		}
	}
	if len(path) >= 1 && path[0] == "categories" {
		return "a category name"
	}
	if len(path) >= 1 {
		return "the ladder's " + strings.ReplaceAll(path[0], "_", " ")
	}
	return "the ladder"
}

// count says how many entries the array at path holds, in words.
// owner names what holds the list at path: the "Impact" list of a level
// for behaviours, the level for its cells, the ladder for its levels.
func (c *Context) owner(path []string) string {
	switch last(path) {
	case "items", "":
		return c.subject(path)
	}
	if len(path) >= 2 && path[0] == "levels" && len(path) == 3 {
		return c.subject(path[:2])
	}
	return "the ladder"
}

func (c *Context) count(path []string) string {
	var v any = c.Document
	b, _ := json.Marshal(v)
	var doc any
	_ = json.Unmarshal(b, &doc)
	for _, p := range path {
		switch x := doc.(type) {
		case map[string]any:
			doc = x[p]
		case []any:
			i, _ := strconv.Atoi(p)
			if i < len(x) {
				doc = x[i]
			}
		}
	}
	n := 0
	if a, ok := doc.([]any); ok {
		n = len(a)
	}
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

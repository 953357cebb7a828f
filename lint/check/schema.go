package check

import (
	"encoding/json"
	"strings"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// JSON Schema is the engine of the coverage checks: the effective schema a
// ladder document must satisfy is the embedded base schema, the parts the
// configuration compiles to and the user's house schema. Each part belongs
// to the rule that words its violations, so that a violation is attributed
// by where it was found, not by its shape:
//
//   - missing-category: the required categories (rule_missing_category.go),
//   - missing-area: the required areas of every written level (rule_missing_area.go),
//   - schema: the base schema, the level-code pattern and the house schema (rule_schema.go).

// schemaRule is a rule that owns part of the effective schema.
type schemaRule interface {
	Rule
	// schemas compiles the rule's part from the configuration: nil (or
	// nil entries) when the configuration asks for nothing of it.
	schemas(cfg *config.Config) ([]*gojsonschema.Schema, error)
}

// compileSchemas compiles every rule's part, whether the rule is on or not:
// a configuration that does not compile is an error either way.
func compileSchemas(cfg *config.Config) (map[string][]*gojsonschema.Schema, error) {
	out := map[string][]*gojsonschema.Schema{}
	for _, r := range Rules {
		sr, ok := r.(schemaRule)
		if !ok {
			continue
		}
		ss, err := sr.schemas(cfg)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if s != nil {
				out[r.ID()] = append(out[r.ID()], s)
			}
		}
	}
	return out, nil
}

// compileConfigPart compiles a draft-07 schema whose top-level properties
// are props; nil props compile to no schema.
func compileConfigPart(cfg *config.Config, props map[string]any) (*gojsonschema.Schema, error) {
	if props == nil {
		return nil, nil
	}
	compiled, _ := json.Marshal(map[string]any{"$schema": "http://json-schema.org/draft-07/schema#", "properties": props})
	s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(compiled))
	if err != nil {
		return nil, &config.Error{Path: cfg.Path, Msg: "the configuration does not compile to a JSON Schema: " + err.Error()}
	}
	return s, nil
}

// levelsItems is the schema part that applies item to every level.
func levelsItems(item map[string]any) map[string]any {
	return map[string]any{"levels": map[string]any{"items": item}}
}

// violation is a schema error with its document path and where the value
// at that path was read from. A `required` error's path is the object that
// lacks the property.
type violation struct {
	gojsonschema.ResultError
	// path holds the path's tokens: ["levels", "3", "cells", "1"].
	path []string
	at   ladder.Origin
}

// place adds a finding of the current rule where v's value was read from.
func (c *Context) place(v violation, msg string) {
	c.Report(v.at.Span, v.at.Level, v.at.Category, msg)
}

// violations returns the violations of the current rule's schemas by the
// ladder's document: each schema is validated once per ladder, by the one
// rule that owns it.
func (c *Context) violations() []violation {
	var out []violation
	for _, s := range c.checker.schemas[c.rule.ID()] {
		for _, e := range c.validate(s) {
			path := contextPath(e.Context())
			at, _ := c.Spans.Lookup(ladder.Pointer(path...))
			out = append(out, violation{ResultError: e, path: path, at: at})
		}
	}
	return out
}

// validate returns the violations of s by the ladder's document, without
// the errors that only repeat another.
func (c *Context) validate(s *gojsonschema.Schema) []gojsonschema.ResultError {
	res, err := s.Validate(gojsonschema.NewRawLoader(c.value()))
	if err != nil {
		return nil
	}
	// A failed "contains" also reports why each entry did not match;
	// only the "contains" itself is the violation.
	var contains []string
	for _, e := range res.Errors() {
		if e.Type() == "contains" {
			contains = append(contains, e.Field()+".")
		}
	}
	var out []gojsonschema.ResultError
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
	return out
}

// value is the ladder's document as the generic JSON values gojsonschema
// reads, built once per ladder for every schema.
func (c *Context) value() any {
	if c.doc == nil {
		c.doc = c.Document.Value()
	}
	return c.doc
}

// contextPath splits gojsonschema's path of a value, "(root).levels.3.cells.1",
// into its tokens. The tokens are joined with a byte no JSON key the
// document or a schema names holds, so that a key with a dot stays whole.
func contextPath(ctx *gojsonschema.JsonContext) []string {
	if ctx == nil {
		return nil
	}
	tokens := strings.Split(ctx.String("\x00"), "\x00")
	if len(tokens) > 0 && tokens[0] == gojsonschema.STRING_CONTEXT_ROOT {
		tokens = tokens[1:]
	}
	return tokens
}

// last is the last token of path.
func last(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return path[len(path)-1]
}

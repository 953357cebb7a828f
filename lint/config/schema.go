package config

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/schema"
)

var (
	configSchema     *gojsonschema.Schema
	configSchemaErr  error
	configSchemaOnce sync.Once
)

// validateSchema checks the YAML document against schema/config.schema.json
// and returns the first violation (by line) as an Error worded for a person.
func validateSchema(path string, root *yaml.Node, lines map[string]int) error {
	configSchemaOnce.Do(func() {
		configSchema, configSchemaErr = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.Config))
	})
	if configSchemaErr != nil {
		return fmt.Errorf("embedded configuration schema: %w", configSchemaErr)
	}
	var doc any
	if err := root.Decode(&doc); err != nil {
		return yamlError(path, err)
	}
	data, err := json.Marshal(jsonable(doc))
	if err != nil {
		return &Error{Path: path, Msg: "cannot read the configuration: " + err.Error()}
	}
	res, err := configSchema.Validate(gojsonschema.NewBytesLoader(data))
	if err != nil {
		return &Error{Path: path, Msg: "cannot validate the configuration: " + err.Error()}
	}
	type violation struct {
		err     *Error
		unknown bool // unknown keys come first: they often cause the other errors
	}
	var vs []violation
	for _, e := range res.Errors() {
		key, msg := describeSchemaError(e)
		vs = append(vs, violation{&Error{Path: path, Line: lineOf(lines, key), Msg: msg}, e.Type() == "additional_property_not_allowed"})
	}
	if len(vs) == 0 {
		return nil
	}
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.unknown != b.unknown {
			return a.unknown
		}
		if a.err.Line != b.err.Line {
			return a.err.Line < b.err.Line
		}
		return a.err.Msg < b.err.Msg
	})
	return vs[0].err
}

// jsonable turns YAML's decoded values into what encoding/json accepts.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = jsonable(x)
		}
		return v
	case map[any]any:
		m := map[string]any{}
		for k, x := range v {
			m[fmt.Sprint(k)] = jsonable(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = jsonable(x)
		}
		return v
	}
	return v
}

// lineOf is the line of key, or of its nearest parent that has one.
func lineOf(lines map[string]int, key string) int {
	for key != "" {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

var typeWords = map[string]string{"array": "a list", "string": "a text value", "object": "a mapping",
	"boolean": "true or false", "integer": "a whole number", "number": "a number", "null": "nothing"}

// describeSchemaError words a violation and names the key it is about.
func describeSchemaError(e gojsonschema.ResultError) (key, msg string) {
	field := e.Field()
	if field == "(root)" {
		field = ""
	}
	d := e.Details()
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "." + b
	}
	last := field[strings.LastIndexByte(field, '.')+1:]
	switch e.Type() {
	case "additional_property_not_allowed":
		prop := fmt.Sprint(d["property"])
		keys := KeysAt(field)
		if field == "rules" || strings.HasSuffix(field, ".rules") {
			if dym := DidYouMean(prop, keys); dym != "" {
				return join(field, prop), fmt.Sprintf("unknown rule %q%s", prop, dym)
			}
			return join(field, prop), fmt.Sprintf("unknown rule %q (`ladderlint rules` lists them)", prop)
		}
		if dym := DidYouMean(prop, keys); dym != "" {
			return join(field, prop), fmt.Sprintf("unknown key %q%s", prop, dym)
		}
		where := "here"
		if field != "" {
			where = "under " + displayKey(field)
		}
		return join(field, prop), fmt.Sprintf("unknown key %q; the keys %s are %s", prop, where, strings.Join(keys, ", "))
	case "enum":
		allowed := strings.Join(strings.Fields(strings.NewReplacer(`"`, "", ",", " ", "[", "", "]", "").Replace(fmt.Sprint(d["allowed"]))), ", ")
		if strings.HasPrefix("."+field, ".rules.") || strings.Contains(field, ".rules.") {
			return field, fmt.Sprintf("rule %q: severity %q is not one of %s", last, fmt.Sprint(e.Value()), allowed)
		}
		return field, fmt.Sprintf("%s %q is not one of %s", field, fmt.Sprint(e.Value()), allowed)
	case "invalid_type":
		want := typeWords[fmt.Sprint(d["expected"])]
		if want == "" {
			want = fmt.Sprint(d["expected"])
		}
		return field, fmt.Sprintf("%s: expected %s here, found %s", displayKey(field), want, typeWords[fmt.Sprint(d["given"])])
	case "pattern":
		if strings.HasPrefix(field, "levels.patterns.") {
			return field, "level pattern needs the named group (?P<rank>…), and may have (?P<track>…)"
		}
		if strings.HasPrefix(field, "levels.names.") {
			return field, fmt.Sprintf("level %q: code %q should be letters followed by a number, like SE2", last, fmt.Sprint(e.Value()))
		}
	case "string_gte":
		return field, fmt.Sprintf("%s must not be empty", displayKey(field))
	case "required":
		return field, fmt.Sprintf("this entry (%s) needs %q", displayKey(field), fmt.Sprint(d["property"]))
	case "array_min_items":
		if fmt.Sprint(d["min"]) == "1" {
			return field, fmt.Sprintf("%s needs at least one entry", displayKey(field))
		}
		return field, fmt.Sprintf("%s needs at least %v entries", displayKey(field), d["min"])
	}
	return field, fmt.Sprintf("%s does not fit the configuration schema (%s)", displayKey(field), e.Type())
}

// displayKey is a key path as a person counts: list entries from 1
// ("areas.1.terms" is the first area's terms).
func displayKey(field string) string {
	if field == "" {
		return "the configuration"
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		if n, err := strconv.Atoi(p); err == nil && n >= 0 && p == strconv.Itoa(n) {
			parts[i] = strconv.Itoa(n + 1)
		}
	}
	return strings.Join(parts, ".")
}

package schema_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
)

// config.schema.json describes .ladderlint.yml for editors
// (yaml-language-server) and for validation. These tests check it against
// the real configurations and against config.Parse: what one rejects, the
// other rejects too.

func configSchema(t *testing.T) (*gojsonschema.Schema, map[string]any) {
	t.Helper()
	data, err := os.ReadFile("config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(data))
	if err != nil {
		t.Fatalf("gojsonschema cannot load config.schema.json: %v", err)
	}
	return s, raw
}

// yamlToJSON converts a YAML document to JSON, as an editor does.
func yamlToJSON(t *testing.T, data []byte) []byte {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(jsonable(v))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonable turns yaml.v3's map[any]any (non-string keys) into map[string]any.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonable(e)
		}
	case map[any]any:
		m := map[string]any{}
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonable(e)
		}
	}
	return v
}

func schemaErrors(t *testing.T, s *gojsonschema.Schema, yml []byte) []string {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewBytesLoader(yamlToJSON(t, yml)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range res.Errors() {
		out = append(out, e.String())
	}
	return out
}

// loads reports whether ladderlint accepts the configuration: config.Parse
// and the checker built from it (which knows the rule ids and reads the
// house schema, here an empty policy.schema.json beside the file).
func loads(t *testing.T, yml []byte) error {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.schema.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(dir, ".ladderlint.yml"), yml)
	if err != nil {
		return err
	}
	_, err = check.New(cfg)
	return err
}

// fullConfig sets every key there is.
const fullConfig = `include: ["**/*.md", "docs/**/*.markdown"]
exclude: ["archive/**"]
levels:
  patterns: ['\b(?P<track>IC|M)(?P<rank>[1-9])\b', '(?<track>L)(?<rank>\d+)', 'Level (?P<rank>\d)']
  code: "^(IC[1-7]|M[3-6]|L\\d+|SE\\d)$"
  names:
    Senior Software Engineer: SE3
    Staff Engineer: SE4
categories:
  required: [Proficiency, Delivery, Teamwork]
areas:
  - name: communication
    terms: [communicat, writ]
  - name: product knowledge
    terms: [product]
placeholders: [TBD, TODO, "not yet defined"]
rules:
  level-gap: error
  duplicate-text: off
  placeholder: info
  anchor-mismatch: warning
suppressions:
  require-reason: true
schema: policy.schema.json
fail-level: warning
`

func TestConfigSchemaAcceptsRealConfigs(t *testing.T) {
	s, _ := configSchema(t)
	configs := map[string][]byte{"full": []byte(fullConfig)}
	demo, err := os.ReadFile(filepath.Join("..", "testdata", "demo", ".ladderlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	configs["testdata/demo/.ladderlint.yml"] = demo
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1)
	n := 0
	// A configuration example is a yaml block that starts with a configuration key.
	first := regexp.MustCompile(`^(?:#.*\n)*(include|exclude|levels|categories|areas|placeholders|rules|suppressions|schema|fail-level):`)
	for _, b := range blocks {
		if first.Match(b[1]) {
			n++
			configs[fmt.Sprintf("README.md configuration example %d", n)] = b[1]
		}
	}
	if n == 0 {
		t.Error("README.md has no ```yaml configuration example")
	}
	for name, yml := range configs {
		if err := loads(t, yml); err != nil {
			t.Errorf("%s: ladderlint rejects it: %v", name, err)
		}
		for _, e := range schemaErrors(t, s, yml) {
			t.Errorf("%s: %s", name, e)
		}
	}
}

// TestConfigSchemaRejectsBadConfigs: each bad configuration fails the
// schema at the expected place, and ladderlint rejects it too.
func TestConfigSchemaRejectsBadConfigs(t *testing.T) {
	s, _ := configSchema(t)
	for _, tc := range []struct{ name, yml, want string }{
		{"unknown key", "exlude: [archive/**]\n", "exlude"},
		{"unknown nested key", "levels:\n  pattern: x\n", "pattern"},
		{"unknown area key", "areas:\n  - name: a\n    terms: [x]\n    weight: 2\n", "weight"},
		{"include is a string", "include: \"**/*.md\"\n", "include"},
		{"categories is a list", "categories: [Proficiency]\n", "categories"},
		{"placeholders is a string", "placeholders: TBD\n", "placeholders"},
		{"schema is a list", "schema: [a.json]\n", "schema"},
		{"unknown severity", "rules:\n  level-gap: fatal\n", "level-gap"},
		{"unknown rule", "rules:\n  no-such-rule: off\n", "no-such-rule"},
		{"unknown fail level", "fail-level: sometimes\n", "fail-level"},
		{"area without terms", "areas:\n  - name: communication\n", "terms"},
		{"area with no terms", "areas:\n  - name: communication\n    terms: []\n", "terms"},
		{"area with a blank name", "areas:\n  - name: \" \"\n    terms: [x]\n", "name"},
		{"pattern without groups", "levels:\n  patterns: ['IC(\\d)']\n", "patterns"},
		{"pattern without rank", "levels:\n  patterns: ['(?P<track>IC)(\\d)']\n", "patterns"},
		{"level name without a number", "levels:\n  names:\n    Senior Engineer: Senior\n", "Senior Engineer"},
		{"level names is a list", "levels:\n  names: [SE1]\n", "names"},
		{"require-reason is not a boolean", "suppressions:\n  require-reason: sometimes\n", "require-reason"},
		{"unknown suppressions key", "suppressions:\n  allow: [x]\n", "allow"},
	} {
		errs := schemaErrors(t, s, []byte(tc.yml))
		if len(errs) == 0 {
			t.Errorf("%s: the schema accepts\n%s", tc.name, tc.yml)
		} else if !strings.Contains(strings.Join(errs, "\n"), tc.want) {
			t.Errorf("%s: the schema's errors do not mention %q: %q", tc.name, tc.want, errs)
		}
		if err := loads(t, []byte(tc.yml)); err == nil {
			t.Errorf("%s: the schema rejects it but ladderlint accepts\n%s", tc.name, tc.yml)
		}
	}
}

// TestConfigSchemaIsComplete checks the schema has exactly the keys of
// config.Config (by their yaml tags, nested types too), a severity for
// exactly the rules of check.Rules, and no key the loader does not know.
func TestConfigSchemaIsComplete(t *testing.T) {
	_, raw := configSchema(t)
	if raw["$schema"] != "http://json-schema.org/draft-07/schema#" {
		t.Errorf("$schema = %v, want draft-07", raw["$schema"])
	}
	var walk func(path string, typ reflect.Type, node map[string]any)
	walk = func(path string, typ reflect.Type, node map[string]any) {
		for typ.Kind() == reflect.Slice || typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
			if items, ok := node["items"].(map[string]any); ok {
				node = items
			}
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		if node["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false, so unknown keys would pass", path)
		}
		props, _ := node["properties"].(map[string]any)
		var want []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if tag == "" || tag == "-" {
				continue
			}
			want = append(want, tag)
			sub, ok := props[tag].(map[string]any)
			if !ok {
				t.Errorf("%s: no schema for key %q", path, tag)
				continue
			}
			if d, _ := sub["description"].(string); d == "" {
				t.Errorf("%s.%s: no description for editors", path, tag)
			}
			walk(path+"."+tag, f.Type, sub)
		}
		var got []string
		for k := range props {
			got = append(got, k)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema keys %q, config keys %q", path, got, want)
		}
	}
	walk("(top)", reflect.TypeOf(config.Config{}), raw)

	rules := raw["properties"].(map[string]any)["rules"].(map[string]any)
	props := rules["properties"].(map[string]any)
	if rules["additionalProperties"] != false {
		t.Error("rules: unknown rule ids would pass")
	}
	var ids []string
	for _, r := range check.Rules {
		ids = append(ids, r.ID())
		p, ok := props[r.ID()].(map[string]any)
		if !ok {
			t.Errorf("rules: no entry for rule %q", r.ID())
			continue
		}
		var sev []string
		for _, v := range p["enum"].([]any) {
			sev = append(sev, v.(string))
		}
		if !slices.Equal(sev, config.Severities) {
			t.Errorf("rules.%s: severities %q, want %q", r.ID(), sev, config.Severities)
		}
	}
	if len(props) != len(ids) {
		t.Errorf("rules: the schema lists %d rules, check.Rules has %d (%q)", len(props), len(ids), ids)
	}
}

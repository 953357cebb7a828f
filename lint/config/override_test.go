package config

import (
	"slices"
	"testing"
)

// TestOverrides: an override applies to the pages its globs match, in
// order: categories and areas replace, rules and names merge, placeholders
// add; pages with the same overrides share a key.
func TestOverrides(t *testing.T) {
	c, err := Parse("c.yml", []byte(`categories: {required: [Proficiency, Delivery]}
areas: [{name: communication, terms: [communicat]}]
rules: {duplicate-text: warning, placeholder: info}
placeholders: [WIP]
levels: {names: {Senior Engineer: SE3}}
overrides:
  - files: ["engineering/**"]
    categories: {required: [Execution]}
    areas: []
    rules: {placeholder: error}
    placeholders: ["to be written"]
    levels: {names: {Staff Engineer: SE4}}
  - files: ["**/framework.md"]
    placeholders-replace: true
    placeholders: [draft]
`))
	if err != nil {
		t.Fatal(err)
	}
	sup, key := c.For("support/levels.md")
	if sup != c || key != "" {
		t.Errorf("support: got key %q, want the top-level configuration", key)
	}
	eng, key := c.For("engineering/levels.md")
	if key != "0" || !slices.Equal(eng.Categories.Required, []string{"Execution"}) || len(eng.Areas) != 0 ||
		eng.Rules["placeholder"] != "error" || eng.Rules["duplicate-text"] != "warning" ||
		eng.Levels.Names["Senior Engineer"] != "SE3" || eng.Levels.Names["Staff Engineer"] != "SE4" {
		t.Errorf("engineering: key %q, %+v", key, eng)
	}
	if got := eng.PlaceholderWords([]string{"TBD"}); !slices.Equal(got, []string{"TBD", "WIP", "to be written"}) {
		t.Errorf("engineering placeholders %q", got)
	}
	fw, key := c.For("engineering/framework.md")
	if key != "0,1" || !slices.Equal(fw.PlaceholderWords([]string{"TBD"}), []string{"draft"}) {
		t.Errorf("framework: key %q, placeholders %q", key, fw.PlaceholderWords([]string{"TBD"}))
	}
	// The top-level configuration is not changed by the merge.
	if c.Rules["placeholder"] != "info" || len(c.Levels.Names) != 1 || len(c.Areas) != 1 || !slices.Equal(c.Placeholders, []string{"WIP"}) {
		t.Errorf("top level changed: %+v", c)
	}
}

// TestPlaceholdersExtend: placeholders add to the built-in list (the
// README's list used to replace it, so "haven't yet finalized" stopped
// counting); placeholders-replace: true replaces it.
func TestPlaceholdersExtend(t *testing.T) {
	builtin := []string{"TBD", "haven't yet finalized"}
	c, err := Parse("c.yml", []byte("placeholders: [WIP]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.PlaceholderWords(builtin); !slices.Equal(got, []string{"TBD", "haven't yet finalized", "WIP"}) {
		t.Errorf("got %q", got)
	}
	c, err = Parse("c.yml", []byte("placeholders: [WIP]\nplaceholders-replace: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.PlaceholderWords(builtin); !slices.Equal(got, []string{"WIP"}) {
		t.Errorf("replace: got %q", got)
	}
}

// TestOverrideErrors: mistakes inside overrides name their line.
func TestOverrideErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"overrides:\n  - categories: {required: [A]}\n", `c.yml:2: this entry (overrides.1) needs "files"`},
		{"overrides:\n  - files: [a.md]\n    rules: {level-gap: eror}\n", `c.yml:3: rule "level-gap": severity "eror" is not one of error, warning, info, off`},
		{"overrides:\n  - files: [\"[a\"]\n", `c.yml:2: "[a" is not a valid glob`},
		{"overrides:\n  - files: [a.md]\n    areas:\n      - name: x\n        terms: []\n", `c.yml:5: overrides.1.areas.1.terms needs at least one entry`},
		{"overrides:\n  - files: [a.md]\n    levels: {patterns: ['(?P<rank>[0-9]+']}\n", "c.yml:3: level pattern is not a valid regular expression: error parsing regexp: missing closing ): `(?P<rank>[0-9]+`"},
	} {
		_, err := Parse("c.yml", []byte(c.yaml))
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\n got %v\nwant %s", c.yaml, err, c.want)
		}
	}
}

package config

import (
	"testing"
)

// TestParseErrors: every bad configuration names its line and says what is
// wrong in words, whether the schema or the loader catches it.
func TestParseErrors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"include: \"**/*.md\"\n", "c.yml:1: include: expected a list here, found a text value"},
		{"areas:\n  - name: communication\n    colour: blue\n", `c.yml:3: unknown key "colour"; the keys under areas.1 are name, terms`},
		{"rules:\n  level-gaps: off\n", `c.yml:2: unknown rule "level-gaps" (did you mean "level-gap"?)`},
		{"rules:\n  level-gap: eror\n", `c.yml:2: rule "level-gap": severity "eror" is not one of error, warning, info, off`},
		{"fail-level: sometimes\n", `c.yml:1: fail-level "sometimes" is not one of error, warning, never`},
		{"levels:\n  names:\n    Senior Engineer: senior\n", `c.yml:3: level "Senior Engineer": code "senior" should be letters followed by a number, like SE2`},
		{"levels:\n  patterns:\n    - '^Level (\\d+)'\n", "c.yml:3: level pattern needs the named group (?P<rank>…), and may have (?P<track>…)"},
		{"levels:\n  patterns:\n    - '(?P<rank>[0-9]+'\n", "c.yml:3: level pattern is not a valid regular expression: error parsing regexp: missing closing ): `(?P<rank>[0-9]+`"},
		{"areas:\n  - name: x\n", `c.yml:2: this entry (areas.1) needs "terms"`},
		{"include: [\n", "c.yml:1: did not find expected node content"},
		// YAML syntax errors name the line of the mistake, not where its mapping starts.
		{"include: [\"**/*.md\"]\nareas:\n  - name: communication\n   terms: [x]\n", "c.yml:4: this line is not indented like the lines above it (did not find expected '-' indicator)"},
		{"fail-level: error\nrules:\n  level-gap: error\n duplicate-text: off\n", "c.yml:4: this line is not indented like the lines above it (did not find expected key)"},
		{"fail-level: error\ncategories:\n  required: [A, B\nareas: []\n", "c.yml:3: did not find expected ',' or ']'"},
		{"include:\n  - a\n  b: c\n", "c.yml:3: this line is not indented like the lines above it (did not find expected '-' indicator)"},
		{"include: [\"a\",\n  \"b\"]\noops\n", "c.yml:3: could not find expected ':'"},
		// Did you mean: a key or rule one typo away.
		{"area:\n  - name: x\n    terms: [y]\n", `c.yml:1: unknown key "area" (did you mean "areas"?)`},
		{"levels:\n  name: {A: B1}\n", `c.yml:2: unknown key "name" (did you mean "names"?)`},
		{"overrides:\n  - file: [a.md]\n", `c.yml:2: unknown key "file" (did you mean "files"?)`},
		{"colour: blue\n", `c.yml:1: unknown key "colour"; the keys here are areas, categories, exclude, fail-level, include, ladders, levels, overrides, placeholders, placeholders-replace, rules, schema, suppressions`},
		{"ladders:\n  - name: Levels\n", `c.yml:2: this entry (ladders.1) needs "file"`},
		{"ladders:\n  - file: a.md\n    levels: IC1\n", "c.yml:3: ladders.1.levels: expected a list here, found a text value"},
		{"ladders:\n  - file: \"[a.md\"\n", `c.yml:2: ladder file "[a.md" is not a valid path or glob`},
	}
	for _, c := range cases {
		_, err := Parse("c.yml", []byte(c.yaml))
		if err == nil {
			t.Errorf("%q: no error, want %s", c.yaml, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.yaml, err, c.want)
		}
	}
}

// TestParseGood: a full configuration loads, with its lines recorded.
func TestParseGood(t *testing.T) {
	c, err := Parse("c.yml", []byte(`include: ["**/*.md"]
levels:
  code: "^IC[1-7]$"
  names: {Senior Engineer: SE3}
categories: {required: [Proficiency]}
areas:
  - {name: communication, terms: [communicat]}
rules: {duplicate-text: "off", placeholder: error}
suppressions: {require-reason: true}
fail-level: warning
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailLevel != "warning" || c.Rules["duplicate-text"] != "off" || !c.Suppressions.RequireReason ||
		c.Levels.Names["Senior Engineer"] != "SE3" || c.Lines["rules.placeholder"] != 8 {
		t.Errorf("unexpected %+v", c)
	}
	if !c.Selects("a/b.md") || c.Selects("a/b.txt") {
		t.Error("include globs not applied")
	}
}

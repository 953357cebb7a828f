package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// FuzzParse loads arbitrary configuration files: no panic; an error is a
// *config.Error naming the file with a line inside it; a configuration
// Parse accepts is usable by every later stage (matcher, globs, checker,
// placeholders) without panicking.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"include: [\"**/*.md\"]\nexclude: [\"archive/**\"]\nlevels:\n  code: \"^(IC[1-7]|M[3-6])$\"\ncategories:\n  required: [Proficiency, Delivery]\nareas:\n  - name: communication\n    terms: [communicat, writ]\nplaceholders: [TBD, \"not yet defined\"]\nrules:\n  duplicate-text: off\n  level-gap: warning\nfail-level: warning\n",
		"levels:\n  patterns: ['(?i)^(?P<track>L)(?P<rank>[0-9])$']\n",
		"levels:\n  patterns: ['(']\n",
		"rules:\n  nope: error\n",
		"rules: [a, b]\n",
		"areas:\n  - name: x\n",
		"include: ['[']\n",
		"placeholders: [' ', '\\b', '*', '']\n",
		"a: &a [*a]\n",
		"\ufeffinclude: x\r\n",
		"{{{{",
		"- - - -",
		"fail-level: 3\n",
	} {
		f.Add([]byte(s))
	}
	for _, p := range []string{"../../testdata/demo/.ladderlint.yml", "../../.ladderlint.yml"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	page := source.NewFile("p.md", []byte("## IC1\n- Delivery: TBD\n## IC2\n- Delivery: ships\n\n| L | Delivery |\n|---|---|\n| IC1 | a |\n| IC2 | b |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse("fuzz.yml", data)
		if err != nil {
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not a *config.Error", err, err)
			}
			if ce.Path != "fuzz.yml" || ce.Line < 0 || ce.Line > len(data)+1 {
				t.Fatalf("error %+v does not name the file or a line in it", ce)
			}
			return
		}
		cfg.Selects("a/b/c.md")
		patterns := cfg.Levels.Patterns
		if len(patterns) == 0 {
			patterns = ladder.DefaultLevelPatterns
		}
		m, err := ladder.NewMatcher(patterns)
		if err != nil {
			t.Fatalf("Parse accepted patterns %q that NewMatcher rejects: %v", patterns, err)
		}
		// The schema is a file path; the fuzzer must not read files.
		cfg.Schema = ""
		chk, err := check.New(cfg)
		if err != nil {
			return // unknown rule ids are found here, with a line
		}
		ph := cfg.Placeholders
		if ph == nil {
			ph = ladder.DefaultPlaceholders
		}
		ladders := ladder.Extract(markdown.Parse(page, markdown.DefaultLimits), ladder.Options{Levels: m, Placeholders: ph})
		chk.Run(page, ladders)
	})
}

// TestParseSchemaPath checks that a schema path is resolved next to the file.
func TestParseSchemaPath(t *testing.T) {
	cfg, err := config.Parse(filepath.Join("a", "b.yml"), []byte("schema: s.json\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.SchemaPath(), filepath.Join("a", "s.json"); got != want {
		t.Errorf("SchemaPath = %q, want %q", got, want)
	}
}

package check_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/diff"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
	"github.com/ladderlint/ladderlint/lint/suppress"
)

const rulesDir = "../../testdata/rules"

// TestRuleFixtures: every rule has a fixture folder and every folder a rule.
func TestRuleFixtures(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range check.Rules {
		ids[r.ID()] = true
		cases, _ := filepath.Glob(filepath.Join(rulesDir, r.ID(), "*.md"))
		if len(cases) == 0 {
			t.Errorf("rule %s has no fixtures in %s/%s", r.ID(), rulesDir, r.ID())
		}
	}
	dirs, err := os.ReadDir(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !ids[d.Name()] {
			t.Errorf("fixture folder %s has no rule", d.Name())
		}
	}
}

// TestRuleGoldens runs the whole check stage on each testdata/rules/<rule>/<case>.md
// (with <case>.yml as configuration when present, and <case>.base.md as the
// page's version at the base revision, as -changed-since reads it) and
// compares every finding, from any rule, with <case>.out. UPDATE_GOLDEN=1
// rewrites the .out files.
func TestRuleGoldens(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join(rulesDir, "*", "*.md"))
	for _, md := range cases {
		if strings.HasSuffix(md, ".base.md") {
			continue
		}
		rel, _ := filepath.Rel(rulesDir, md)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			got := runCase(t, md)
			golden.Check(t, strings.TrimSuffix(md, ".md")+".out", got)
		})
	}
}

func runCase(t *testing.T, md string) string {
	cfg := config.Default()
	if yml := strings.TrimSuffix(md, ".md") + ".yml"; fileExists(yml) {
		var err error
		if cfg, err = config.Load(yml, true); err != nil {
			t.Fatal(err)
		}
	}
	chk, err := check.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	f := source.NewFile(filepath.Base(md), data)
	m, err := ladder.MatcherFor(cfg.Levels.Patterns, cfg.Levels.Names)
	if err != nil {
		t.Fatal(err)
	}
	ph := cfg.Placeholders
	if ph == nil {
		ph = ladder.DefaultPlaceholders
	}
	page := markdown.Parse(f, markdown.DefaultLimits)
	ladders := ladder.Extract(page, ladder.Options{Levels: m, Placeholders: ph})
	findings := append(chk.Run(f, ladders), chk.RunPage(f, page, f.Path, ladders)...)
	if base := strings.TrimSuffix(md, ".md") + ".base.md"; fileExists(base) {
		data, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		bp := diff.Parse(filepath.Base(md), data, ladder.Options{Levels: m, Placeholders: ph})
		findings = append(findings, chk.RunBase(diff.PageChange("main", &bp, &diff.Page{Path: f.Path, File: f, Ladders: ladders}, "", diff.Options{}))...)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %d ladder(s)\n", len(ladders))
	kept, _, ds := suppress.Apply(page, findings)
	for _, fd := range chk.CheckDirectives(page, ds, kept) {
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s: %s [%s]\n", fd.File, fd.Range.Start.Line, fd.Range.Start.Column,
			fd.Range.End.Line, fd.Range.End.Column, fd.Severity, fd.Message, fd.Rule)
		for _, r := range fd.Related {
			fmt.Fprintf(&b, "    related %d:%d: %s\n", r.Range.Start.Line, r.Range.Start.Column, r.Message)
		}
	}
	return b.String()
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestEveryRuleHasAHook: a rule runs only through the hooks it implements;
// one with none would be listed, configurable and never report.
func TestEveryRuleHasAHook(t *testing.T) {
	for _, r := range check.Rules {
		_, ladder := r.(check.LadderRule)
		_, page := r.(check.PageRule)
		_, base := r.(check.BaseRule)
		_, directives := r.(check.DirectiveRule)
		if !ladder && !page && !base && !directives {
			t.Errorf("rule %s implements no hook (Check, CheckPage, CheckBase or CheckDirectives)", r.ID())
		}
	}
}

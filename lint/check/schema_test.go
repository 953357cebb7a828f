package check_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// missingCellPage: IC2 has no Impact cell, so its Scope is the document's
// /levels/1/cells/0, and IC3's Scope /levels/2/cells/1.
const missingCellPage = `# Ladder

## IC1

- Impact: ships small features.
- Scope: works in one team.

## IC2

- Scope: works across two teams, and far beyond them.

## IC3

- Impact: owns a product area.
- Scope: works across the company.
`

// checkWith runs the checker configured by yml (with house, if any, as
// house.schema.json beside it) on page.
func checkWith(t *testing.T, yml, house, page string) ([]*ladder.Ladder, check.Result, *source.File) {
	t.Helper()
	dir := t.TempDir()
	if house != "" {
		if err := os.WriteFile(filepath.Join(dir, "house.schema.json"), []byte(house), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfgPath := filepath.Join(dir, "ladderlint.yml")
	if err := os.WriteFile(cfgPath, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath, true)
	if err != nil {
		t.Fatal(err)
	}
	chk, err := check.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := source.NewFile("page.md", []byte(page))
	ls := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits),
		ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders})
	if len(ls) != 1 {
		t.Fatalf("%d ladders, want 1", len(ls))
	}
	return ls, chk.Check(f, ls), f
}

// TestSchemaErrorPlacedThroughSpans: a house-schema violation in a cell
// that follows a missing one is reported at that cell, not at its level or
// at the missing cell's neighbour.
func TestSchemaErrorPlacedThroughSpans(t *testing.T) {
	house := `{"$schema": "http://json-schema.org/draft-07/schema#",
	  "properties": {"levels": {"items": {"properties": {"cells": {"items": {"properties": {"text": {"maxLength": 40}}}}}}}}}`
	_, res, f := checkWith(t, "schema: house.schema.json\n", house, missingCellPage)
	var got []string
	for _, fd := range res.Findings {
		if fd.Rule == "schema" {
			got = append(got, fd.Message+" @ "+lineOf(f, fd.Range.Start.Line))
		}
	}
	want := []string{`the "Scope" cell of level "IC2" is longer than 40 characters @ - Scope: works across two teams, and far beyond them.`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("schema findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRequiredAreaPlacedAtLevel: a level that misses a required area is
// reported at its label.
func TestRequiredAreaPlacedAtLevel(t *testing.T) {
	yml := "areas:\n  - name: scope\n    terms: [company]\n"
	_, res, f := checkWith(t, yml, "", missingCellPage)
	var got []string
	for _, fd := range res.Findings {
		if fd.Rule == "missing-area" {
			got = append(got, fd.Level+" @ "+lineOf(f, fd.Range.Start.Line))
		}
	}
	if want := "IC1 @ ## IC1\nIC2 @ ## IC2"; strings.Join(got, "\n") != want {
		t.Errorf("missing-area findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestCheckReturnsDocuments: the documents the checker built are the ones
// extract prints, one per ladder, found again by ladder.
func TestCheckReturnsDocuments(t *testing.T) {
	ls, res, f := checkWith(t, "areas:\n  - name: scope\n    terms: [company]\n", "", missingCellPage)
	if len(res.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(res.Documents))
	}
	a, _ := json.Marshal(res.Documents[0])
	b, _ := json.Marshal(ls[0].Document(f, []ladder.Area{{Name: "scope", Terms: []string{"company"}}}))
	if string(a) != string(b) {
		t.Errorf("Check's document differs from Document's:\n%s\n%s", a, b)
	}
	if got := res.DocumentsOf(ls); len(got) != 1 || got[0].Name != res.Documents[0].Name {
		t.Errorf("DocumentsOf(ladders) = %d documents", len(got))
	}
	if got := res.DocumentsOf(nil); len(got) != 0 {
		t.Errorf("DocumentsOf(nil) = %d documents", len(got))
	}
}

func lineOf(f *source.File, line int) string {
	return strings.Split(string(f.Data), "\n")[line-1]
}

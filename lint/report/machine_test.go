package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

// The machine-readable reporters (SARIF, rdjsonl) are tested from the fixed
// findings below, never by running the linter: golden files pin the exact
// output, and the public schemas in ../../testdata/schemas/ check its shape.
// UPDATE_GOLDEN=1 go test ./lint/report/ rewrites the goldens; review them
// with git diff lint/report/testdata/.

// machinePage has non-ASCII text before some findings, so code-point and
// byte columns differ (ü is 2 bytes, 🚀 is 4).
const machinePage = "# Engineering ladder\n" +
	"\n" +
	"| Level | Delivery | Teamwork |\n" +
	"|---|---|---|\n" +
	"| IC1 | Ships small fixes | TBD |\n" +
	"| IC3 | Führt Projekte 🚀 | Mentors juniors |\n" +
	"| IC3 | Leads projects | Mentors juniors |\n"

// machineSupport's path has a space, which a SARIF URI must encode.
const machineSupport = "## Support\n\n- SE1\n  - Delivery:\n"

// machineRun returns a fixed run: every severity, related locations, a
// multi-line range and a finding with no range.
func machineRun(t *testing.T) *Run {
	t.Helper()
	eng := source.NewFile("eng/ladder.md", []byte(machinePage))
	sup := source.NewFile("support/cs levels.md", []byte(machineSupport))
	// at is the range of the n-th (0-based) occurrence of needle in f.
	at := func(f *source.File, needle string, n int) source.Range {
		t.Helper()
		off := -1
		for i := 0; i <= n; i++ {
			j := strings.Index(string(f.Data[off+1:]), needle)
			if j < 0 {
				t.Fatalf("%q occurs fewer than %d times in %s", needle, n+1, f.Path)
			}
			off += 1 + j
		}
		return f.Range(off, off+len(needle))
	}
	findings := []finding.Finding{
		{Rule: "placeholder", Severity: finding.Warning, File: eng.Path, Range: at(eng, "TBD", 0),
			Message: `"Teamwork" for level "IC1" is a placeholder ("TBD")`, Ladder: "Engineering ladder", Level: "IC1", Category: "Teamwork"},
		{Rule: "level-gap", Severity: finding.Error, File: eng.Path, Range: at(eng, "IC3", 0),
			Message: `level "IC2" is missing between "IC1" and "IC3"`, Ladder: "Engineering ladder", Level: "IC3"},
		{Rule: "duplicate-level", Severity: finding.Warning, File: eng.Path, Range: at(eng, "IC3", 1),
			Message: `level "IC3" appears twice in this ladder`, Ladder: "Engineering ladder", Level: "IC3",
			Related: []finding.Related{{Range: at(eng, "IC3", 0), Message: "first defined here"}}},
		{Rule: "duplicate-text", Severity: finding.Info, File: eng.Path, Range: at(eng, "Mentors juniors", 1),
			Message: `level "IC3" repeats "Mentors juniors" word for word from level "IC3"`, Ladder: "Engineering ladder", Level: "IC3", Category: "Teamwork",
			Related: []finding.Related{{Range: at(eng, "Mentors juniors", 0), Message: "first written here"}}},
		{Rule: "schema", Severity: finding.Error, File: sup.Path,
			Message: `ladder "Support" does not satisfy policy.schema.json`, Ladder: "Support"},
		{Rule: "empty-cell", Severity: finding.Error, File: sup.Path, Range: at(sup, "- Delivery:\n", 0),
			Message: `"Delivery" is empty for level "SE1"`, Ladder: "Support", Level: "SE1", Category: "Delivery"},
	}
	q := Quotes{}
	q.Keep(eng, findings)
	q.Keep(sup, findings)
	return &Run{Files: 2, Ladders: 2, Findings: findings, Quotes: q, Rules: check.Catalogue()}
}

// machineGolden compares got with testdata/name, or rewrites it when
// UPDATE_GOLDEN is set.
func machineGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run UPDATE_GOLDEN=1 go test ./lint/report/ to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (UPDATE_GOLDEN=1 rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// machineSchema loads one of the public schemas vendored in testdata/schemas.
func machineSchema(t *testing.T, name string) *gojsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schemas", name))
	if err != nil {
		t.Fatal(err)
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(data))
	if err != nil {
		t.Fatalf("gojsonschema cannot load %s: %v", name, err)
	}
	return s
}

// machineValidate fails the test with every violation of s in doc.
func machineValidate(t *testing.T, s *gojsonschema.Schema, what string, doc []byte) {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, e := range res.Errors() {
		t.Errorf("%s: %s", what, e)
	}
}

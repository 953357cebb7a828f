package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/report"
)

// sarifResult is the part of a SARIF result this test reads.
type sarifResult struct {
	RuleID    string `json:"ruleId"`
	Message   struct{ Text string }
	Locations []struct {
		PhysicalLocation struct {
			Region struct{ StartLine int }
		}
	}
	PartialFingerprints map[string]string
}

// lintSARIF lints page as support/ladder.md under the demo configuration,
// in a temporary folder, and returns the SARIF log.
func lintSARIF(t *testing.T, page []byte) []byte {
	t.Helper()
	cfgData, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "demo", ".ladderlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range map[string][]byte{".ladderlint.yml": cfgData, "support/ladder.md": page} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	cfg, err := config.Load(".ladderlint.yml", true)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(lint.Options{Paths: []string{"."}, Root: ".", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.SARIF(&buf, &res.Run); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sarifResults(t *testing.T, log []byte) []sarifResult {
	t.Helper()
	var l struct {
		Runs []struct{ Results []sarifResult }
	}
	if err := json.Unmarshal(log, &l); err != nil {
		t.Fatal(err)
	}
	return l.Runs[0].Results
}

// TestSARIFFingerprintsSurviveEdits lints the demo ladder, then the same
// ladder after edits that move every finding (text added above it, a line
// added inside the table): every alert keeps its partial fingerprint, so
// code scanning matches it to the alert of the previous run instead of
// closing one and opening another.
// Both logs are valid SARIF 2.1.0.
func TestSARIFFingerprintsSurviveEdits(t *testing.T) {
	page := cleanPage(t)
	before := lintSARIF(t, page)

	moved := append([]byte("<!-- reviewed in 2026 -->\n\nThis page is maintained by the support team.\n\n"), page...)
	moved = bytes.Replace(moved, []byte("<th id=\"ic4\""), []byte("<!-- IC4 below -->\n      <th id=\"ic4\""), 1)
	after := lintSARIF(t, moved)

	schema, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "schemas", "sarif-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, log := range map[string][]byte{"before": before, "after": after} {
		res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(log))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", name, e)
		}
	}

	b, a := sarifResults(t, before), sarifResults(t, after)
	if len(b) < 3 || len(a) != len(b) {
		t.Fatalf("%d results before the edits, %d after; want the same few", len(b), len(a))
	}
	byFP := map[string]sarifResult{}
	for _, r := range b {
		byFP[r.PartialFingerprints["ladderlint/v1"]] = r
	}
	if len(byFP) != len(b) {
		t.Errorf("%d results share %d fingerprints", len(b), len(byFP))
	}
	for _, r := range a {
		old, ok := byFP[r.PartialFingerprints["ladderlint/v1"]]
		if !ok {
			t.Errorf("the edits changed the fingerprint of %s %q", r.RuleID, r.Message.Text)
			continue
		}
		// A message may quote a line number ("first on line 12"), which the edits move.
		lines := regexp.MustCompile(`\bline [0-9]+`)
		if old.RuleID != r.RuleID || lines.ReplaceAllString(old.Message.Text, "line #") != lines.ReplaceAllString(r.Message.Text, "line #") {
			t.Errorf("fingerprint of %s %q now names %s %q", old.RuleID, old.Message.Text, r.RuleID, r.Message.Text)
		}
		if r.Locations[0].PhysicalLocation.Region.StartLine == old.Locations[0].PhysicalLocation.Region.StartLine {
			t.Errorf("%s %q did not move; the edits do not test anything", r.RuleID, r.Message.Text)
		}
	}
}

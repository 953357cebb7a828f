package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/ladderlint/ladderlint/lint/finding"
)

func TestRDJSONLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := RDJSONL(&buf, machineRun(t)); err != nil {
		t.Fatal(err)
	}
	machineGolden(t, "findings.rdjsonl", buf.Bytes())
}

// TestRDJSONLSchema validates each line against reviewdog's own JSON
// Schema for a Diagnostic (proto/rdf/jsonschema/Diagnostic.json, v0.21.0).
func TestRDJSONLSchema(t *testing.T) {
	s := machineSchema(t, "reviewdog-diagnostic.json")
	var buf bytes.Buffer
	run := machineRun(t)
	if err := RDJSONL(&buf, run); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	if len(lines) != len(run.Findings) {
		t.Fatalf("%d lines for %d findings", len(lines), len(run.Findings))
	}
	for i, line := range lines {
		machineValidate(t, s, run.Findings[i].Rule, line)
	}
	buf.Reset()
	if err := RDJSONL(&buf, &Run{}); err != nil || buf.Len() != 0 {
		t.Errorf("no findings wrote %q (%v), want nothing", buf.String(), err)
	}
}

// TestRDJSONLColumns pins the conversion to reviewdog's UTF-8 byte columns:
// on line 6, "Mentors juniors" starts at code point 28 but byte 32, after
// "ü" (2 bytes) and "🚀" (4 bytes).
func TestRDJSONLColumns(t *testing.T) {
	var buf bytes.Buffer
	run := machineRun(t)
	if err := RDJSONL(&buf, run); err != nil {
		t.Fatal(err)
	}
	var ds []rdDiagnostic
	dec := json.NewDecoder(&buf)
	for dec.More() {
		var d rdDiagnostic
		if err := dec.Decode(&d); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	rel := ds[3].RelatedLocations[0].Location.Range
	if rel.Start != (rdPosition{6, 32}) || *rel.End != (rdPosition{6, 47}) {
		t.Errorf("related range = %+v..%+v, want 6:32..6:47", rel.Start, *rel.End)
	}
	if got := ds[3].Location.Range; got.Start != (rdPosition{7, 26}) || *got.End != (rdPosition{7, 41}) {
		t.Errorf("ASCII-only line: range = %+v..%+v, want 7:26..7:41", got.Start, *got.End)
	}
	if ds[4].Location.Range != nil {
		t.Errorf("a finding without a range got %+v", ds[4].Location.Range)
	}
	for i, d := range ds {
		f := run.Findings[i]
		if d.Code.Value != f.Rule || d.Source.Name != "ladderlint" || d.Location.Path != f.File || d.Message != f.Message {
			t.Errorf("diagnostic %d = %+v, finding %+v", i, d, f)
		}
	}
	for sev, want := range map[finding.Severity]string{finding.Error: "ERROR", finding.Warning: "WARNING", finding.Info: "INFO"} {
		if got := rdSeverity(sev); got != want {
			t.Errorf("rdSeverity(%s) = %s, want %s", sev, got, want)
		}
	}
}

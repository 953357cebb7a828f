package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/finding"
)

func TestSARIFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := SARIF(&buf, machineRun(t)); err != nil {
		t.Fatal(err)
	}
	machineGolden(t, "findings.sarif", buf.Bytes())
}

// TestSARIFSchema validates the output against the public SARIF 2.1.0
// schema (OASIS, via SchemaStore), loaded unchanged: gojsonschema reads its
// draft-07 $schema and resolves its $id-relative $refs without fetching.
func TestSARIFSchema(t *testing.T) {
	s := machineSchema(t, "sarif-2.1.0.json")
	for name, run := range map[string]*Run{"findings": machineRun(t), "no findings": {Files: 3, Rules: check.Catalogue()}} {
		var buf bytes.Buffer
		if err := SARIF(&buf, run); err != nil {
			t.Fatal(err)
		}
		machineValidate(t, s, name, buf.Bytes())
	}
	// The schema is not vacuous: it rejects what a broken reporter could write.
	for name, bad := range map[string]string{
		"result without a message": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"x"}]}]}`,
		"level info":               `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"level":"info","message":{"text":"m"}}]}]}`,
		"line 0":                   `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}`,
		"column kind bytes":        `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"columnKind":"bytes"}]}`,
	} {
		res, err := s.Validate(gojsonschema.NewStringLoader(bad))
		if err != nil || res.Valid() {
			t.Errorf("the SARIF schema accepts a %s (%v); is it the real schema?", name, err)
		}
	}
}

// TestSARIFRules checks tool.driver lists every rule, in check.Rules order,
// with its summary and help, and that every ruleIndex points at its rule.
func TestSARIFRules(t *testing.T) {
	var buf bytes.Buffer
	if err := SARIF(&buf, machineRun(t)); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != len(check.Rules) {
		t.Fatalf("driver has %d rules, check.Rules %d", len(rules), len(check.Rules))
	}
	for i, r := range check.Rules {
		got := rules[i]
		if got.ID != r.ID() || got.ShortDescription.Text != r.Summary() || got.Help.Text != r.Help() || got.FullDescription.Text != r.Help() {
			t.Errorf("rule %d = %+v, want %s with its summary and help", i, got, r.ID())
		}
		if got.Help.Text == "" || got.ShortDescription.Text == "" {
			t.Errorf("rule %s has no summary or help", r.ID())
		}
	}
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d (%s)", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
	}
}

// TestSARIFUnknownRule: a finding of a rule not in check.Rules is a bug,
// reported as an error rather than as a dangling ruleIndex.
func TestSARIFUnknownRule(t *testing.T) {
	run := &Run{Findings: []finding.Finding{{Rule: "no-such-rule", Severity: finding.Error, File: "a.md", Message: "x"}}}
	if err := SARIF(&bytes.Buffer{}, run); err == nil {
		t.Error("no error for an unknown rule")
	}
}

// TestFingerprints pins what partialFingerprints depend on.
func TestFingerprints(t *testing.T) {
	base := machineRun(t).Findings[2] // duplicate-level with a related location
	fp := func(fs ...finding.Finding) []string { return fingerprints(fs) }
	want := fp(base)[0]
	if len(want) != 32 {
		t.Errorf("fingerprint %q is not 32 hex digits", want)
	}

	moved := base
	moved.Range.Start.Line += 7
	moved.Range.End.Line += 7
	moved.Range.Start.Column += 2
	moved.Related = nil
	if got := fp(moved)[0]; got != want {
		t.Errorf("moving the finding (an edit above it) changed the fingerprint")
	}
	resev := base
	resev.Severity = finding.Error
	if got := fp(resev)[0]; got != want {
		t.Errorf("changing the severity in the configuration changed the fingerprint")
	}
	other := machineRun(t).Findings[0]
	if got := fp(other, base)[1]; got != want {
		t.Errorf("an unrelated finding before it changed the fingerprint")
	}

	for name, change := range map[string]func(*finding.Finding){
		"rule":     func(f *finding.Finding) { f.Rule = "level-gap" },
		"file":     func(f *finding.Finding) { f.File = "other.md" },
		"ladder":   func(f *finding.Finding) { f.Ladder = "Management ladder" },
		"level":    func(f *finding.Finding) { f.Level = "IC4" },
		"category": func(f *finding.Finding) { f.Category = "Delivery" },
		"message":  func(f *finding.Finding) { f.Message = `level "IC4" appears twice in this ladder` },
	} {
		f := base
		change(&f)
		if fp(f)[0] == want {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}

	twice := fp(base, moved)
	if twice[0] != want || twice[1] == want {
		t.Errorf("two findings alike must get distinct fingerprints, the first unchanged: %q", twice)
	}
}

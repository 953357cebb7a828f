package check

import (
	"fmt"
	"sort"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Checker runs every enabled rule. It is built once per run (schemas are
// compiled once) and is safe for concurrent use.
type Checker struct {
	cfg   *config.Config
	areas []ladder.Area
	sev   map[string]finding.Severity // configured severities; absent = default
	off   map[string]bool
	// schemas are the compiled parts of the effective JSON Schema, by the
	// id of the rule that owns each (see schema.go).
	schemas map[string][]*gojsonschema.Schema
}

// New prepares a Checker for cfg. Unknown rule ids and unusable schemas are
// configuration errors.
func New(cfg *config.Config) (*Checker, error) {
	c := &Checker{cfg: cfg, sev: map[string]finding.Severity{}, off: map[string]bool{}}
	for id, s := range cfg.Rules {
		if Lookup(id) == nil {
			return nil, &config.Error{Path: cfg.Path, Line: cfg.Lines["rules."+id],
				Msg: fmt.Sprintf("unknown rule %q%s", id, unknownRuleHint(id))}
		}
		if s == "off" {
			c.off[id] = true
			continue
		}
		c.sev[id], _ = finding.ParseSeverity(s)
	}
	for _, a := range cfg.Areas {
		c.areas = append(c.areas, ladder.Area{Name: a.Name, Terms: a.Terms})
	}
	s, err := compileSchemas(cfg)
	if err != nil {
		return nil, err
	}
	c.schemas = s
	return c, nil
}

// Areas are the configured areas, for building ladder documents.
func (c *Checker) Areas() []ladder.Area { return c.areas }

func (c *Checker) severity(r Rule) finding.Severity {
	if s, ok := c.sev[r.ID()]; ok {
		return s
	}
	return r.Default()
}

// Enabled reports whether rule id is not turned off.
func (c *Checker) Enabled(id string) bool { return !c.off[id] }

// Result is what checking the ladders of one file gives.
type Result struct {
	// Findings are sorted.
	Findings []finding.Finding
	// Documents are the ladders' JSON documents (what `extract` prints),
	// Documents[i] that of the i-th ladder checked.
	Documents []ladder.Document
	ladders   []*ladder.Ladder
}

// DocumentsOf returns the documents of ls, some of the ladders checked, in
// the order of ls.
func (r *Result) DocumentsOf(ls []*ladder.Ladder) []ladder.Document {
	out := make([]ladder.Document, 0, len(ls))
	for _, l := range ls {
		for i, checked := range r.ladders {
			if checked == l {
				out = append(out, r.Documents[i])
				break
			}
		}
	}
	return out
}

// Run checks the ladders of one file and returns the findings sorted.
func (c *Checker) Run(f *source.File, ladders []*ladder.Ladder) []finding.Finding {
	return c.Check(f, ladders).Findings
}

// Check checks the ladders of one file, building each ladder's document
// once: for the rules, and for the caller.
func (c *Checker) Check(f *source.File, ladders []*ladder.Ladder) Result {
	res := Result{Documents: make([]ladder.Document, 0, len(ladders)), ladders: ladders}
	for _, l := range ladders {
		doc, spans := l.Build(f, c.areas)
		ctx := &Context{File: f, Document: doc, Spans: spans, checker: c, ladder: l, out: &res.Findings}
		for _, r := range Rules {
			lr, ok := r.(LadderRule)
			if !ok || c.off[r.ID()] {
				continue
			}
			ctx.rule = r
			lr.Check(ctx, l)
		}
		res.Documents = append(res.Documents, doc)
	}
	out := res.Findings
	sort.SliceStable(out, func(i, j int) bool { return finding.Less(&out[i], &out[j]) })
	return res
}

// unknownRuleHint is "did you mean" for a rule id one typo away, else a
// pointer to `ladderlint rules`.
func unknownRuleHint(id string) string {
	if dym := config.DidYouMean(id, RuleIDs()); dym != "" {
		return dym
	}
	return " (`ladderlint rules` lists them)"
}

// RuleIDs are the ids of every rule, in documentation order.
func RuleIDs() []string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID()
	}
	return ids
}

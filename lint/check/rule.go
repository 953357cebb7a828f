package check

import (
	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Rule is one check. Each rule lives in its own file rule_<id>.go, has
// fixtures in testdata/rules/<id>/ and is listed in Rules.
type Rule interface {
	// ID is the stable name users put in config and suppressions.
	ID() string
	// Default is the severity when the configuration does not set one.
	Default() Severity
	// Summary is one line for rule lists; Help explains why and how to fix.
	Summary() string
	Help() string
	// Check reports the rule's findings for one ladder.
	Check(c *Context, l *ladder.Ladder)
}

// Rules is every rule, in the order `ladderlint rules` lists them.
var Rules = []Rule{
	LevelGap{},
	DuplicateLevel{},
	LevelOrder{},
	EmptyCell{},
	Placeholder{},
	MissingCategory{},
	MissingArea{},
	TableShape{},
	DuplicateText{},
	AnchorMismatch{},
	Schema{},
	Suppression{},
	LadderRemoved{},
	LevelRemoved{},
	LadderMissing{},
}

// Lookup returns the rule with id.
func Lookup(id string) Rule {
	for _, r := range Rules {
		if r.ID() == id {
			return r
		}
	}
	return nil
}

// Context is what a rule sees while it checks one ladder.
type Context struct {
	File *source.File
	// Document is the ladder's JSON document (with covered areas).
	Document ladder.Document
	checker  *Checker
	ladder   *ladder.Ladder
	rule     Rule
	out      *[]Finding
	results  map[*gojsonschema.Schema][]gojsonschema.ResultError
}

// Report adds a finding of the current rule at span.
func (c *Context) Report(span source.Span, level *ladder.Level, category, msg string) *Finding {
	return c.ReportSeverity(c.checker.severity(c.rule), span, level, category, msg)
}

// ReportSeverity is Report with an explicit severity (for softer variants).
func (c *Context) ReportSeverity(sev Severity, span source.Span, level *ladder.Level, category, msg string) *Finding {
	f := Finding{Rule: c.rule.ID(), Severity: sev, File: c.File.Path, Range: c.File.SpanRange(span),
		Message: msg, Ladder: c.ladder.Name, Category: category}
	if level != nil {
		f.Level = level.Code
	}
	*c.out = append(*c.out, f)
	return &(*c.out)[len(*c.out)-1]
}

// Relate adds a secondary location to f.
func (c *Context) Relate(f *Finding, span source.Span, msg string) {
	f.Related = append(f.Related, Related{Range: c.File.SpanRange(span), Message: msg})
}

package check

import (
	"path/filepath"
	"reflect"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Rule is one check. Each rule lives in its own file rule_<id>.go, has
// fixtures in testdata/rules/<id>/ and is listed in Rules. It implements
// the hooks it needs: LadderRule (one ladder), PageRule (a whole page),
// BaseRule (a page against its base version), DirectiveRule (a page's
// suppression comments, after the suppression stage).
type Rule interface {
	// ID is the stable name users put in config and suppressions.
	ID() string
	// Default is the severity when the configuration does not set one.
	Default() finding.Severity
	// Summary is one line for rule lists; Help explains why and how to fix.
	Summary() string
	Help() string
}

// LadderRule is a rule that checks one ladder at a time.
type LadderRule interface {
	Rule
	// Check reports the rule's findings for one ladder.
	Check(c *Context, l *ladder.Ladder)
}

// Rules is every rule, in the order `ladderlint rules` lists them.
var Rules = []Rule{
	LevelGap{},
	DuplicateLevel{},
	LevelOrder{},
	UnknownLevel{},
	EmptyCell{},
	Placeholder{},
	MissingCategory{},
	CategorySpelling{},
	MissingArea{},
	TableShape{},
	FrontMatter{},
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

// Catalogue describes every rule, in Rules order, for reporters.
func Catalogue() finding.Catalogue {
	out := make(finding.Catalogue, len(Rules))
	for i, r := range Rules {
		out[i] = finding.Rule{ID: r.ID(), Name: reflect.TypeOf(r).Name(), Default: r.Default(), Summary: r.Summary(), Help: r.Help()}
	}
	return out
}

// Context is what a rule sees while it checks one ladder.
type Context struct {
	File *source.File
	// Document is the ladder's JSON document (with covered areas), and
	// Spans where each of its values was read from.
	Document ladder.Document
	Spans    *ladder.Spans
	checker  *Checker
	ladder   *ladder.Ladder
	rule     Rule
	out      *[]finding.Finding
	doc      any // Document as generic JSON, once a schema needs it
}

// Report adds a finding of the current rule at span, in the page of level
// when the level has its own (a ladder stored one level per file), else in
// the ladder's page.
func (c *Context) Report(span source.Span, level *ladder.Level, category, msg string) *finding.Finding {
	return c.ReportSeverity(c.checker.severity(c.rule), span, level, category, msg)
}

// ReportSeverity is Report with an explicit severity (for softer variants).
func (c *Context) ReportSeverity(sev finding.Severity, span source.Span, level *ladder.Level, category, msg string) *finding.Finding {
	return c.ReportIn(c.fileOf(level), sev, span, level, category, msg)
}

// ReportIn is ReportSeverity at a span of file f (an index page).
func (c *Context) ReportIn(f *source.File, sev finding.Severity, span source.Span, level *ladder.Level, category, msg string) *finding.Finding {
	fd := finding.Finding{Rule: c.rule.ID(), Severity: sev, File: f.Path, Range: f.SpanRange(span),
		Message: msg, Ladder: c.ladder.Name, Category: category}
	if level != nil {
		fd.Level = level.Code
	}
	*c.out = append(*c.out, fd)
	return &(*c.out)[len(*c.out)-1]
}

// fileOf is the page level was read from.
func (c *Context) fileOf(level *ladder.Level) *source.File {
	if level != nil && level.File != nil {
		return level.File
	}
	return c.File
}

// Relate adds a secondary location to f, in the ladder's page.
func (c *Context) Relate(f *finding.Finding, span source.Span, msg string) {
	f.Related = append(f.Related, finding.Related{Range: c.File.SpanRange(span), Message: msg})
}

// RelateLevel adds a secondary location in the page of level. When that is
// not the finding's page, Related.File names it and the message says where.
func (c *Context) RelateLevel(f *finding.Finding, level *ladder.Level, span source.Span, msg string) {
	lf := c.fileOf(level)
	r := finding.Related{Range: lf.SpanRange(span), Message: msg}
	if lf.Path != f.File {
		r.File = lf.Path
		r.Message += " (in " + lf.Path + ")"
	}
	f.Related = append(f.Related, r)
}

// configName names the configuration file in messages.
func (c *Context) configName() string {
	if p := c.checker.cfg.Path; p != "" {
		return filepath.Base(p)
	}
	return "the configuration"
}

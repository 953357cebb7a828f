// Package finding is what every stage says and every reporter prints: a
// finding (rule, severity, the exact range, a one-line message, related
// places) and the catalogue of rules. It depends on nothing of the
// pipeline but lint/source, so reporters never import the checker.
package finding

import (
	"fmt"
	"strings"

	"github.com/ladderlint/ladderlint/lint/source"
)

// Severity ranks findings. The zero value is invalid so a forgotten
// severity is caught.
type Severity int

// Severities, lowest first.
const (
	Invalid Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "invalid"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch strings.ToLower(s) {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return Invalid, false
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, ok := ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = v
	return nil
}

// Finding is one problem in a ladder.
type Finding struct {
	Rule     string
	Severity Severity
	// File is slash-separated, relative to the directory ladderlint ran in.
	File string
	// Range is exactly the bad thing: a cell, a level label.
	Range source.Range
	// Message is one line: lowercase start, no final period, user text quoted.
	Message string
	// Ladder, Level and Category name where the finding is, when known.
	Ladder, Level, Category string
	// Related points at other places that explain the finding ("first defined here").
	Related []Related
}

// Related is a secondary location of a finding.
type Related struct {
	Range   source.Range
	Message string
	// File is set when the location is in another page than the finding
	// (a ladder stored one level per file).
	File string `json:",omitempty"`
}

// Less orders findings by file, line, column, rule.
func Less(a, b *Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Range.Start.Line != b.Range.Start.Line {
		return a.Range.Start.Line < b.Range.Start.Line
	}
	if a.Range.Start.Column != b.Range.Start.Column {
		return a.Range.Start.Column < b.Range.Start.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Message < b.Message
}

// Rule describes a rule for people and for SARIF's tool.driver: what
// reporters need of a rule, without its logic.
type Rule struct {
	// ID is the stable name users put in configuration and suppressions;
	// Name is the rule's Go type name (SARIF's rule name).
	ID, Name string
	Default  Severity
	// Summary is one line; Help explains why and how to fix.
	Summary, Help string
}

// Catalogue is every rule, in documentation order.
type Catalogue []Rule

// Lookup returns the rule with id, or nil.
func (c Catalogue) Lookup(id string) *Rule {
	for i := range c {
		if c[i].ID == id {
			return &c[i]
		}
	}
	return nil
}

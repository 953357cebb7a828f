// Package report is the last stage: it writes findings for people (text with
// snippets) and machines (JSON). Reporters never run the linter; they take
// findings and the sources that have them.
package report

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// Run is what a reporter reports on.
type Run struct {
	Files, Ladders int
	Findings       []finding.Finding
	// Quotes are the source lines the findings point at, for snippets.
	Quotes Quotes
	// Unreadable counts the files that could not be linted (reported apart).
	Unreadable int
	// Suppressed counts the findings that ladderlint-disable comments hid.
	Suppressed int
	// Rules is the catalogue of rules (titles of annotations, SARIF's
	// tool.driver).
	Rules finding.Catalogue
	// Config is the configuration file used, as the user would name it
	// ("" when the built-in defaults were used).
	Config string
}

// Counts returns the number of findings per severity.
func (r *Run) Counts() (errors, warnings, infos int) {
	for _, f := range r.Findings {
		switch f.Severity {
		case finding.Error:
			errors++
		case finding.Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// Safe makes untrusted text (handbook cells, file names) harmless on one
// output line: control characters, line breaks and invisible format
// characters (bidi overrides, zero-width, BOM) become visible \u{XXXX}
// escapes, and "##[" (the runner's legacy command marker) is broken up.
func Safe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == unicode.ReplacementChar, unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.ReplaceAll(b.String(), "##[", `#\u{0023}[`)
}

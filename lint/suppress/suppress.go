// Package suppress is the stage after the checks: it reads a page's
// suppression comments and drops the findings they cover, recording which
// comment suppressed what. What is wrong with a comment (an unknown rule, a
// missing reason, nothing suppressed) is the "suppression" rule's to say
// (lint/check/rule_suppression.go), from what Apply records.
//
//	<!-- ladderlint-disable RULE[,RULE] -- reason -->      until ladderlint-enable or the end of the page
//	<!-- ladderlint-enable [RULE,...] -->
//	<!-- ladderlint-disable-next-line RULE -- reason -->   the line after the comment
//	<!-- ladderlint-disable-file RULE -- reason -->        the whole page
//
// No rule names means every rule.
package suppress

import (
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Directive is one suppression comment and what it suppressed.
type Directive struct {
	// Kind is disable, enable, disable-next-line or disable-file.
	Kind   string
	Rules  []string
	Reason string
	Span   source.Span
	// From and To are the 1-based lines of the comment.
	From, To int
	// Row is the HTML table row after the comment, when it stands between
	// rows: disable-next-line covers that whole row.
	Row source.Span
	// Used records which rules it suppressed ("" when it names none).
	Used map[string]bool
}

var directiveRe = regexp.MustCompile(`^\s*ladderlint-(disable-next-line|disable-file|disable|enable)\b(.*)$`)

// Parse reads the suppression comments of a page.
func Parse(page *markdown.Page) []*Directive {
	f := page.File
	var out []*Directive
	for _, c := range page.Comments {
		m := directiveRe.FindStringSubmatch(c.Value)
		if m == nil {
			continue
		}
		names, reason, _ := strings.Cut(m[2], "--")
		d := &Directive{Kind: m[1], Reason: strings.TrimSpace(reason), Span: c.Span,
			From: f.Pos(c.Span.Start).Line, To: f.Pos(c.Span.End).Line, Row: page.RowAfter[c.Span.Start]}
		d.Rules = append(d.Rules, strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })...)
		out = append(out, d)
	}
	return out
}

// Matches reports whether d names rule (or names none: every rule).
func (d *Directive) Matches(rule string) bool {
	if len(d.Rules) == 0 {
		return true
	}
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}

// Apply drops the findings that the page's directives cover and returns
// the others, how many were dropped, and the directives with what each
// suppressed.
func Apply(page *markdown.Page, findings []finding.Finding) (kept []finding.Finding, suppressed int, ds []*Directive) {
	ds = Parse(page)
	if len(ds) == 0 {
		return findings, 0, nil
	}
	kept = findings[:0:0]
	for _, fd := range findings {
		d := covering(ds, fd)
		if d == nil {
			kept = append(kept, fd)
			continue
		}
		suppressed++
		if d.Used == nil {
			d.Used = map[string]bool{}
		}
		if len(d.Rules) == 0 {
			d.Used[""] = true
		} else {
			d.Used[fd.Rule] = true
		}
	}
	return kept, suppressed, ds
}

// covering returns the directive that suppresses fd, if any.
func covering(ds []*Directive, fd finding.Finding) *Directive {
	line := fd.Range.Start.Line
	var active *Directive
	for _, d := range ds {
		if !d.Matches(fd.Rule) {
			continue
		}
		switch d.Kind {
		case "disable-file":
			return d
		case "disable-next-line":
			off := fd.Range.Start.Offset
			if line == d.To+1 || d.Row.End > 0 && off >= d.Row.Start && off < d.Row.End {
				return d
			}
		case "disable":
			if d.To < line || d.From == line {
				active = d
			}
		case "enable":
			if d.To < line && active != nil {
				active = nil
			}
		}
	}
	return active
}

package check

import (
	"fmt"
	"strings"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/suppress"
)

// Suppression reports suppression comments that are wrong: an unknown rule
// name, a missing reason (when `suppressions.require-reason` is set), or a
// comment that suppresses nothing. It runs after the suppression stage
// (package suppress), on what that recorded.
type Suppression struct{}

func (Suppression) ID() string                { return "suppression" }
func (Suppression) Default() finding.Severity { return finding.Warning }
func (Suppression) Summary() string {
	return "a ladderlint-disable comment names an unknown rule, lacks a reason, or suppresses nothing"
}
func (Suppression) Help() string {
	return "Accept a known exception with <!-- ladderlint-disable-next-line RULE -- reason -->, " +
		"<!-- ladderlint-disable RULE -- reason --> … <!-- ladderlint-enable RULE -->, or <!-- ladderlint-disable-file RULE -- reason -->. " +
		"A comment that no longer suppresses anything is reported so that exceptions do not outlive the problem; " +
		"a disable-next-line one line too high is reported with the line to move it above."
}

// CheckDirectives reports the page's wrong directives; kept are the
// findings the directives left.
func (Suppression) CheckDirectives(c *PageContext, ds []*suppress.Directive, kept []finding.Finding) {
	f := c.File
	for _, d := range ds {
		if d.Kind == "enable" {
			continue
		}
		unknown := false
		for _, r := range d.Rules {
			if Lookup(r) == nil {
				unknown = true
				hint := "`ladderlint rules` lists them"
				if near := config.Suggest(r, RuleIDs()); near != "" {
					hint = fmt.Sprintf("did you mean %q?", near)
				}
				c.Report(d.Span, "", fmt.Sprintf("ladderlint-%s names the unknown rule %q (%s)", d.Kind, r, hint))
			}
		}
		switch {
		case unknown:
		case d.Reason == "" && c.Config.RequireReason:
			c.Report(d.Span, "", fmt.Sprintf("ladderlint-%s needs a reason: <!-- ladderlint-%s %s -- why this is fine -->", d.Kind, d.Kind, strings.Join(d.Rules, ",")))
		case len(d.Used) == 0:
			if fd := nextFinding(d, kept); d.Kind == "disable-next-line" && fd != nil {
				line := fd.Range.Start.Line
				if t := pipeTableAt(c.Page, fd.Range.Start.Offset); t != nil && f.Pos(t.Span.Start).Line < line {
					// A comment between pipe rows would end the table.
					c.Report(d.Span, "", fmt.Sprintf("ladderlint-disable-next-line covers line %d only, where nothing is reported; "+
						"a comment inside a pipe table ends the table, so to suppress the finding on line %d put "+
						"ladderlint-disable %s above line %d and ladderlint-enable %s below the table", d.To+1, line, fd.Rule,
						f.Pos(t.Span.Start).Line, fd.Rule))
					break
				}
				c.Report(d.Span, "", fmt.Sprintf("ladderlint-disable-next-line covers line %d only, where nothing is reported; "+
					"to suppress the finding on line %d, move it above line %d", d.To+1, line, line))
				break
			}
			c.Report(d.Span, "", fmt.Sprintf("ladderlint-%s suppresses nothing here; remove it", d.Kind))
		default:
			for _, r := range d.Rules {
				if !d.Used[r] {
					c.Report(d.Span, "", fmt.Sprintf("ladderlint-%s: %q suppresses nothing here; remove it from the list", d.Kind, r))
				}
			}
		}
	}
}

// nextFinding is the first unsuppressed finding of a rule d names after the
// line d covers (nil when none): where a misplaced disable-next-line was
// meant to go.
func nextFinding(d *suppress.Directive, kept []finding.Finding) *finding.Finding {
	var best *finding.Finding
	for i, fd := range kept {
		l := fd.Range.Start.Line
		if fd.Rule != (Suppression{}).ID() && d.Matches(fd.Rule) && l > d.To+1 && (best == nil || l < best.Range.Start.Line) {
			best = &kept[i]
		}
	}
	return best
}

// pipeTableAt is the pipe table holding byte offset off, or nil.
func pipeTableAt(page *markdown.Page, off int) *markdown.Table {
	for _, t := range page.Tables {
		if t.Kind == markdown.Pipe && off >= t.Span.Start && off < t.Span.End {
			return t
		}
	}
	return nil
}

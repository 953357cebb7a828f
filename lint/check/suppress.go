package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// directive is one suppression comment:
//
//	<!-- ladderlint-disable RULE[,RULE] -- reason -->      until ladderlint-enable or the end of the page
//	<!-- ladderlint-enable [RULE,...] -->
//	<!-- ladderlint-disable-next-line RULE -- reason -->   the line after the comment
//	<!-- ladderlint-disable-file RULE -- reason -->        the whole page
//
// No rule names means every rule.
type directive struct {
	kind     string
	rules    []string
	reason   string
	span     source.Span
	from, to int // 1-based lines of the comment
	// row is the HTML table row after the comment, when it stands between
	// rows: disable-next-line covers that whole row.
	row source.Span
	// used records which rules it suppressed ("" when it names none).
	used map[string]bool
}

var directiveRe = regexp.MustCompile(`^\s*ladderlint-(disable-next-line|disable-file|disable|enable)\b(.*)$`)

// parseDirectives reads the suppression comments of a page.
func parseDirectives(page *markdown.Page) []*directive {
	f := page.File
	var out []*directive
	for _, c := range page.Comments {
		m := directiveRe.FindStringSubmatch(c.Value)
		if m == nil {
			continue
		}
		names, reason, _ := strings.Cut(m[2], "--")
		d := &directive{kind: m[1], reason: strings.TrimSpace(reason), span: c.Span,
			from: f.Pos(c.Span.Start).Line, to: f.Pos(c.Span.End).Line, row: page.RowAfter[c.Span.Start]}
		d.rules = append(d.rules, strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })...)
		out = append(out, d)
	}
	return out
}

func (d *directive) matches(rule string) bool {
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == rule {
			return true
		}
	}
	return false
}

// Suppress drops the findings that the page's suppression comments cover,
// and reports (as rule "suppression") directives that name unknown rules,
// lack a required reason, or suppress nothing.
func (c *Checker) Suppress(page *markdown.Page, findings []finding.Finding) []finding.Finding {
	kept, _ := c.SuppressCounted(page, findings)
	return kept
}

// SuppressCounted is Suppress that also says how many findings the
// comments suppressed (for the totals).
func (c *Checker) SuppressCounted(page *markdown.Page, findings []finding.Finding) (kept []finding.Finding, suppressed int) {
	f := page.File
	ds := parseDirectives(page)
	if len(ds) == 0 {
		return findings, 0
	}
	kept = findings[:0:0]
	for _, fd := range findings {
		if d := covering(ds, fd); d != nil {
			suppressed++
			if d.used == nil {
				d.used = map[string]bool{}
			}
			if len(d.rules) == 0 {
				d.used[""] = true
			} else {
				d.used[fd.Rule] = true
			}
			continue
		}
		kept = append(kept, fd)
	}
	if c.off[Suppression{}.ID()] {
		return kept, suppressed
	}
	ctx := &Context{File: f, checker: c, rule: Suppression{}, out: &kept}
	for _, d := range ds {
		if d.kind == "enable" {
			continue
		}
		unknown := false
		for _, r := range d.rules {
			if Lookup(r) == nil {
				unknown = true
				hint := "`ladderlint rules` lists them"
				if near := nearestRule(r); near != "" {
					hint = fmt.Sprintf("did you mean %q?", near)
				}
				ctx.report(d.span, fmt.Sprintf("ladderlint-%s names the unknown rule %q (%s)", d.kind, r, hint))
			}
		}
		switch {
		case unknown:
		case d.reason == "" && c.cfg.Suppressions.RequireReason:
			ctx.report(d.span, fmt.Sprintf("ladderlint-%s needs a reason: <!-- ladderlint-%s %s -- why this is fine -->", d.kind, d.kind, strings.Join(d.rules, ",")))
		case len(d.used) == 0:
			if fd := nextFinding(d, kept); d.kind == "disable-next-line" && fd != nil {
				line := fd.Range.Start.Line
				if t := pipeTableAt(page, fd.Range.Start.Offset); t != nil && f.Pos(t.Span.Start).Line < line {
					// A comment between pipe rows would end the table.
					ctx.report(d.span, fmt.Sprintf("ladderlint-disable-next-line covers line %d only, where nothing is reported; "+
						"a comment inside a pipe table ends the table, so to suppress the finding on line %d put "+
						"ladderlint-disable %s above line %d and ladderlint-enable %s below the table", d.to+1, line, fd.Rule,
						f.Pos(t.Span.Start).Line, fd.Rule))
					break
				}
				ctx.report(d.span, fmt.Sprintf("ladderlint-disable-next-line covers line %d only, where nothing is reported; "+
					"to suppress the finding on line %d, move it above line %d", d.to+1, line, line))
				break
			}
			ctx.report(d.span, fmt.Sprintf("ladderlint-%s suppresses nothing here; remove it", d.kind))
		default:
			for _, r := range d.rules {
				if !d.used[r] {
					ctx.report(d.span, fmt.Sprintf("ladderlint-%s: %q suppresses nothing here; remove it from the list", d.kind, r))
				}
			}
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return finding.Less(&kept[i], &kept[j]) })
	return kept, suppressed
}

// nextFinding is the first unsuppressed finding of a rule d names after the
// line d covers (nil when none): where a misplaced disable-next-line was
// meant to go.
func nextFinding(d *directive, kept []finding.Finding) *finding.Finding {
	var best *finding.Finding
	for i, fd := range kept {
		l := fd.Range.Start.Line
		if fd.Rule != (Suppression{}).ID() && d.matches(fd.Rule) && l > d.to+1 && (best == nil || l < best.Range.Start.Line) {
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

// nearestRule is the rule id within two edits of name, or "".
func nearestRule(name string) string {
	best, bestD := "", 3
	for _, r := range Rules {
		if d := editDistance(name, r.ID()); d < bestD {
			best, bestD = r.ID(), d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// covering returns the directive that suppresses fd, if any.
func covering(ds []*directive, fd finding.Finding) *directive {
	line := fd.Range.Start.Line
	var active *directive
	for _, d := range ds {
		if !d.matches(fd.Rule) {
			continue
		}
		switch d.kind {
		case "disable-file":
			return d
		case "disable-next-line":
			off := fd.Range.Start.Offset
			if line == d.to+1 || d.row.End > 0 && off >= d.row.Start && off < d.row.End {
				return d
			}
		case "disable":
			if d.to < line || d.from == line {
				active = d
			}
		case "enable":
			if d.to < line && active != nil {
				active = nil
			}
		}
	}
	return active
}

// report adds a finding without a ladder (directives belong to the page).
func (c *Context) report(span source.Span, msg string) {
	*c.out = append(*c.out, finding.Finding{Rule: c.rule.ID(), Severity: c.checker.severity(c.rule), File: c.File.Path,
		Range: c.File.SpanRange(span), Message: msg})
}

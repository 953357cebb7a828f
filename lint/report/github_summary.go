package report

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// GitHubSummaryLimit is the largest job summary the runner uploads, in
// bytes; a larger one is dropped entirely (contract §3.3).
const GitHubSummaryLimit = 1 << 20

// SummaryOptions say what a job summary shows besides the findings.
type SummaryOptions struct {
	// Documents are the ladders, for the coverage matrices.
	Documents []ladder.Document
	// Areas are the configured areas of expectation, in order.
	Areas []string
	// FailLevel is error, warning or never; Failed says whether the run fails.
	FailLevel string
	Failed    bool
	// BlobURL, when set, prefixes "path#Lline" to link a location
	// (e.g. "https://github.com/o/r/blob/<sha>/").
	BlobURL string
	// Workspace makes absolute file names relative (see WorkspacePath).
	Workspace string
	// Limit is the largest summary in bytes, trailing newline included
	// (0 = GitHubSummaryLimit).
	Limit int
	// SkippedFiles and SkippedLadders are what changed-since left out.
	SkippedFiles, SkippedLadders int
	// Changes is the "Ladder changes" section (markdown rendered by package
	// diff, already bounded), shown on pull requests before the coverage.
	Changes string
}

// Coverage marks, one per cell of a coverage matrix.
const (
	markFilled      = "✅"
	markEmpty       = "⬜ empty"
	markPlaceholder = "🚧 placeholder"
	markMissing     = "❌ missing"
)

// GitHubSummary renders the job summary as GitHub-flavoured markdown:
// totals, a coverage matrix per ladder (levels × categories and areas),
// then every finding with a link to its line. Handbook text appears only
// through mdText, so it cannot break a table or form markup. When the
// summary would exceed the limit it stops at a whole line and ends with a
// truncation note; the result plus one newline fits in the limit.
func GitHubSummary(r *Run, o SummaryOptions) string {
	limit := o.Limit
	if limit == 0 {
		limit = GitHubSummaryLimit
	}
	s := &summary{limit: limit - 1 - 512} // room for the newline and the note
	e, w, n := r.Counts()
	verdict := "passes"
	if o.Failed {
		verdict = "fails"
	}
	s.add(fmt.Sprintf("## ladderlint: %s\n\n", mdText(Totals(r))))
	s.add(fmt.Sprintf("| errors | warnings | notes | ladders | files |\n|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d |\n\n",
		e, w, n, r.Ladders, r.Files))
	s.add(fmt.Sprintf("The check %s (fail level: `%s`).\n\n", verdict, o.FailLevel)) // FailLevel is validated: error, warning or never
	if o.SkippedFiles+o.SkippedLadders > 0 {
		s.add(fmt.Sprintf("Only the ladders this change touches were checked; skipped: %s, and %s on changed pages.\n\n",
			plural(o.SkippedFiles, "unchanged file"), plural(o.SkippedLadders, "untouched ladder")))
	}

	if o.Changes != "" {
		s.add(o.Changes + "\n")
	}
	if len(o.Documents) > 0 {
		s.add("### Coverage\n\n")
		s.add(fmt.Sprintf("Marks: %s filled · %s · %s · %s (no cell for the category, or no term of the area).\n\n",
			markFilled, markEmpty, markPlaceholder, markMissing))
		for _, d := range o.Documents {
			coverage(s, d, o)
		}
	}

	s.add("### Findings\n\n")
	if len(r.Findings) == 0 {
		s.add("No findings.\n")
	} else {
		s.add("| | location | rule | message |\n|---|---|---|---|\n")
		for _, f := range r.Findings {
			if !s.add(fmt.Sprintf("| %s | %s | `%s` | %s |\n", severityMark(f.Severity), location(f, o), f.Rule, mdText(f.Message))) {
				break
			}
			s.findings++
		}
	}
	if s.full {
		s.b.WriteString(fmt.Sprintf("\n\n**Summary truncated:** the job summary holds at most 1 MiB; %d of %d findings are shown here. "+
			"The step log lists them all; run `ladderlint` locally to see them with the source lines.\n", s.findings, len(r.Findings)))
	}
	return s.b.String()
}

// summary is a markdown builder that stops growing at its limit.
type summary struct {
	b        strings.Builder
	limit    int
	full     bool
	findings int
}

// add appends text unless it would pass the limit; then it marks the
// summary full and drops everything after.
func (s *summary) add(text string) bool {
	if s.full || s.b.Len()+len(text) > s.limit {
		s.full = true
		return false
	}
	s.b.WriteString(text)
	return true
}

// coverage adds d's matrix: one row per level, one column per category
// and per configured area.
func coverage(s *summary, d ladder.Document, o SummaryOptions) {
	name := d.Name
	if name == "" {
		name = "ladder"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#### %s — %s\n\n| level |", mdText(name), mdLink(WorkspacePath(d.File, o.Workspace), d.Line, o))
	for _, c := range d.Categories {
		fmt.Fprintf(&b, " %s |", mdText(c))
	}
	for _, a := range o.Areas {
		fmt.Fprintf(&b, " area: %s |", mdText(a))
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(d.Categories)+len(o.Areas)) + "\n")
	for _, lv := range d.Levels {
		fmt.Fprintf(&b, "| %s |", mdText(lv.Label))
		for _, c := range d.Categories {
			fmt.Fprintf(&b, " %s |", cellMark(lv, c))
		}
		for _, a := range o.Areas {
			switch {
			case lv.Placeholder:
				b.WriteString(" " + markPlaceholder + " |")
			case lv.Areas[a]:
				b.WriteString(" " + markFilled + " |")
			default:
				b.WriteString(" " + markMissing + " |")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	s.add(b.String())
}

// cellMark says whether level lv has a filled, empty, placeholder or no
// cell for category c.
func cellMark(lv ladder.LevelDocument, c string) string {
	for _, cell := range lv.Cells {
		if cell.Category != c {
			continue
		}
		switch {
		case cell.Empty:
			return markEmpty
		case cell.Placeholder != "":
			return markPlaceholder
		}
		return markFilled
	}
	if lv.Placeholder {
		return markPlaceholder
	}
	return markMissing
}

func severityMark(s check.Severity) string {
	switch s {
	case check.Error:
		return "❌ error"
	case check.Warning:
		return "⚠️ warning"
	}
	return "ℹ️ note"
}

// location is "path:line:col", linked to the line when BlobURL is set.
func location(f check.Finding, o SummaryOptions) string {
	p := WorkspacePath(f.File, o.Workspace)
	text := mdText(fmt.Sprintf("%s:%d:%d", p, f.Range.Start.Line, f.Range.Start.Column))
	if o.BlobURL == "" || f.Range.Start.Line <= 0 {
		return text
	}
	return fmt.Sprintf("[%s](%s%s#L%d)", text, o.BlobURL, escapePath(p), f.Range.Start.Line)
}

// mdLink is "path:line", linked like location.
func mdLink(p string, line int, o SummaryOptions) string {
	text := mdText(fmt.Sprintf("%s:%d", p, line))
	if o.BlobURL == "" {
		return text
	}
	return fmt.Sprintf("[%s](%s%s#L%d)", text, o.BlobURL, escapePath(p), line)
}

// escapePath percent-encodes each segment of a slash-separated path for a URL.
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// mdText makes untrusted text inert inside a markdown table cell: controls
// and format characters become visible \u{XXXX} (N4), line breaks become
// spaces, and the characters that start markdown or HTML are backslash-
// escaped, so "|" cannot end the cell, "<", "[", "*", "`", "$" cannot start
// markup, links or math, "@" no mention and ":" no autolink.
func mdText(s string) string {
	s = Visible(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\r' || r == '\n':
			b.WriteByte(' ')
		case r < 0x80 && strings.ContainsRune("\\`*_{}[]()<>#+!|~&@:$^", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

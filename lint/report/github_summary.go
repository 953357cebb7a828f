package report

import (
	"fmt"
	"html"
	"net/url"
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// GitHubSummaryLimit is the largest job summary the runner uploads, in
// bytes; a larger one is dropped entirely (contract §3.3).
const GitHubSummaryLimit = 1 << 20

// SummaryOptions say what a job summary shows besides the findings.
type SummaryOptions struct {
	// Coverage are the ladders, for the coverage matrices.
	Coverage []Coverage
	// Areas are the configured areas of expectation, in order.
	Areas []string
	// Categories are the configured required categories: one the ladder
	// lacks is a ❌ column of its matrix.
	Categories []string
	// FailLevel is error, warning or never; Failed says whether the run fails.
	FailLevel string
	Failed    bool
	// BlobURL, when set, prefixes "path?plain=1#Lline" to link a location
	// (e.g. "https://github.com/o/r/blob/<sha>/").
	BlobURL string
	// Workspace makes absolute file names relative (see WorkspacePath).
	Workspace string
	// Limit is the largest summary in bytes, trailing newline included
	// (0 = GitHubSummaryLimit).
	Limit int
	// SkippedFiles and SkippedLadders are what changed-since left out.
	SkippedFiles, SkippedLadders int
	// Changed, when set (changed-since), names the files the change
	// touches, slash-separated as findings name them: their findings are
	// listed before the others of the same severity.
	Changed map[string]bool
	// Changes is the "Ladder changes" section (markdown rendered by package
	// diff, already bounded), shown on pull requests after the findings
	// that fail the check and before the coverage.
	Changes string
}

// Coverage marks, one per cell of a coverage matrix. ❌ is only ever
// "missing"; a finding's severity has its own marks (severityMark).
const (
	markFilled      = "✅"
	markEmpty       = "⬜"
	markPlaceholder = "🚧"
	markMissing     = "❌"
)

// maxColumns is the widest matrix shown as levels × columns; a wider one
// with fewer levels than columns is transposed so that it fits the page.
const maxColumns = 6

// GitHubSummary renders the job summary as GitHub-flavoured markdown, in
// the order a reviewer acts on it: the verdict and totals; the errors, then
// the warnings (in changed files first); the ladder changes of a pull
// request; a coverage matrix per ladder (levels × categories with missing
// levels as ❌ rows and missing required categories as ❌ columns, then
// levels × areas); and last the info findings. Handbook text appears only
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
	verdict := "✅ passes"
	if o.Failed {
		verdict = "🛑 fails"
	}
	s.add(fmt.Sprintf("## ladderlint %s\n\n", verdict))
	s.add(fmt.Sprintf("| errors | warnings | info | suppressed | ladders | files |\n|---:|---:|---:|---:|---:|---:|\n| %d | %d | %d | %d | %d | %d |\n\n",
		e, w, n, r.Suppressed, r.Ladders, r.Files))
	s.add(fmt.Sprintf("The check %s at fail level `%s`.", strings.TrimLeft(verdict, "✅🛑 "), o.FailLevel)) // FailLevel is validated: error, warning or never
	if r.Config != "" {
		s.add(" Configuration: " + mdText(r.Config) + ".")
	}
	s.add("\n\n")
	if o.SkippedFiles+o.SkippedLadders > 0 {
		s.add(fmt.Sprintf("Only the ladders this change touches were checked; skipped: %s, and %s on changed pages.\n\n",
			plural(o.SkippedFiles, "unchanged file"), plural(o.SkippedLadders, "untouched ladder")))
	}

	ranked := rankFindings(r.Findings, o.Changed)
	s.add("### Findings\n\n")
	if e+w == 0 {
		if n == 0 {
			s.add("No findings.\n\n")
		} else {
			s.add(fmt.Sprintf("No errors or warnings (%d info below the coverage).\n\n", n))
		}
	} else {
		findingTable(s, ranked[:e+w], o)
	}
	if o.Changes != "" {
		s.add(o.Changes + "\n")
	}
	if len(o.Coverage) > 0 {
		s.add("### Coverage\n\n")
		s.add(fmt.Sprintf("%s written · %s empty · %s placeholder · %s missing (a level, a category, a cell, or every term of an area)\n\n",
			markFilled, markEmpty, markPlaceholder, markMissing))
		for _, d := range o.Coverage {
			coverage(s, d, r.Findings, o)
		}
	}
	if n > 0 {
		s.add("### Info\n\n")
		findingTable(s, ranked[e+w:], o)
	}
	if s.full {
		s.b.WriteString(fmt.Sprintf("\n\n**Summary truncated:** the job summary holds at most 1 MiB; %d of %d findings are shown here. "+
			"The step log lists them all; run `ladderlint` locally to see them with the source lines.\n", s.findings, len(r.Findings)))
	}
	return s.b.String()
}

// rankFindings orders findings by severity (errors first), then those in
// changed files before the others, keeping file, line order within.
func rankFindings(fs []finding.Finding, changed map[string]bool) []finding.Finding {
	out := append([]finding.Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		return changed[out[i].File] && !changed[out[j].File]
	})
	return out
}

// findingTable adds one row per finding, as long as the summary has room.
func findingTable(s *summary, fs []finding.Finding, o SummaryOptions) {
	s.add("| | where | problem | rule |\n|---|---|---|---|\n")
	for _, f := range fs {
		if !s.add(fmt.Sprintf("| %s | %s | %s | `%s` |\n", severityMark(f.Severity), location(f, o), mdText(f.Message), f.Rule)) {
			return
		}
		s.findings++
	}
	s.add("\n")
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

// matrix is a table of marks: one row per level (or gap), one column per
// category or area.
type matrix struct {
	corner string
	cols   []string
	rows   []matrixRow
}

type matrixRow struct {
	label string
	marks []string
	// note, when set, replaces the row's marks with one text (a missing
	// level, or a level that is only a placeholder).
	note string
}

// coverage adds d's matrices, folded into a <details> that is open when
// the ladder has anything missing.
func coverage(s *summary, d Coverage, findings []finding.Finding, o SummaryOptions) {
	name := d.Name
	if name == "" {
		name = "ladder"
	}
	cats := &matrix{corner: "level ╲ category"}
	for _, c := range d.Categories {
		cats.cols = append(cats.cols, htmlText(c))
	}
	var absent []string
	have := map[string]bool{}
	for _, c := range d.Categories {
		have[strings.ToLower(c)] = true
	}
	for _, c := range o.Categories {
		if !have[strings.ToLower(c)] {
			absent = append(absent, c)
			cats.cols = append(cats.cols, markMissing+" "+htmlText(c)+" (missing)")
		}
	}
	areas := &matrix{corner: "level ╲ area"}
	for _, a := range o.Areas {
		areas.cols = append(areas.cols, htmlText(a))
	}
	gaps := gapFindings(d, findings, o)
	problems := len(absent) + len(gaps)
	for _, lv := range d.Levels {
		if g, ok := gaps[lv.Line]; ok {
			note := markMissing + " " + htmlText(g)
			cats.rows = append(cats.rows, matrixRow{label: markMissing + " gap", note: note})
			areas.rows = append(areas.rows, matrixRow{label: markMissing + " gap", note: note})
		}
		label := htmlText(lv.Label)
		if lv.Placeholder {
			note := markPlaceholder + " placeholder"
			if lv.PlaceholderText != "" {
				note += ": " + htmlText(lv.PlaceholderText)
			}
			cats.rows = append(cats.rows, matrixRow{label: label, note: note})
			areas.rows = append(areas.rows, matrixRow{label: label, note: note})
			continue
		}
		var cm, am []string
		for _, c := range d.Categories {
			m := cellMark(lv, c)
			problems += btoi(m == markMissing)
			cm = append(cm, m)
		}
		for range absent {
			cm = append(cm, markMissing)
		}
		for _, a := range o.Areas {
			if lv.Areas[a] {
				am = append(am, markFilled)
			} else {
				am = append(am, markMissing)
				problems++
			}
		}
		cats.rows = append(cats.rows, matrixRow{label: label, marks: cm})
		areas.rows = append(areas.rows, matrixRow{label: label, marks: am})
	}
	unfinished := 0 // empty and placeholder cells, placeholder levels
	for _, r := range cats.rows {
		if r.note != "" && !strings.HasPrefix(r.note, markMissing) {
			unfinished++
		}
		for _, mk := range r.marks {
			unfinished += btoi(mk == markEmpty || mk == markPlaceholder)
		}
	}
	var b strings.Builder
	open := ""
	if problems+unfinished > 0 {
		open = " open"
	}
	fmt.Fprintf(&b, "<details%s><summary><strong>%s</strong> in %s — %s, %s", open, htmlText(name), htmlText(WorkspacePath(d.File, o.Workspace)),
		plural(len(d.Levels), "level"), strings.Replace(plural(len(d.Categories), "category"), "ys", "ies", 1))
	if problems > 0 {
		fmt.Fprintf(&b, ", %s %d missing", markMissing, problems)
	}
	if unfinished > 0 {
		fmt.Fprintf(&b, ", %s %d not written yet", markPlaceholder, unfinished)
	}
	// No blank line until </details>: the whole ladder is one HTML block,
	// where markdown is not read.
	b.WriteString("</summary>\n")
	fmt.Fprintf(&b, "<p>%s</p>\n", htmlLink(WorkspacePath(d.File, o.Workspace), d.Line, o))
	if len(cats.cols) > 0 {
		b.WriteString(cats.render("category ╲ level"))
	}
	if len(o.Areas) > 0 {
		b.WriteString(areas.render("area ╲ level"))
	}
	b.WriteString("</details>\n\n")
	s.add(b.String())
}

// render writes m as an HTML table (GitHub keeps table, th, td and
// colspan): levels as rows, or transposed (columns as rows) when m is
// wider than maxColumns and has fewer rows than columns. A note row (a
// missing level, a placeholder level) is one merged cell across the
// columns; transposed, it is a merged cell down the rows. Labels, columns
// and notes are already HTML-safe (htmlText).
func (m *matrix) render(what string) string {
	var b strings.Builder
	b.WriteString("<table>\n")
	if len(m.cols) > maxColumns && len(m.rows) < len(m.cols) {
		fmt.Fprintf(&b, "<tr><th>%s</th>", what)
		for _, r := range m.rows {
			fmt.Fprintf(&b, "<th>%s</th>", r.label)
		}
		b.WriteString("</tr>\n")
		for i, c := range m.cols {
			fmt.Fprintf(&b, "<tr><th align=\"left\">%s</th>", c)
			for _, r := range m.rows {
				switch {
				case r.note != "" && i == 0:
					fmt.Fprintf(&b, "<td rowspan=\"%d\">%s</td>", len(m.cols), r.note)
				case r.note != "":
				default:
					fmt.Fprintf(&b, "<td align=\"center\">%s</td>", r.marks[i])
				}
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
		return b.String()
	}
	fmt.Fprintf(&b, "<tr><th>%s</th>", m.corner)
	for _, c := range m.cols {
		fmt.Fprintf(&b, "<th>%s</th>", c)
	}
	b.WriteString("</tr>\n")
	for _, r := range m.rows {
		fmt.Fprintf(&b, "<tr><th align=\"left\">%s</th>", r.label)
		if r.note != "" {
			fmt.Fprintf(&b, "<td colspan=\"%d\">%s</td></tr>\n", max(1, len(m.cols)), r.note)
			continue
		}
		for _, mk := range r.marks {
			fmt.Fprintf(&b, "<td align=\"center\">%s</td>", mk)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

// gapFindings maps the line of each level of d that a level-gap finding
// points at (the level after the gap) to the finding's message.
func gapFindings(d Coverage, findings []finding.Finding, o SummaryOptions) map[int]string {
	out := map[int]string{}
	for _, f := range findings {
		if f.Rule == "level-gap" && f.File == d.File && f.Ladder == d.Name && f.Range.Start.Line >= d.Line && f.Range.Start.Line <= d.EndLine {
			out[f.Range.Start.Line] = f.Message
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cellMark says whether level lv has a filled, empty, placeholder or no
// cell for category c.
func cellMark(lv CoverageLevel, c string) string {
	switch lv.Cells[c] {
	case CellEmpty:
		return markEmpty
	case CellPlaceholder:
		return markPlaceholder
	case CellWritten:
		return markFilled
	}
	if lv.Placeholder {
		return markPlaceholder
	}
	return markMissing
}

func severityMark(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "🛑 error"
	case finding.Warning:
		return "⚠️ warning"
	}
	return "ℹ️ info"
}

// location is "path:line:col", linked to the line when BlobURL is set.
func location(f finding.Finding, o SummaryOptions) string {
	p := WorkspacePath(f.File, o.Workspace)
	text := mdText(fmt.Sprintf("%s:%d:%d", p, f.Range.Start.Line, f.Range.Start.Column))
	if o.BlobURL == "" || f.Range.Start.Line <= 0 {
		return text
	}
	return fmt.Sprintf("[%s](%s%s?plain=1#L%d)", text, o.BlobURL, escapePath(p), f.Range.Start.Line)
}

// htmlLink is "path:line" as an HTML link (inside <details>, an HTML block,
// markdown links are not read), linked like location.
func htmlLink(p string, line int, o SummaryOptions) string {
	text := htmlText(fmt.Sprintf("%s:%d", p, line))
	if o.BlobURL == "" {
		return text
	}
	return fmt.Sprintf("<a href=\"%s\">%s</a>", html.EscapeString(fmt.Sprintf("%s%s?plain=1#L%d", o.BlobURL, escapePath(p), line)), text)
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

// htmlText makes untrusted text inert inside an HTML block (a <summary>,
// where markdown escapes are not read): controls visible, line breaks as
// spaces, HTML escaped, and "@" and ":" as character references so that
// they form no mention, autolink or emoji code.
func htmlText(s string) string {
	s = html.EscapeString(lineBreaks.Replace(Visible(s)))
	return mentionMarks.Replace(s)
}

var (
	lineBreaks   = strings.NewReplacer("\r", " ", "\n", " ")
	mentionMarks = strings.NewReplacer("@", "&#64;", ":", "&#58;")
)

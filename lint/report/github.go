package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sethvargo/go-githubactions"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// Limits the GitHub Actions runner imposes on one step (see
// ../shared/spec/github-actions-contract.md §2.4 and §3.3).
const (
	// GitHubAnnotationCap is how many annotations of each type (error,
	// warning, notice) the runner keeps per step; later ones are dropped.
	GitHubAnnotationCap = 10
	// GitHubMessageLimit bounds an annotation's decoded message, in bytes
	// (the runner truncates at 4096 UTF-16 units).
	GitHubMessageLimit = 4000
	// GitHubTitleLimit bounds an annotation's title, in code points.
	GitHubTitleLimit = 255
)

// AnnotationOptions say where annotations point to.
type AnnotationOptions struct {
	// Workspace, when set, makes absolute file names relative to it.
	Workspace string
	// SeeAlso is where all findings are, for the overflow notice ("the job summary").
	SeeAlso string
	// ErrorsUsed is how many error annotations the step has already
	// written (tool errors); they count against the cap.
	ErrorsUsed int
}

// GitHubAnnotations writes one annotation per finding through a (whose
// writer is the step's stdout): errors first, then warnings, then notes,
// each in file, line, column order, at most GitHubAnnotationCap of each
// type. When findings are left out, the last notice slot says how many and
// where to see them.
//
// Handbook text only ever reaches the output as an escaped property value
// or as the data of an annotation (contract N2), after Visible (N4).
func GitHubAnnotations(a *githubactions.Action, r *Run, o AnnotationOptions) {
	workspace := o.Workspace
	ranked := make([]finding.Finding, len(r.Findings))
	copy(ranked, r.Findings)
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Severity > ranked[j].Severity })

	e, w, n := r.Counts()
	errorCap := max(0, GitHubAnnotationCap-o.ErrorsUsed)
	noteCap := GitHubAnnotationCap
	if e > errorCap || w > GitHubAnnotationCap || n > GitHubAnnotationCap {
		noteCap-- // the overflow notice takes the last notice slot
	}
	caps := map[finding.Severity]int{finding.Error: errorCap, finding.Warning: GitHubAnnotationCap, finding.Info: noteCap}
	left := map[finding.Severity]int{}
	for _, f := range ranked {
		if caps[f.Severity] == 0 {
			left[f.Severity]++
			continue
		}
		caps[f.Severity]--
		fa := a.WithFieldsMap(AnnotationFields(f, r.Rules, workspace))
		msg := AnnotationMessage(f.Message)
		switch f.Severity {
		case finding.Error:
			fa.Errorf("%s", msg)
		case finding.Warning:
			fa.Warningf("%s", msg)
		default:
			fa.Noticef("%s", msg)
		}
	}
	if total := left[finding.Error] + left[finding.Warning] + left[finding.Info]; total > 0 {
		var parts []string
		for _, s := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
			if left[s] > 0 {
				parts = append(parts, severityCount(left[s], s))
			}
		}
		a.WithFieldsMap(map[string]string{"title": "ladderlint: more findings"}).Noticef("%s",
			fmt.Sprintf("%s not annotated (%s; GitHub shows %d annotations of each type per step); see %s",
				plural(total, "more finding"), strings.Join(parts, ", "), GitHubAnnotationCap, o.SeeAlso))
	}
}

// AnnotationFields are the properties of f's annotation: file (relative,
// slash-separated), line, and endLine when the range spans lines, else col
// and endColumn (inclusive, as GitHub reads it). Empty and zero values are
// left out.
func AnnotationFields(f finding.Finding, rules finding.Catalogue, workspace string) map[string]string {
	m := map[string]string{"title": AnnotationTitle(f.Rule, rules)}
	if f.File != "" {
		m["file"] = WorkspacePath(f.File, workspace)
	}
	s, end := f.Range.Start, f.Range.End
	if s.Line <= 0 {
		return m
	}
	m["line"] = strconv.Itoa(s.Line)
	switch {
	case end.Line > s.Line:
		m["endLine"] = strconv.Itoa(end.Line)
	case s.Column > 0:
		m["col"] = strconv.Itoa(s.Column)
		if end.Line == s.Line && end.Column-1 > s.Column {
			m["endColumn"] = strconv.Itoa(end.Column - 1)
		}
	}
	return m
}

// AnnotationTitle names the rule: "ladderlint <rule-id>: <rule summary>"
// (the summary from rules), at most GitHubTitleLimit code points.
func AnnotationTitle(rule string, rules finding.Catalogue) string {
	t := "ladderlint " + rule
	if r := rules.Lookup(rule); r != nil {
		t += ": " + r.Summary
	}
	return truncate(Visible(t), GitHubTitleLimit*4, GitHubTitleLimit)
}

// AnnotationMessage is msg made visible (N4) and cut to GitHubMessageLimit bytes.
func AnnotationMessage(msg string) string {
	return truncate(Visible(msg), GitHubMessageLimit, -1)
}

// WorkspacePath makes an absolute path relative to workspace when it lies
// inside it, and always uses "/" without a leading "./".
func WorkspacePath(p, workspace string) string {
	if workspace != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(workspace, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	p = filepath.ToSlash(p)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}

// Visible replaces C0 and C1 control characters (except CR and LF, which
// annotation escaping encodes), format characters (Unicode Cf: bidi
// overrides, zero-width characters, BOM, soft hyphen), line and paragraph
// separators and invalid UTF-8 by the visible text \u{XXXX} (contract N4).
func Visible(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteString(`\u{FFFD}`)
		case r == '\n' || r == '\r':
			b.WriteRune(r)
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LogText renders untrusted text for a plain log line (contract N3) as
// the reader wrote it, not escaped: controls, format characters and line
// separators become visible \u{XXXX} (so the line has no CR or LF and no
// invisible character the runner's ICU comparison could skip), and a "#"
// is written as \u{0023} unless an ASCII character other than "#" or "["
// follows it, so no "##[" can form. Lines built with it start with the
// fixed prefix "ladderlint: ", so none starts with "::".
func LogText(s string) string {
	s = Visible(strings.ReplaceAll(s, "\t", " "))
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\r' || r == '\n':
			fmt.Fprintf(&b, `\u{%04X}`, r)
		case r == '#':
			next := s[i+1:]
			if next == "" || next[0] < 0x80 && next[0] >= 0x20 && next[0] != '#' && next[0] != '[' {
				b.WriteByte('#')
			} else {
				b.WriteString(`\u{0023}`)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// GitHubLog writes every finding as a plain line for the step log (the
// annotations show only the first few):
//
//	ladderlint: path:12:3: error: message [rule-id]
//
// Each line starts with "ladderlint: " and carries untrusted text only
// through LogText (contract N3).
func GitHubLog(w io.Writer, r *Run, workspace string) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "ladderlint: %s:%d:%d: %s: %s [%s]\n", LogText(WorkspacePath(f.File, workspace)),
			f.Range.Start.Line, f.Range.Start.Column, f.Severity, LogText(f.Message), f.Rule); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "ladderlint: %s\n", LogText(Totals(r)))
	return err
}

// Totals is the one-line count of a run: "1 error, 3 warnings, 0 info,
// 2 suppressed in 1 file (1 ladder); configuration: .ladderlint.yml", or
// "no problems in 1 file (1 ladder)". Suppressed findings are counted but
// not in the three severities; the configuration is named when a file was used.
func Totals(r *Run) string {
	e, w, n := r.Counts()
	sup := ""
	if r.Suppressed > 0 {
		sup = fmt.Sprintf(", %d suppressed", r.Suppressed)
	}
	var s string
	if len(r.Findings) == 0 {
		s = fmt.Sprintf("no problems in %s (%s)", plural(r.Files, "file"), plural(r.Ladders, "ladder"))
		if r.Suppressed > 0 {
			s += fmt.Sprintf("; %s suppressed", plural(r.Suppressed, "finding"))
		}
	} else {
		s = fmt.Sprintf("%s, %s, %d info%s in %s (%s)", plural(e, "error"), plural(w, "warning"), n, sup,
			plural(r.Files, "file"), plural(r.Ladders, "ladder"))
	}
	if r.Config != "" {
		s += "; configuration: " + r.Config
	}
	return s
}

// severityCount is "2 errors", "1 warning", "3 info".
func severityCount(n int, s finding.Severity) string {
	if s == finding.Info {
		return fmt.Sprintf("%d info", n)
	}
	return plural(n, s.String())
}

// truncate cuts s to at most maxBytes bytes and maxRunes code points (-1:
// no bound) at a code point boundary, marking a cut with "…".
func truncate(s string, maxBytes, maxRunes int) string {
	if len(s) <= maxBytes && (maxRunes < 0 || utf8.RuneCountInString(s) <= maxRunes) {
		return s
	}
	const mark = "…"
	n, runes := 0, 0
	for i, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		if i+size > maxBytes-len(mark) || (maxRunes >= 0 && runes+1 > maxRunes-1) {
			break
		}
		n = i + size
		runes++
	}
	return s[:n] + mark
}

package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text writes findings the way actionlint does:
//
//	path:line:col: message [rule-id]
//	   |
//	12 | <source line>
//	   |     ^~~~
//
// followed by a one-line total. Every line is passed through Safe and starts
// with a path, a space or a digit, never with "::".
func Text(w io.Writer, r *Run, snippets bool) error {
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", safePath(f.File), f.Range.Start.Line, f.Range.Start.Column, f.Severity, Safe(f.Message), f.Rule)
		if !snippets {
			continue
		}
		line, ok := r.Quotes.Line(f.File, f.Range.Start.Line)
		if !ok {
			continue
		}
		raw := []rune(strings.TrimRight(line, " \t"))
		num := fmt.Sprint(f.Range.Start.Line)
		pad := strings.Repeat(" ", len(num))
		from := min(f.Range.Start.Column-1, len(raw))
		to := from + 1
		if f.Range.End.Line == f.Range.Start.Line && f.Range.End.Column-1 > from {
			to = f.Range.End.Column - 1
		}
		to = min(to, len(raw))
		// Escapes (\u{0001}) make the printed line longer than the raw one:
		// measure the underline on the escaped text.
		col := utf8.RuneCountInString(Safe(string(raw[:from])))
		width := max(1, utf8.RuneCountInString(Safe(string(raw[from:to]))))
		fmt.Fprintf(w, "%s |\n%s | %s\n%s | %s^%s\n", pad, num, Safe(string(raw)), pad, strings.Repeat(" ", col), strings.Repeat("~", width-1))
	}
	tail := ""
	if r.Unreadable > 0 {
		tail = fmt.Sprintf("; %s could not be linted (see above)", plural(r.Unreadable, "file"))
	}
	if r.Files > 0 && r.Ladders == 0 && r.Unreadable == 0 {
		tail = "; no career ladder recognised (the README's \"What it finds\" lists the level labels and page shapes read by default; levels.names maps others)"
	}
	_, err := fmt.Fprintf(w, "ladderlint: %s%s\n", Totals(r), tail)
	return err
}

// safePath keeps a hostile file name from starting a workflow command: the
// runner trims Unicode white space before looking for "::", so a name that
// starts with white space, ":" or "#" gets a "./" in front.
func safePath(p string) string {
	p = Safe(p)
	trimmed := strings.TrimLeftFunc(p, unicode.IsSpace)
	if trimmed != p || strings.HasPrefix(p, ":") || strings.HasPrefix(p, "#") {
		return "./" + p
	}
	return p
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

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
		sev := ""
		if f.Severity.String() != "error" {
			sev = f.Severity.String() + ": "
		}
		fmt.Fprintf(w, "%s:%d:%d: %s%s [%s]\n", safePath(f.File), f.Range.Start.Line, f.Range.Start.Column, sev, Safe(f.Message), f.Rule)
		if !snippets {
			continue
		}
		src := r.Sources[f.File]
		if src == nil {
			continue
		}
		line := Safe(strings.TrimRight(string(src.Line(f.Range.Start.Line)), " \t"))
		num := fmt.Sprint(f.Range.Start.Line)
		pad := strings.Repeat(" ", len(num))
		col := f.Range.Start.Column
		width := 1
		if f.Range.End.Line == f.Range.Start.Line && f.Range.End.Column > col {
			width = f.Range.End.Column - col
		}
		// The escaped line may be longer than the raw one; clamp the underline to it.
		lineLen := utf8.RuneCountInString(line)
		if col > lineLen+1 {
			col = lineLen + 1
		}
		width = max(1, min(width, lineLen-col+1))
		fmt.Fprintf(w, "%s |\n%s | %s\n%s | %s^%s\n", pad, num, line, pad, strings.Repeat(" ", col-1), strings.Repeat("~", width-1))
	}
	e, wn, in := r.Counts()
	if len(r.Findings) == 0 {
		_, err := fmt.Fprintf(w, "ladderlint: no problems in %s (%s)\n", plural(r.Files, "file"), plural(r.Ladders, "ladder"))
		return err
	}
	_, err := fmt.Fprintf(w, "ladderlint: %s, %s, %s in %s (%s)\n", plural(e, "error"), plural(wn, "warning"),
		plural(in, "note"), plural(r.Files, "file"), plural(r.Ladders, "ladder"))
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

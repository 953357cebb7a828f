package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// Placeholder reports levels and cells that hold placeholder text ("TBD",
// "not yet defined", "(not in use)"; configurable with `placeholders`).
// A level cell written as several source cells is checked cell by cell,
// each where it is written; a level with nothing but placeholders is one
// finding at its label.
type Placeholder struct{}

func (Placeholder) ID() string                { return "placeholder" }
func (Placeholder) Default() finding.Severity { return finding.Warning }
func (Placeholder) Summary() string {
	return "a level or cell is a placeholder (TBD, TODO, not yet defined)"
}
func (Placeholder) Help() string {
	return "Placeholder text tells readers the expectations are not written yet. That is fine while a ladder grows, " +
		"but it should be visible in review; placeholder levels are exempt from the area and category checks."
}

func (Placeholder) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.Placeholder {
			c.Report(lv.Span, lv, "", fmt.Sprintf("level %q is a placeholder (%q): its expectations are not written yet", lv.Label, lv.PlaceholderText))
			continue
		}
		if sm := lv.Summary; sm != nil {
			for i, p := range parts(sm) {
				if p.Placeholder != "" {
					c.Report(p.Span, lv, "", fmt.Sprintf("the summary of level %q is a placeholder (%q)%s", lv.Label, p.Placeholder, partOf(i, sm)))
				}
			}
		}
		for _, cell := range lv.Cells {
			if cell == nil {
				continue
			}
			for i, p := range parts(cell) {
				if p.Placeholder != "" {
					c.Report(p.Span, lv, cell.Category, fmt.Sprintf("%q for level %q is a placeholder (%q)%s", cell.Category, lv.Label, p.Placeholder, partOf(i, cell)))
					continue
				}
				blanks(c, lv, cell.Category, p)
			}
		}
	}
}

// blanks reports the behaviours of cell that keep a blank to fill in, a
// run of three underscores or more as a template writes it ("experience
// in ____, ___, ___"): the sentence is not finished. The blank is looked
// for in each behaviour's source, where the parser read it (its text has
// lost the underscores to emphasis); not inside code spans.
func blanks(c *Context, lv *ladder.Level, category string, cell *ladder.Cell) {
	data := c.fileOf(lv).Data
	for _, it := range cell.Items {
		if it.Span.End > len(data) || it.Span.Start >= it.Span.End {
			continue
		}
		if b := fillInBlank(data[it.Span.Start:it.Span.End]); b != "" {
			c.Report(it.Span, lv, category, fmt.Sprintf("%q for level %q keeps a blank to fill in (%q): the sentence is not finished", category, lv.Label, b))
		}
	}
}

// fillInBlank returns the first run of three underscores or more in src
// that stands alone (not inside a word, a code span or a link target), or "".
func fillInBlank(src []byte) string {
	code, target := false, false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '`':
			code = !code
		case c == '(' && i > 0 && src[i-1] == ']':
			target = true
		case c == ')':
			target = false
		case c == '_' && !code && !target:
			j := i
			for j < len(src) && src[j] == '_' {
				j++
			}
			if j-i >= 3 && (i == 0 || !inWord(src[i-1])) && (j == len(src) || !inWord(src[j])) {
				return string(src[i:j])
			}
			i = j - 1
		}
	}
	return ""
}

// inWord reports whether b belongs to a word a blank could sit inside: an
// ASCII letter or digit, or a byte of a non-ASCII letter. Unlike
// ladder.isWordByte, not '_': that is the blank itself.
func inWord(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

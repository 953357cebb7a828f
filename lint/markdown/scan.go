package markdown

import (
	"bytes"
	"strings"
)

// MayHoldLadder is the cheap scan run before Parse: it reports whether data
// has anything a ladder can be read from — an HTML table, a GFM table
// delimiter row, or at least two headings that isLevel accepts (a heading
// ladder needs two levels). It errs on the side of yes: a page it rejects
// yields no tables and no level headings in Parse, so no ladder; a page it
// accepts may still hold none. It reads every byte once and runs isLevel on
// heading lines only.
func MayHoldLadder(data []byte, isLevel func(heading string) bool) bool {
	if containsFold(data, "<table") || mayBeLevelPage(data, isLevel) {
		return true
	}
	levels := 0
	para := -1 // start of the current paragraph, for setext headings
	for start := 0; start < len(data); {
		end := start + lineLen(data[start:])
		line := data[start:end]
		next := end
		if next < len(data) && data[next] == '\r' {
			next++
		}
		if next < len(data) && data[next] == '\n' {
			next++
		}
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case len(trimmed) == 0:
			para = -1
		case isDelimiterRow(trimmed):
			return true
		case trimmed[0] == '#':
			if h := atxHeading(trimmed); h != nil && isLevel(plain(string(h))) {
				levels++
			}
			para = -1
		case para >= 0 && isSetextUnderline(trimmed):
			if isLevel(plain(string(bytes.ReplaceAll(data[para:start], []byte("\n"), []byte(" "))))) {
				levels++
			}
			para = -1
		case para < 0:
			para = start
		}
		if levels >= 2 {
			return true
		}
		start = next
	}
	return false
}

// lineLen is the length of the first line of b without its ending ("\n",
// "\r\n" or a lone "\r").
func lineLen(b []byte) int {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return i
	}
	return len(b)
}

// isDelimiterRow reports whether line looks like a GFM table delimiter row:
// only pipes, colons, dashes and blanks, with at least one pipe and one dash.
// It accepts more than GFM does, never less.
func isDelimiterRow(line []byte) bool {
	pipe, dash := false, false
	for _, c := range line {
		switch c {
		case '|':
			pipe = true
		case '-':
			dash = true
		case ':', ' ', '\t':
		default:
			return false
		}
	}
	return pipe && dash
}

// atxHeading returns the text of an ATX heading line ("## IC1 ##"), or nil.
func atxHeading(line []byte) []byte {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n > 6 || n < len(line) && line[n] != ' ' && line[n] != '\t' {
		return nil
	}
	h := bytes.TrimSpace(line[n:])
	if t := bytes.TrimRight(h, "#"); len(t) < len(h) && (len(t) == 0 || t[len(t)-1] == ' ' || t[len(t)-1] == '\t') {
		h = bytes.TrimSpace(t)
	}
	return h
}

// isSetextUnderline reports whether line is a run of "=" or "-" (a setext
// heading underline under a paragraph).
func isSetextUnderline(line []byte) bool {
	line = bytes.TrimRight(line, " \t")
	if len(line) == 0 || line[0] != '=' && line[0] != '-' {
		return false
	}
	for _, c := range line {
		if c != line[0] {
			return false
		}
	}
	return true
}

// containsFold reports whether data contains the lower-case ASCII needle in
// any letter case, without copying data.
func containsFold(data []byte, needle string) bool {
	first := needle[0]
	for i := 0; i+len(needle) <= len(data); {
		j := bytes.IndexByte(data[i:], first)
		if j < 0 {
			return false
		}
		i += j
		if i+len(needle) <= len(data) && bytes.EqualFold(data[i:i+len(needle)], []byte(needle)) {
			return true
		}
		i++
	}
	return false
}

// mayBeLevelPage reports whether the page's title is a level: its front
// matter `title:`, or its first heading when that is an H1 ("# Senior
// Engineer"). Such a page may hold one level of a ladder stored one level
// per file. It stops at the first heading.
func mayBeLevelPage(data []byte, isLevel func(heading string) bool) bool {
	if fm := splitFrontMatter(data); fm != nil {
		for start := 0; start < len(fm.Text); start = nextLine(fm.Text, start+lineLen(fm.Text[start:])) {
			line := fm.Text[start : start+lineLen(fm.Text[start:])]
			if v, ok := bytes.CutPrefix(line, []byte("title:")); ok {
				if isLevel(string(bytes.Trim(bytes.TrimSpace(v), `"'`))) {
					return true
				}
				break
			}
		}
	}
	for start := 0; start < len(data); start = nextLine(data, start+lineLen(data[start:])) {
		line := bytes.TrimLeft(data[start:start+lineLen(data[start:])], " ")
		if len(line) == 0 || line[0] != '#' {
			continue
		}
		if h := atxHeading(line); h != nil {
			return len(line) > 1 && line[1] != '#' && isLevel(strings.Trim(plain(string(h)), `"'“”`))
		}
	}
	return false
}

package ladder

import (
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// YAML positions. go.yaml.in/yaml/v3 gives each node the 1-based line and
// column of its first character; it counts columns in code points and ends
// a line at "\r\n", "\r", "\n", NEL (U+0085), LS (U+2028) or PS (U+2029).
// A node carries no end: tokenEnd reads the token from the start the parser
// gave, the way the scanner does (quotes and escapes, block indentation).

// yamlLineStarts returns the byte offset of each line start of text, with
// the line breaks the YAML scanner counts.
func yamlLineStarts(text []byte) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if n := breakLen(text[i:]); n > 0 {
			i += n - 1
			starts = append(starts, i+1)
		}
	}
	return starts
}

// yamlOffset converts a 1-based line and column (code points) of text into
// a byte offset of text, clamped to [0, len(text)]; a column past the end
// of its line stops at the line's end.
func yamlOffset(text []byte, starts []int, line, column int) int {
	if line < 1 || len(starts) == 0 {
		return 0
	}
	if line > len(starts) {
		return len(text)
	}
	off := starts[line-1]
	end := len(text)
	if line < len(starts) {
		end = starts[line]
	}
	for c := 1; c < column && off < end; c++ {
		_, w := utf8.DecodeRune(text[off:end])
		off += w
	}
	return min(off, len(text))
}

// tokenEnd is the offset just after the scalar token that starts at start:
// the closing quote of a quoted scalar, the last line indented under a
// block scalar's "|" or ">", and for a plain scalar the end of its first
// line (before a " #" comment or a ": " that ends a key and, inFlow,
// before "," "]" or "}").
func tokenEnd(text []byte, start int, style yaml.Style, inFlow bool) int {
	if start >= len(text) {
		return len(text)
	}
	switch {
	case style&yaml.DoubleQuotedStyle != 0 && text[start] == '"':
		for i := start + 1; i < len(text); i++ {
			switch text[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(text)
	case style&yaml.SingleQuotedStyle != 0 && text[start] == '\'':
		for i := start + 1; i < len(text); i++ {
			if text[i] != '\'' {
				continue
			}
			if i+1 < len(text) && text[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		}
		return len(text)
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return blockEnd(text, start)
	}
	end := start + yamlLineLen(text[start:])
	for i := start; i < end; i++ {
		c := text[i]
		if c == '#' && i > start && (text[i-1] == ' ' || text[i-1] == '\t') || inFlow && (c == ',' || c == ']' || c == '}') ||
			c == ':' && (i+1 == end || text[i+1] == ' ' || text[i+1] == '\t' || inFlow && strings.IndexByte(",[]{}", text[i+1]) >= 0) {
			end = i
			break
		}
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return end
}

// emptyFlowEnd is the end of an empty flow collection ("[]", "{ }") that
// opens at start, or start when it is not one.
func emptyFlowEnd(text []byte, start int) int {
	if start >= len(text) || text[start] != '[' && text[start] != '{' {
		return start
	}
	for i := start + 1; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t', '\r', '\n':
		case ']', '}':
			return i + 1
		default:
			return start
		}
	}
	return start
}

// blockEnd is the end of a block scalar whose indicator is at start: the
// end of the last non-blank line after it that is indented deeper than the
// indicator's line.
func blockEnd(text []byte, start int) int {
	lineStart := start
	for lineStart > 0 && text[lineStart-1] != '\n' && text[lineStart-1] != '\r' {
		lineStart--
	}
	indent := indentOf(text[lineStart:])
	end := start + yamlLineLen(text[start:])
	for pos := nextLineStart(text, end); pos < len(text); {
		n := yamlLineLen(text[pos:])
		line := text[pos : pos+n]
		ind := indentOf(line)
		switch {
		case ind == len(line): // blank: belongs to the block if more follows
		case ind > indent:
			end = pos + n
		default:
			return end
		}
		pos = nextLineStart(text, pos+n)
	}
	return end
}

// indentOf counts the spaces a line starts with (tabs do not indent YAML);
// a line of blanks counts its whole length.
func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if n < len(line) && line[n] == '\t' {
		rest := n
		for rest < len(line) && (line[rest] == ' ' || line[rest] == '\t') {
			rest++
		}
		if rest == len(line) {
			return len(line)
		}
	}
	return n
}

// yamlLineLen is the length of the first line of b, up to a line break
// the YAML scanner counts (see yamlLineStarts).
func yamlLineLen(b []byte) int {
	for i := 0; i < len(b); i++ {
		if breakLen(b[i:]) > 0 {
			return i
		}
	}
	return len(b)
}

// breakLen is the length of the line break b starts with, or 0.
func breakLen(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == '\r' && len(b) > 1 && b[1] == '\n':
		return 2
	case b[0] == '\r' || b[0] == '\n':
		return 1
	case len(b) > 1 && b[0] == 0xC2 && b[1] == 0x85:
		return 2
	case len(b) > 2 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xA8 || b[2] == 0xA9):
		return 3
	}
	return 0
}

// nextLineStart is the offset after the line break at end, or end itself
// at the end of text.
func nextLineStart(text []byte, end int) int {
	return end + breakLen(text[end:])
}

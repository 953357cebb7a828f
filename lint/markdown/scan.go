package markdown

import (
	"bytes"
	"strings"
)

// MayHoldLadder is the cheap scan run before Parse: it reports whether data
// has anything a ladder can be read from — an HTML table, a GFM table
// delimiter row, at least two headings that isLevel accepts (a heading
// ladder needs two levels), at least two bold paragraphs or list items that
// name a level (see labelLine), or a "Levels" heading over areas of tier
// headings (see tierScan). It errs on the side of yes: a page it rejects
// delimiter row, front matter that mentions levels, or at least two headings that isLevel accepts (a heading
// ladder needs two levels). It errs on the side of yes: a page it rejects
// yields no tables and no level headings in Parse, so no ladder; a page it
// accepts may still hold none. It reads every byte once and runs isLevel on
// heading lines only.
func MayHoldLadder(data []byte, isLevel func(heading string) bool) bool {
	if fm := splitFrontMatter(data); fm != nil && (bytes.Contains(fm.Text, []byte("level")) || titleIsLevel(fm, isLevel)) {
		return true
	}
	titled := false // the first heading was seen: a level-page title or not
	htmlTables, pipeTables := containsFold(data, "<table"), false
	levels := 0
	labels := 0 // bold paragraphs and list items naming a level
	var tiers tierScan
	para := -1 // start of the current paragraph, for setext headings
	cr := bytes.IndexByte(data, '\r') >= 0
	for start := 0; start < len(data); {
		end := start + lineLenCR(data[start:], cr)
		line := data[start:end]
		next := end
		if next < len(data) && data[next] == '\r' {
			next++
		}
		if next < len(data) && data[next] == '\n' {
			next++
		}
		trimmed := trimIndent(line)
		switch {
		case len(trimmed) == 0:
			para = -1
		case isDelimiterRow(trimmed):
			pipeTables = true
			para = -1
		case trimmed[0] == '#' && atxHeading(trimmed) != nil:
			h := atxHeading(trimmed)
			if !titled && bytes.IndexByte(line[:len(line)-len(trimmed)], '\t') < 0 {
				// A page whose H1 is a level may be one level of a ladder
				// stored one level per file.
				titled = true
				if len(trimmed) > 1 && trimmed[1] != '#' && isLevel(strings.Trim(plain(string(h)), `"'“”`)) {
					return true
				}
			}
			if isLevel(plain(string(h))) {
				levels++
			} else if tiers.heading(trimmed, h) {
				return true
			}
			para = -1
		case trimmed[0] == '<' && htmlHeading(trimmed) != nil:
			if isLevel(plain(string(htmlHeading(trimmed)))) {
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
			fallthrough
		default:
			if labelLine(trimmed, isLevel) {
				labels++
			}
		}
		if levels >= 2 || labels >= 2 {
			return true
		}
		start = next
	}
	return (htmlTables || pipeTables) && tablesMayHoldLadder(data, isLevel, htmlTables)
}

// trimIndent is bytes.TrimLeft(line, " \t") without building the set of
// two bytes on every call: the pre-scan trims every line of every page.
func trimIndent(line []byte) []byte {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return line[i:]
}

// lineLen is the length of the first line of b without its ending ("\n",
// "\r\n" or a lone "\r").
func lineLen(b []byte) int {
	// Two IndexByte scans (vectorised) beat one IndexAny (a set lookup per
	// byte): the pre-scan splits every line of every page.
	n := bytes.IndexByte(b, '\n')
	if n < 0 {
		n = len(b)
	}
	if i := bytes.IndexByte(b[:n], '\r'); i >= 0 {
		return i
	}
	return n
}

// lineLenCR is lineLen for a page that holds a '\r' only when cr is set.
func lineLenCR(b []byte, cr bool) int {
	if cr {
		return lineLen(b)
	}
	if n := bytes.IndexByte(b, '\n'); n >= 0 {
		return n
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
	return indexFold(data, needle, 0) >= 0
}

// indexFold is the index of the lower-case ASCII needle in data[from:], in
// any letter case, or -1. A needle opening with a letter is looked for in
// both cases, each with a vectorised IndexByte that runs again only once
// passed.
func indexFold(data []byte, needle string, from int) int {
	lo, up := needle[0], needle[0]
	if 'a' <= lo && lo <= 'z' {
		up -= 'a' - 'A'
	}
	nextLo, nextUp := -1, -1 // next offsets of lo and up at or after i (len(data): none)
	for i := from; i+len(needle) <= len(data); {
		if nextLo < i {
			nextLo = indexByteFrom(data, lo, i)
		}
		if nextUp < i {
			nextUp = nextLo
			if up != lo {
				nextUp = indexByteFrom(data, up, i)
			}
		}
		i = min(nextLo, nextUp)
		if i+len(needle) > len(data) {
			return -1
		}
		if bytes.EqualFold(data[i:i+len(needle)], []byte(needle)) {
			return i
		}
		i++
	}
	return -1
}

// indexByteFrom is the index of c in data at or after from, or len(data).
func indexByteFrom(data []byte, c byte, from int) int {
	if j := bytes.IndexByte(data[from:], c); j >= 0 {
		return from + j
	}
	return len(data)
}

// htmlHeading returns the text of a line that is an HTML heading,
// "<h2 align="center">Junior</h2>", or nil.
func htmlHeading(line []byte) []byte {
	if len(line) < 4 || line[1]|0x20 != 'h' || line[2] < '1' || line[2] > '6' || line[3] != '>' && line[3] != ' ' {
		return nil
	}
	gt := bytes.IndexByte(line, '>')
	if gt < 0 {
		return nil
	}
	rest := line[gt+1:]
	if end := bytes.Index(rest, []byte("</")); end >= 0 {
		rest = rest[:end]
	}
	return bytes.TrimSpace(rest)
}

// labelLine reports whether a line opens with a level label the way a
// bold-level or category-major page writes one: "**Senior Engineer**",
// "A __Junior Developer__ is capable of:", "- **Level 2**", "1. Associate
// Engineer", "- IC2: ships features". isLevel runs at most once per line,
// on at most 80 bytes.
func labelLine(line []byte, isLevel func(string) bool) bool {
	item := false
	if n := listMarker(line); n > 0 {
		line, item = trimIndent(line[n:]), true
	} else if n := article(line); n > 0 {
		line = line[n:]
	}
	var label []byte
	if len(line) > 2 && (line[0] == '*' && line[1] == '*' || line[0] == '_' && line[1] == '_') {
		end := bytes.Index(line[2:], line[:2])
		if end < 0 {
			return false
		}
		label = line[2 : 2+end]
	} else if item {
		label = line
		if i := bytes.IndexByte(line, ':'); i >= 0 {
			label = line[:i]
		}
	}
	// A label is a few words; a list item that is a sentence is not one
	// (and costs a matcher call per line of a long page).
	if len(label) == 0 || len(label) > 80 || bytes.Count(label, []byte(" ")) > 8 {
		return false
	}
	return isLevel(plain(string(label)))
}

// listMarker is the length of the bullet or number that opens a list item
// line ("- ", "* ", "12. ", "3) "), or 0.
func listMarker(line []byte) int {
	if len(line) >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && (line[1] == ' ' || line[1] == '\t') {
		return 2
	}
	n := 0
	for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(line) && (line[n] == '.' || line[n] == ')') && (line[n+1] == ' ' || line[n+1] == '\t') {
		return n + 2
	}
	return 0
}

// article is the length of "A ", "An " or "The " opening line, or 0.
func article(line []byte) int {
	if len(line) == 0 || line[0]|0x20 != 'a' && line[0]|0x20 != 't' {
		return 0 // most lines: no article to compare
	}
	for _, a := range []string{"A ", "An ", "The ", "As a ", "As an "} {
		if len(line) > len(a) && bytes.EqualFold(line[:len(a)], []byte(a)) {
			return len(a)
		}
	}
	return 0
}

// tierScan watches the headings for a page of ordinal tiers: a heading
// naming levels ("## Levels", "## Ladder") followed, before the next heading
// of its depth or above, by at least eight deeper headings (two areas of
// three tiers at least).
type tierScan struct {
	depth, deeper int // the open "Levels" heading's depth (0: none) and the headings under it
}

var tierWords = []string{"level", "ladder", "grade", "band", "progression"}

// heading feeds the ATX heading line (its text h) and reports whether a
// tier page has been seen.
func (t *tierScan) heading(line, h []byte) bool {
	depth := 0
	for depth < len(line) && line[depth] == '#' {
		depth++
	}
	if t.depth > 0 && depth > t.depth {
		t.deeper++
		return t.deeper >= 8
	}
	t.depth, t.deeper = 0, 0
	if hasNonASCII(h) {
		// Unicode case folding ("İ" lowers to "i"): the slow, exact way.
		lower := bytes.ToLower(h)
		for _, w := range tierWords {
			if bytes.Contains(lower, []byte(w)) {
				t.depth = depth
				break
			}
		}
		return false
	}
	if hasTierWord(h) {
		t.depth = depth
	}
	return false
}

// hasTierWord reports whether the ASCII text h contains one of tierWords
// in any letter case, in one pass over h.
func hasTierWord(h []byte) bool {
	for i, c := range h {
		switch c | 0x20 {
		case 'l', 'g', 'b', 'p':
			for _, w := range tierWords {
				if w[0] == c|0x20 && len(h)-i >= len(w) && bytes.EqualFold(h[i:i+len(w)], []byte(w)) {
					return true
				}
			}
		}
	}
	return false
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// titleIsLevel reports whether the front matter's first `title:` is a level.
func titleIsLevel(fm *FrontMatter, isLevel func(heading string) bool) bool {
	for start := 0; start < len(fm.Text); start = nextLine(fm.Text, start+lineLen(fm.Text[start:])) {
		line := fm.Text[start : start+lineLen(fm.Text[start:])]
		if v, ok := bytes.CutPrefix(line, []byte("title:")); ok {
			return isLevel(string(bytes.Trim(bytes.TrimSpace(v), `"'`)))
		}
	}
	return false
}

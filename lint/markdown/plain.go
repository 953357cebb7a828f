package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// plain turns a piece of markdown or HTML text into what a reader sees:
// links become their text, tags and bold/code markers go, white space collapses.
//
// It is a hand-written equivalent of three regular expressions applied in
// turn (FuzzPlain checks the equivalence): `!?\[([^\]]*)\]\([^)]*\)` → "$1",
// `</?[A-Za-z][^<>]*>` → "", and "**", "__", "`" → "". The expressions cost a
// quarter of a handbook run.
func plain(s string) string {
	if strings.ContainsAny(s, "[<*_`") {
		s = stripLinks(s)
		s = stripTags(s)
		s = stripEmphasis(s)
	}
	return collapseSpace(s)
}

// stripEmphasis removes "**", "__" and "`", left to right, as
// strings.NewReplacer("**", "", "__", "", "`", "") would, without its
// generic (trie) matching.
func stripEmphasis(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c == '`' || (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for i < len(s) {
		switch c := s[i]; {
		case c == '`':
			i++
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			i += 2
		default:
			b = append(b, c)
			i++
		}
	}
	return string(b)
}

// collapseSpace is strings.Join(strings.Fields(s), " ") in one pass, and
// without copying when s is already collapsed.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			// A non-ASCII space (U+00A0, U+2003 …) needs unicode.IsSpace;
			// any other letter or sign ("é", "—") is a word's.
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				clean = false
				break
			}
			prevSpace = false
			i += n - 1
			continue
		}
		sp := asciiSpace[c]
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	if clean { // only a trailing space
		return s[:len(s)-1]
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c, n := s[i], 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = asciiSpace[c] // no decoding for ASCII
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = len(b) > 0
			i += n
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i:i+n]...) // invalid bytes stay as they were
		i += n
	}
	return string(b)
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// stripLinks replaces "[text](target)" and "![text](target)" by text.
func stripLinks(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	var b strings.Builder
	last := 0 // end of the last match
	for i := 0; i < len(s); i++ {
		if s[i] != '[' {
			continue
		}
		j := strings.IndexByte(s[i+1:], ']')
		if j < 0 {
			break // no later '[' can match either
		}
		j += i + 1
		if j+1 >= len(s) || s[j+1] != '(' {
			continue
		}
		k := strings.IndexByte(s[j+2:], ')')
		if k < 0 {
			continue
		}
		k += j + 2
		start := i
		if i > last && s[i-1] == '!' {
			start = i - 1
		}
		b.WriteString(s[last:start])
		b.WriteString(s[i+1 : j])
		last = k + 1
		i = k
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// stripTags removes "<tag …>" and "</tag>".
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		n := i + 1
		if n < len(s) && s[n] == '/' {
			n++
		}
		if n >= len(s) || !isASCIILetter(s[n]) {
			continue
		}
		e := strings.IndexAny(s[n+1:], "<>")
		if e < 0 {
			break // no '>' closes this or any later tag
		}
		e += n + 1
		if s[e] != '>' {
			i = e - 1 // the next candidate is that '<'
			continue
		}
		b.WriteString(s[last:i])
		last = e + 1
		i = e
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// plainRegexp is plain as first written, with regular expressions: the
// reference FuzzPlain holds the hand-written version to.
func plainRegexp(s string) string {
	if strings.ContainsAny(s, "[<*_`") {
		s = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`).ReplaceAllString(s, "$1")
		s = regexp.MustCompile(`</?[A-Za-z][^<>]*>`).ReplaceAllString(s, "")
		s = regexp.MustCompile("\\*\\*|__|`").ReplaceAllString(s, "")
	}
	return strings.Join(strings.Fields(s), " ")
}

var plainCases = []string{
	"", "plain text", "**IC1** Engineer", "[IC2](#ic2) and ![img](a.png)", "![x] (y) [a](b",
	"[a[b](c)", "[a](b)(c)](d)", "!![a](b)", "<b>bold</b> <br/> < notatag > </ x> <a href='#x'>IC3</a>",
	"<<b>>", "<b <i>x</i>", "***x***", "____", "`code` `", "\xff[\xfe](\xfd)<\xffa\xfe>", "[](", "[]()", "<a", "</", "<1>",
	" x", "x ", "a  b", "a\tb", "  a \t b\u00a0c\u2003 ", "a\u0085b", "\xff \xfe", " ",
}

func TestPlain(t *testing.T) {
	for _, s := range plainCases {
		if got, want := plain(s), plainRegexp(s); got != want {
			t.Errorf("plain(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzPlain holds plain to its regular-expression reference.
func FuzzPlain(f *testing.F) {
	for _, s := range plainCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plain(s), plainRegexp(s); got != want {
			t.Fatalf("plain(%q) = %q, want %q", s, got, want)
		}
	})
}

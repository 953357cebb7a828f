package markdown

import (
	"regexp"
	"strings"
)

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdTag      = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)
	mdEmphasis = regexp.MustCompile("\\*\\*|__|`")
)

// plain turns a piece of markdown or HTML text into what a reader sees:
// links become their text, tags and bold/code markers go, white space collapses.
func plain(s string) string {
	if strings.ContainsAny(s, "[<*_`") {
		s = mdLink.ReplaceAllString(s, "$1")
		s = mdTag.ReplaceAllString(s, "")
		s = mdEmphasis.ReplaceAllString(s, "")
	}
	return strings.Join(strings.Fields(s), " ")
}

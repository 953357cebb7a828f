package ladder

import (
	"regexp"
	"strconv"
	"strings"
)

// Label is what a level label normalizes to.
type Label struct {
	// Track is the upper-case ladder track: "IC", "M", "P".
	Track string
	// Rank is the number within the track; 0 never occurs in a career ladder
	// and marks tables keyed by priorities (P0..P4).
	Rank int
	// Token is the byte range of the level token inside the label text.
	TokenStart, TokenEnd int
}

// Code is the normalized level code, e.g. "IC1".
func (l Label) Code() string { return l.Track + strconv.Itoa(l.Rank) }

// DefaultLevelPatterns recognise the level labels of real handbooks. Each has
// the named groups "track" and "rank". They are tried in order on the label
// text; the first match wins.
var DefaultLevelPatterns = []string{
	// "IC1", "IC 1", "IC1: Associate PM", "M3", "EM5 - Engineering Manager 5", "D2 - Developer 2".
	`^(?i)(?P<track>IC|EM|M|P|D|E)[ \-]?(?P<rank>\d{1,2})(?:$|[\s:.,;)\-–—])`,
	// "Senior SDR (P2)", "Commercial (P2) (not in use)", "Program Lead, VCBOD (P1)".
	`^[^()]{1,60}\((?P<track>IC|EM|M|P|L)[ \-]?(?P<rank>\d{1,2})\)`,
}

// Matcher recognises level labels.
type Matcher struct {
	patterns []*regexp.Regexp
}

// NewMatcher compiles patterns (see DefaultLevelPatterns).
func NewMatcher(patterns []string) (*Matcher, error) {
	m := &Matcher{}
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		if re.SubexpIndex("track") < 0 || re.SubexpIndex("rank") < 0 {
			return nil, &PatternError{Pattern: p}
		}
		m.patterns = append(m.patterns, re)
	}
	return m, nil
}

// PatternError says a level pattern lacks a named group.
type PatternError struct{ Pattern string }

func (e *PatternError) Error() string {
	return "level pattern " + strconv.Quote(e.Pattern) + " needs the named groups (?P<track>…) and (?P<rank>…)"
}

// Match parses s as a level label.
func (m *Matcher) Match(s string) (Label, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 400 {
		return Label{}, false
	}
	for _, re := range m.patterns {
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		ti, ri := re.SubexpIndex("track"), re.SubexpIndex("rank")
		rank, err := strconv.Atoi(s[loc[2*ri]:loc[2*ri+1]])
		if err != nil {
			continue
		}
		return Label{Track: strings.ToUpper(s[loc[2*ti]:loc[2*ti+1]]), Rank: rank,
			TokenStart: loc[0], TokenEnd: loc[1]}, true
	}
	return Label{}, false
}

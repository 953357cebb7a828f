package ladder

import (
	"fmt"
	"regexp"
	"sort"
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
	names    []namedLevel
}

// NewMatcher compiles patterns (see DefaultLevelPatterns).
func NewMatcher(patterns []string) (*Matcher, error) {
	m := &Matcher{}
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		if re.SubexpIndex("rank") < 0 {
			return nil, &PatternError{Pattern: p}
		}
		m.patterns = append(m.patterns, re)
	}
	return m, nil
}

// PatternError says a level pattern lacks a named group.
type PatternError struct{ Pattern string }

func (e *PatternError) Error() string {
	return "level pattern " + strconv.Quote(e.Pattern) + " needs the named group (?P<rank>…)"
}

// DefaultTrack is the track of labels whose pattern has no track group ("Level 3").
const DefaultTrack = "L"

var codeRe = regexp.MustCompile(`^([A-Za-z]+)(\d{1,3})$`)

// ParseCode splits a level code such as "SE2" into track and rank.
func ParseCode(code string) (Label, bool) {
	m := codeRe.FindStringSubmatch(strings.TrimSpace(code))
	if m == nil {
		return Label{}, false
	}
	rank, _ := strconv.Atoi(m[2])
	return Label{Track: strings.ToUpper(m[1]), Rank: rank}, true
}

// AddNames lets the matcher recognise named levels ("Senior Software
// Engineer" → SE3). A label matches a name when it equals it, or starts with
// it followed by punctuation (" - Staff", ": …", " (…"), ignoring case. Longer
// names win, so "Senior Software Engineer" is not "Software Engineer".
func (m *Matcher) AddNames(names map[string]string) error {
	for name, code := range names {
		lb, ok := ParseCode(code)
		if !ok {
			return fmt.Errorf("level name %q: code %q is not letters followed by a number (like SE2)", name, code)
		}
		m.names = append(m.names, namedLevel{name: strings.ToLower(strings.TrimSpace(name)), label: lb})
	}
	sort.Slice(m.names, func(i, j int) bool {
		if len(m.names[i].name) != len(m.names[j].name) {
			return len(m.names[i].name) > len(m.names[j].name)
		}
		return m.names[i].name < m.names[j].name
	})
	return nil
}

type namedLevel struct {
	name  string
	label Label
}

func (m *Matcher) matchName(s string) (Label, bool) {
	lower := strings.ToLower(s)
	for _, n := range m.names {
		if !strings.HasPrefix(lower, n.name) {
			continue
		}
		rest := strings.TrimLeft(lower[len(n.name):], " ")
		if rest == "" || strings.ContainsAny(rest[:1], ":-(,;") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") {
			lb := n.label
			lb.TokenStart, lb.TokenEnd = 0, len(n.name)
			return lb, true
		}
	}
	return Label{}, false
}

// Match parses s as a level label.
func (m *Matcher) Match(s string) (Label, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 400 {
		return Label{}, false
	}
	if lb, ok := m.matchName(s); ok {
		return lb, true
	}
	for _, re := range m.patterns {
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		ti, ri := re.SubexpIndex("track"), re.SubexpIndex("rank")
		if loc[2*ri] < 0 {
			continue
		}
		rank, err := strconv.Atoi(s[loc[2*ri]:loc[2*ri+1]])
		if err != nil {
			continue
		}
		track := DefaultTrack
		if ti >= 0 && loc[2*ti] >= 0 {
			track = strings.ToUpper(s[loc[2*ti]:loc[2*ti+1]])
		}
		return Label{Track: track, Rank: rank, TokenStart: loc[0], TokenEnd: loc[1]}, true
	}
	return Label{}, false
}

package ladder

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Label is what a level label normalizes to.
type Label struct {
	// Track is the upper-case ladder track: "IC", "M", "P".
	Track string
	// Rank is the number within the track; 0 never occurs in a career ladder
	// and marks tables keyed by priorities (P0..P4).
	Rank int
	// Sub is a sub-rank within Rank: "IC 3a" is 1, "IC 3b" 2; 0 when none.
	Sub int
	// Prefix and Suffix are how the page writes the family around the rank
	// ("IC ", "Level ", "Senior Engineer " and " Engineer" in "Middle I
	// Engineer"), and Roman says the rank is a roman numeral: messages name
	// a missing level the way the page would ("Level 4", not "L4").
	Prefix, Suffix string
	Roman          bool
	// Transition is set for a move between two levels ("IC1 → IC2"); the
	// label is read as its first level.
	Transition bool
	// To is the rank a transition moves to, in the same track ("SWE-3 →
	// SWE-6" is 6); 0 when unknown (a move to a title or another track).
	To int
	// Bare is set when the label is the number alone ("level: 3" in YAML
	// front matter, "3" under a "Level" header).
	Bare bool
	// Ordinal is set when Rank comes from seniority words ("Senior",
	// "Staff"): an order companies do not agree on, never checked for gaps
	// or order.
	Ordinal bool
	// Weak is set for families that also name other things (P1 priorities,
	// L2 support tiers, "Level 3" of a maturity model, "Senior" alone): a
	// ladder of them needs career context around it.
	Weak bool
	// Title is set for title-only labels; Ranked when the title carries a
	// seniority word, a numeral or an executive role ("Senior Designer",
	// "Engineer II", "Director"), unlike a bare role ("Designer").
	Title, Ranked bool
	// Seniority orders titles by their seniority words alone (Engineer II
	// and Engineer I are both 30, Senior Engineer I 40).
	Seniority int
	// Token is the byte range of the level token inside the label text.
	TokenStart, TokenEnd int

	code string // set by families whose code is not Track+Rank (titles)
}

// Code is the normalized level code, e.g. "IC1", "IC3a", or the title.
func (l Label) Code() string {
	if l.code != "" {
		return l.code
	}
	c := l.Track + strconv.Itoa(l.Rank)
	if l.Sub > 0 {
		c += string(rune('a' + l.Sub - 1))
	}
	return c
}

// Name is how the page would write rank in this label's family: "Level
// 4", "IC 7", "Senior Engineer III", "Middle II Engineer".
func (l Label) Name(rank int) string {
	n := strconv.Itoa(rank)
	if l.Roman {
		n = roman(rank)
	}
	if l.Bare {
		return n
	}
	if l.Prefix == "" && l.Suffix == "" {
		return l.Track + n
	}
	return l.Prefix + n + l.Suffix
}

func roman(n int) string {
	for r, v := range romans {
		if v == n {
			return strings.ToUpper(r)
		}
	}
	return strconv.Itoa(n)
}

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
	// builtin adds the built-in families (families.go, titles.go).
	builtin bool
	// defaultPatterns is set when patterns are the built-in
	// DefaultLevelPatterns, whose first letters matchDefaultPatterns knows.
	defaultPatterns bool
}

// builtinPatterns are DefaultLevelPatterns as written here, to tell
// whether a program has changed the exported variable.
var builtinPatterns = append([]string(nil), DefaultLevelPatterns...)

// NewDefaultMatcher recognises what real handbooks write without any
// configuration: DefaultLevelPatterns, the numbered families ("L4", "Level
// 3", "SWE-2", "IC 3a", "Grade 7") and titles ("Senior Engineer", "Engineer
// II", "Pleno", "高级工程师").
func NewDefaultMatcher() *Matcher {
	m, err := NewMatcher(DefaultLevelPatterns)
	if err != nil {
		panic(err) // the built-in patterns compile
	}
	m.builtin = true
	m.defaultPatterns = slices.Equal(DefaultLevelPatterns, builtinPatterns)
	return m
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

// Signals reports whether s is a label the pre-scan should count towards
// a ladder (markdown.MayHoldLadder): any level label but a bare role
// ("Manager", "Designer"), which a handbook mentions everywhere. A ladder of
// titles has more ranked titles ("Senior Designer") than bare roles.
func (m *Matcher) Signals(s string) bool {
	lb, ok := m.Match(s)
	return ok && (!lb.Title || lb.Ranked)
}

// MatcherFor is the matcher a configuration asks for: the built-in
// recognition (NewDefaultMatcher) unless patterns replace it, plus the
// configured names.
func MatcherFor(patterns []string, names map[string]string) (*Matcher, error) {
	m := NewDefaultMatcher()
	if len(patterns) > 0 {
		var err error
		if m, err = NewMatcher(patterns); err != nil {
			return nil, err
		}
	}
	if err := m.AddNames(names); err != nil {
		return nil, err
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
	// "🕵 IC1 Engineer (Code Cadet)", "• Senior": symbols before the label.
	trimmed := strings.TrimLeftFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '"' && r != '“' && r != '\''
	})
	lb, ok := m.match(strings.TrimRightFunc(trimmed, unicode.IsSpace))
	if ok && len(trimmed) < len(s) {
		lb.TokenStart += len(s) - len(trimmed)
		lb.TokenEnd += len(s) - len(trimmed)
	}
	return lb, ok
}

func (m *Matcher) match(s string) (Label, bool) {
	if s == "" || len(s) > 400 {
		return Label{}, false
	}
	if len(m.names) > 0 {
		if lb, ok := m.matchName(s); ok {
			return lb, true
		}
	}
	if !m.builtin {
		return m.matchPatterns(s)
	}
	// Every built-in family and pattern has a number; most text has none,
	// and the regular expressions are the cost of a run.
	if hasDigit(s) {
		lb, ok, isRange := matchFamily(s)
		if ok || isRange {
			return lb, ok // a range, "IC1-IC2", is two levels, not one
		}
		if lb, ok := m.matchDefaultPatterns(s); ok {
			return lb, true
		}
	} else if lb, ok := matchRomanWord(s); ok {
		return lb, true
	}
	return matchTitle(s)
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' <= 9 { // one unsigned comparison
			return true
		}
	}
	return false
}

// matchDefaultPatterns is matchPatterns for the built-in matcher, whose
// patterns are DefaultLevelPatterns: the first opens with a code (IC, EM,
// M, P, D, E), the second needs a parenthesis. Text that can match neither
// skips the expressions.
func (m *Matcher) matchDefaultPatterns(s string) (Label, bool) {
	if !m.defaultPatterns || strings.IndexByte(s, '(') >= 0 {
		return m.matchPatterns(s)
	}
	return Label{}, false
}

func (m *Matcher) matchPatterns(s string) (Label, bool) {
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
		track, prefix := DefaultTrack, s[loc[0]:loc[2*ri]]
		if ti >= 0 && loc[2*ti] >= 0 {
			track = strings.ToUpper(s[loc[2*ti]:loc[2*ti+1]])
			prefix = s[loc[2*ti]:loc[2*ri]]
		}
		return Label{Track: track, Rank: rank, Prefix: prefix, TokenStart: loc[0], TokenEnd: loc[1]}, true
	}
	return Label{}, false
}

package ladder

import (
	"regexp"
	"strconv"
	"strings"
)

// The built-in level families, tried when the configuration sets no level
// patterns: numbered codes (IC3, L4, SWE-2, IC 3a), numbered words
// ("Level 3", "Grade 2", "Rank 4") and titles ("Senior Engineer",
// "Engineer II", "Pleno", "高级工程师", see titles.go).

// codeFamily matches a level code: letters, an optional separator, a rank
// and an optional sub-rank letter, then the end or a separator.
var codeFamily = regexp.MustCompile(`^(?i)(IC|EM|PM|M|P|D|E|L|SE|SWE|SDE|ENG|MTS|TL)([ \-]?)(\d{1,2})([a-d])?(?:$|[\s:.,;)/\-–—→|])`)

// wordFamily matches a level written as a word and a number: "Level 3",
// "Level 3: Product Analyst II", "LVL 4", "Rank 2", "Grade 7", "Band 3",
// "SFIA 5", "Nível 2".
var wordFamily = regexp.MustCompile(`^(?i)(level|lvl|rank|grade|band|sfia(?: level)?|career level|job level|nível|nivel|niveau|stufe)\s*[-#:.]?\s*(\d{1,2})([a-d])?(?:$|[\s:.,;)/\-–—→|])`)

// span matches what follows a code when the label names a range of levels
// ("IC1-IC2", "L3 to L5") or a move between two ("IC1 → IC2", "SWE-3 →
// SWE-6: …").
var (
	rangeRest      = regexp.MustCompile(`^\s*(?:-|–|—|to|through|/)\s*[A-Za-z]{1,4}[ \-]?\d`)
	transitionRest = regexp.MustCompile(`^\s*(?:→|->|=>|⇒)\s*([A-Za-z]{0,4})[ \-]?(\d{1,3})`)
)

// mayOpen reports whether s can open with a word that starts with one of
// the lower-case ASCII letters in firsts: the families' expressions are
// anchored, and most text they are tried on opens with another letter. A
// non-ASCII first byte may fold to an ASCII letter under (?i) ("ſ" is "s"),
// so it is left to the expression.
func mayOpen(s, firsts string) bool {
	return s != "" && (s[0] >= 0x80 || strings.IndexByte(firsts, s[0]|0x20) >= 0)
}

// hasRomanLetter reports whether s holds an upper-case I, V or X.
func hasRomanLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 'I' || c == 'V' || c == 'X' {
			return true
		}
	}
	return false
}

// Letters the codes and words of codeFamily and wordFamily open with.
const codeFirsts, wordFirsts = "iepmdlst", "lrgbscjn"

// romanWordFamily matches "Level I", "Level IV", "Grade II".
var romanWordFamily = regexp.MustCompile(`^(?i:level|lvl|grade|band|rank)\s+([IVX]{1,4})(?:$|[\s:.,;)/\-–—→|])`)

// matchFamily recognises the numbered families. isRange reports a label
// that opens with a range of codes ("IC1-IC2", "L3 to L5"): two levels,
// not one, and no other family may read it.
func matchFamily(s string) (lb Label, ok, isRange bool) {
	if !mayOpen(s, codeFirsts) {
		lb, ok = matchWordFamily(s)
		return lb, ok, false
	}
	if m := codeFamily.FindStringSubmatchIndex(s); m != nil {
		end := m[7]
		if m[8] >= 0 {
			end = m[9]
		}
		if rangeRest.MatchString(s[end:]) {
			return Label{}, false, true // "IC1-IC2": two levels, not one
		}
		letters := strings.ToUpper(s[m[2]:m[3]])
		rank, _ := strconv.Atoi(s[m[6]:m[7]])
		lb := Label{Track: letters, Rank: rank, Prefix: s[m[2]:m[5]], Weak: weakTracks[letters], TokenStart: 0, TokenEnd: m[7]}
		lb.To, lb.Transition = transitionTo(s[end:], letters)
		if m[8] >= 0 {
			lb.Sub = int(strings.ToLower(s[m[8]:m[9]])[0]-'a') + 1
			lb.TokenEnd = m[9]
		}
		return lb, true, false
	}
	lb, ok = matchWordFamily(s)
	return lb, ok, false
}

// transitionTo reads a move written after a level ("→ IC2", "-> SWE-6",
// "→ 3"): ok when there is one, and the rank it goes to when that is in
// track (or bare), else 0.
func transitionTo(rest, track string) (to int, ok bool) {
	m := transitionRest.FindStringSubmatch(rest)
	if m == nil {
		return 0, false
	}
	if m[1] != "" && !strings.EqualFold(m[1], track) {
		return 0, true
	}
	to, _ = strconv.Atoi(m[2])
	return to, true
}

// matchWordFamily recognises a level written as a word and a number ("Level 3").
func matchWordFamily(s string) (Label, bool) {
	if !mayOpen(s, wordFirsts) {
		return Label{}, false
	}
	if m := wordFamily.FindStringSubmatchIndex(s); m != nil {
		rank, _ := strconv.Atoi(s[m[4]:m[5]])
		lb := Label{Track: DefaultTrack, Rank: rank, Prefix: s[m[2]:m[4]], Weak: true, TokenEnd: m[5]}
		if w := strings.ToLower(s[m[2]:m[3]]); w != "level" && w != "lvl" && !strings.HasSuffix(w, " level") {
			lb.Track = strings.ToUpper(w[:1]) + w[1:]
		}
		if m[6] >= 0 {
			lb.Sub = int(strings.ToLower(s[m[6]:m[7]])[0]-'a') + 1
			lb.TokenEnd = m[7]
		}
		// "Level 3: Product Analyst II": a title after the number says it is a career level.
		if rest := strings.TrimLeft(s[lb.TokenEnd:], " :-–—"); rest != "" {
			if t, ok := matchTitle(rest); ok && !t.Weak {
				lb.Weak = false
			}
		}
		return lb, true
	}
	return Label{}, false
}

// matchRomanWord recognises "Level I", "Level II" (no digit, so it is tried
// apart from the other families).
func matchRomanWord(s string) (Label, bool) {
	if len(s) < 6 || !mayOpen(s[:1], "lgbr") || s[0] >= 0x80 || !hasRomanLetter(s) {
		return Label{}, false // not "Level I", "Grade IV", "Band X", "Rank II"
	}
	m := romanWordFamily.FindStringSubmatchIndex(s)
	if m == nil {
		return Label{}, false
	}
	n := romans[strings.ToLower(s[m[2]:m[3]])]
	if n == 0 {
		return Label{}, false
	}
	return Label{Track: DefaultTrack, Rank: n, Prefix: s[:m[2]], Roman: true, Weak: true, TokenEnd: m[3]}, true
}

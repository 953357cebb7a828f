package ladder

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title-only levels: "Junior Developer", "Senior Staff Engineer", "Engineer
// II", "Middle I Engineer", "Sênior", "Développeur Junior", "高级工程师".
//
// A title is a role noun (engineer, designer, 工程师 …) with seniority words
// and domain words before it, and only seniority words or a numeral after
// it; or seniority words alone ("Junior", "Pleno"), which are weak: they
// need career context. A numeral makes a numbered track ("Senior Engineer
// I, II"); without one, the seniority words give an ordinal rank, an order
// that companies do not agree on (is Lead above Principal?), so ordinal
// ranks are never checked for gaps or order.

// seniority ranks the seniority words, lower-case, English first.
var seniority = map[string]int{
	"intern": 10, "trainee": 10, "apprentice": 10, "estagiário": 10, "estagiario": 10, "becario": 10, "pasante": 10, "stagiaire": 10, "praktikant": 10,
	"junior": 20, "jr": 20, "júnior": 20, "associate": 20, "graduate": 20, "entry": 20, "entry-level": 20, "beginner": 20, "débutant": 20, "младший": 20,
	"mid": 30, "mid-level": 30, "middle": 30, "intermediate": 30, "medior": 30, "regular": 30, "pleno": 30, "semi-senior": 30, "semisenior": 30, "ssr": 30,
	"intermédiaire": 30, "intermediário": 30, "intermediario": 30, "intermedio": 30, "confirmé": 30,
	"senior": 40, "sr": 40, "sênior": 40, "sénior": 40, "señor": 40, "старший": 40, "experienced": 40,
	"lead": 50, "staff": 50, "expert": 50, "ведущий": 50, "especialista": 50, "experto": 50, "spécialiste": 50,
	"principal": 60, "главный": 60, "architect-level": 60, "first-line": 25, "second-line": 35, "top": 70,
	"distinguished": 70, "fellow": 80, "advanced": 40, "leading": 60,
}

// roleNouns end a title. Executive roles rank by themselves.
var roleNouns = map[string]bool{
	"engineer": true, "developer": true, "dev": true, "programmer": true, "designer": true, "analyst": true,
	"scientist": true, "architect": true, "manager": true, "researcher": true, "writer": true, "consultant": true,
	"specialist": true, "administrator": true, "admin": true, "tester": true, "sre": true, "swe": true, "sde": true,
	"pm": true, "em": true, "contributor": true, "representative": true, "rep": true, "sdr": true, "bdr": true,
	"ae": true, "strategist": true, "marketer": true, "recruiter": true, "coordinator": true, "steward": true,
	"maintainer": true, "agent": true, "advocate": true, "technician": true, "operator": true, "accountant": true,
	"owner": true, "executive": true, "lead": true, "partner": true, "advisor": true, "generalist": true, "leader": true,
	"apm": true, "gpm": true, "tpm": true, "sdet": true,
	"desenvolvedor": true, "desenvolvedora": true, "engenheiro": true, "engenheira": true, "programador": true,
	"programadora": true, "desarrollador": true, "desarrolladora": true, "ingeniero": true, "ingeniera": true,
	"analista": true, "diseñador": true, "diseñadora": true, "développeur": true, "développeuse": true,
	"ingénieur": true, "ingénieure": true, "entwickler": true, "entwicklerin": true, "ingenieur": true,
	"ingenieurin": true, "berater": true, "beraterin": true, "разработчик": true, "инженер": true, "аналитик": true,
	"дизайнер": true, "менеджер": true,
}

// executives are roles ranked by themselves, on their own track.
var executives = map[string]int{
	"director": 60, "head": 55, "vp": 70, "svp": 75, "evp": 75, "cto": 80, "cio": 80, "ceo": 80, "cpo": 80,
	"coo": 80, "ciso": 80, "chief": 80, "president": 70, "diretor": 60, "director/a": 60, "directeur": 60,
}

// connectors may join the words of a title ("Head of Design", "VP of
// Engineering", "Desenvolvedor de Software").
var connectors = map[string]bool{"of": true, "de": true, "da": true, "do": true, "del": true, "des": true,
	"du": true, "and": true, "&": true, "y": true, "e": true, "für": true, "of-": true, "la": true, "el": true}

// cjkSeniority and cjkRoles are the seniority words and roles of titles
// written without spaces.
var cjkSeniority = []struct {
	word string
	rank int
}{{"初级", 20}, {"中级", 30}, {"高级", 40}, {"资深", 50}, {"專家", 60}, {"专家", 60}, {"首席", 70}, {"助理", 20},
	{"ジュニア", 20}, {"ミドル", 30}, {"シニア", 40}, {"リード", 50}, {"スタッフ", 50}, {"プリンシパル", 60}, {"主任", 40},
	{"주니어", 20}, {"미들", 30}, {"시니어", 40}, {"리드", 50}, {"스태프", 50}, {"프린시펄", 60}}

var cjkRoles = []string{"开发工程师", "软件工程师", "工程师", "开发者", "开发", "设计师", "产品经理", "经理", "架构师", "分析师", "研究员",
	"エンジニア", "開発者", "デザイナー", "マネージャー", "アナリスト", "プログラマー", "개발자", "엔지니어", "디자이너", "매니저"}

// stopWords start sentences, not titles: "A solid and autonomous contributor".
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "our": true, "your": true, "my": true,
	"this": true, "that": true, "is": true, "are": true, "you": true, "we": true, "as": true, "un": true, "une": true, "o": true}

// isLowerLatin reports whether w starts with a lower-case Latin letter:
// titles are written in title case ("Site Reliability Engineer").
func isLowerLatin(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r < 0x250 && unicode.IsLower(r)
}

// levelWords may follow a role: "Développeur de niveau intermédiaire".
var levelWords = map[string]bool{"niveau": true, "nível": true, "nivel": true, "level": true}

// beyond is what may close the top level: "Distinguished Engineer and beyond".
var beyond = []string{" and beyond", " and above", " and up", " or above", "+"}

func cjkRank(w string) int {
	for _, sw := range cjkSeniority {
		if w == sw.word {
			return sw.rank
		}
	}
	return 0
}

func cjkRole(w string) bool {
	for _, r := range cjkRoles {
		if w == r {
			return true
		}
	}
	return false
}

// romans are the numerals after a title.
var romans = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

// titleEnd cuts a label before what follows its title: a description, a
// parenthesis, a second title (":", "(", ",", "|", a tab, or " - ", " – ",
// " — ", " / ", " → ").
func titleEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', '(', ',', '|', '\t':
			return i
		case ' ':
			rest := s[i+1:]
			for _, sep := range []string{"- ", "– ", "— ", "/ ", "→ "} {
				if strings.HasPrefix(rest, sep) {
					return i
				}
			}
		}
	}
	return len(s)
}

// matchTitle recognises a title-only level.
func matchTitle(s string) (Label, bool) {
	if s == "" || len(s) > 120 {
		return Label{}, false
	}
	if !hasTitleWord(s) {
		return Label{}, false // no word a title is made of
	}
	if strings.Count(s, "→")+strings.Count(s, "->") >= 2 {
		return Label{}, false // "Junior → Senior → Staff": a path, not a level
	}
	end := titleEnd(s)
	if strings.Count(s[:end], " ") > 9 {
		return Label{}, false // a sentence, not a title
	}
	lb, ok := parseTitle(s[:end])
	if ok && lb.Weak && end < len(s) {
		// "Junior - Developer", "Senior – Software Engineer": seniority, a dash, the role.
		rest := strings.TrimLeft(s[end:], " -–—")
		if e2 := titleEnd(rest); e2 > 0 {
			if role, ok2 := parseTitle(rest[:e2]); ok2 && role.Rank == 30 && !role.Weak {
				lb.Weak, lb.Track = false, role.Track
				end = len(s) - len(rest) + e2
			}
		}
	}
	if !ok {
		return Label{}, false
	}
	lb.TokenStart, lb.TokenEnd = 0, len(strings.TrimRight(s[:end], " "))
	lb.Transition = transitionRest.MatchString(s[end:]) || strings.HasPrefix(strings.TrimSpace(s[end:]), "→")
	if lb.code == "" {
		lb.code = strings.Join(strings.Fields(s[:lb.TokenEnd]), " ")
	}
	return lb, true
}

// parseTitle reads one title (no separators inside).
func parseTitle(s string) (Label, bool) {
	s = strings.Trim(strings.TrimSpace(s), "\"“”„'‘’«» ")
	for _, b := range beyond {
		if len(s) > len(b) && strings.EqualFold(s[len(s)-len(b):], b) {
			s = strings.TrimSpace(s[:len(s)-len(b)])
			break
		}
	}
	// "1. Associate Engineer", "3) Senior": a list number before the title.
	if i := strings.IndexAny(s, ".)"); i > 0 && i <= 2 && isDigits(s[:i]) {
		s = strings.TrimSpace(s[i+1:])
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 7 {
		return Label{}, false
	}
	if len(words) == 1 && !isLatin(words[0]) {
		if lb, ok := cjkTitle(words[0]); ok {
			return lb, true
		}
	}
	best, senior, numeral, role, exec, others := 0, false, 0, -1, 0, 0
	numeralAt := -1
	roman := false
	var stem []string
	for i, w := range words {
		lw := strings.ToLower(strings.TrimRight(w, ".,+")) // "Principal+ Engineer"
		switch {
		case lw == "senior" || lw == "sr" || lw == "sênior" || lw == "sénior":
			senior = true
		case seniority[lw] > 0 && !(lw == "lead" && i == len(words)-1 && i > 0) && !(lw == "associate" && i == len(words)-1 && i > 0):
			best = max(best, seniority[lw])
		case cjkRank(w) > 0:
			best = max(best, cjkRank(w))
		case cjkRole(w):
			role = i
			stem = append(stem, w)
		case romans[lw] > 0 && i > 0 && w == strings.ToUpper(w):
			numeral, numeralAt, roman = romans[lw], i, true
		case isDigits(lw) && len(lw) <= 2 && i > 0:
			numeral, numeralAt = atoi(lw), i
		case executives[lw] > 0 || lw == "vice" && i+1 < len(words) && strings.EqualFold(words[i+1], "president"):
			if lw == "vice" {
				lw = "vp"
			}
			exec = max(exec, executives[lw])
			role = i
			stem = append(stem, lw)
		case roleNouns[lw] || roleNouns[strings.TrimSuffix(lw, "(a)")] || lw == "lead" || lw == "associate":
			role = i
			stem = append(stem, lw)
		case connectors[lw] && i > 0:
			if role < 0 || exec > 0 {
				stem = append(stem, lw)
			}
		case role >= 0 && levelWords[lw]:
			// "Développeur de niveau intermédiaire"
		case role >= 0 && exec > 0 && isWordy(w):
			stem = append(stem, lw) // "Head of Design", "VP of Engineering"
		case role < 0 && isWordy(strings.TrimRight(w, "+")) && !stopWords[lw] && (i > 0 || !isLowerLatin(w)):
			// Domain words; after the first word they may be lower case
			// ("Senior software engineer").
			others++
			stem = append(stem, lw)
		default:
			return Label{}, false
		}
		if role >= 0 && i > role && !(numeralAt == i || seniority[lw] > 0 || lw == "senior" || lw == "sr" || exec > 0 ||
			connectors[lw] || levelWords[lw]) {
			return Label{}, false // "Engineers own the roadmap": words after the role
		}
	}
	if others > 4 {
		return Label{}, false
	}
	rank := best
	if senior {
		if best >= 50 {
			rank = best + 5 // Senior Staff, Senior Principal, Senior Director
		} else {
			rank = 40
		}
	}
	lb := Label{Ordinal: true, Ranked: best > 0 || senior || numeral > 0 || exec > 0, Title: true}
	switch {
	case exec > 0:
		lb.Track, lb.Rank = strings.Join(stem, " "), exec
		if senior {
			lb.Rank += 3
		}
	case role >= 0:
		if rank == 0 && words[role] != "" && strings.EqualFold(words[role], "lead") {
			rank, lb.Ranked = 50, true // "Tech Lead", "Team Lead"
		}
		if rank == 0 {
			rank = 30
		}
		lb.Track, lb.Rank = strings.Join(stem, " "), rank
	case rank > 0 && others == 0:
		// Seniority words alone: "Junior", "Pleno", "Senior I".
		lb.Track, lb.Rank, lb.Weak = "seniority", rank, true
	default:
		return Label{}, false
	}
	lb.Seniority = lb.Rank
	if numeral > 0 && exec == 0 {
		// A numbered track: "Engineer II", "Senior Engineer 2", "Middle I Engineer".
		lb.Ordinal, lb.Rank, lb.Roman = false, numeral, roman
		var pre, post []string
		for i, w := range words {
			switch {
			case i < numeralAt:
				pre = append(pre, w)
			case i > numeralAt:
				post = append(post, w)
			}
		}
		lb.Track = strings.ToLower(strings.Join(append(append([]string{}, pre...), post...), " "))
		lb.Prefix = strings.Join(pre, " ") + " "
		if len(post) > 0 {
			lb.Suffix = " " + strings.Join(post, " ")
		}
	}
	return lb, true
}

// cjkTitle reads a title written without spaces: seniority prefixes and a
// role ("高级工程师", "シニアエンジニア"), or seniority alone (weak).
func cjkTitle(w string) (Label, bool) {
	rank := 0
	for again := true; again; {
		again = false
		for _, sw := range cjkSeniority {
			if strings.HasPrefix(w, sw.word) {
				rank, w, again = max(rank, sw.rank), w[len(sw.word):], true
			}
		}
	}
	if w == "" {
		if rank == 0 {
			return Label{}, false
		}
		return Label{Track: "seniority", Rank: rank, Seniority: rank, Ordinal: true, Weak: true, Ranked: true, Title: true}, true
	}
	for _, r := range cjkRoles {
		if w == r {
			if rank == 0 {
				rank = 30
			}
			return Label{Track: r, Rank: rank, Seniority: rank, Ordinal: true, Ranked: rank != 30, Title: true}, true
		}
	}
	return Label{}, false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// isLatin reports whether w starts with a Latin letter or digit.
func isLatin(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r < 0x250
}

// isWordy reports whether w can be a domain word of a title: letters,
// slashes and hyphens ("Frontend", "QA/QE", "Site", "OSPO", "Back-end").
func isWordy(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '/' || r == '-' || r == '&' || r == '.' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters > 0
}

// levelish reports whether s looks like it names a level without being
// one ladderlint reads: a seniority word, a role or executive noun, or a
// short code with a number ("VP and up", "Senior+", "IC-X", "GPM 2").
func levelish(s string) bool {
	if len(s) > 40 {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if seniority[w] > 0 || roleNouns[w] || executives[w] > 0 || w == "level" {
			return true
		}
		if len(w) <= 6 && strings.IndexFunc(w, unicode.IsDigit) > 0 && unicode.IsLetter(rune(w[0])) {
			return true
		}
	}
	return false
}

// titleWords are the words hasTitleWord looks for: every seniority word,
// role noun and executive noun.
var titleWords = func() map[string]bool {
	m := map[string]bool{"vice": true}
	for w := range seniority {
		m[w] = true
	}
	for w := range roleNouns {
		m[w] = true
	}
	for w := range executives {
		m[w] = true
	}
	return m
}()

// titleWordLens has, for a hash of the first and last bytes of each title
// word (titleWordKey), a bit per word length (lengths above 63 share bit
// 63): most words of a text are ruled out without a map lookup.
var titleWordLens = func() (lens [1024]uint64) {
	for w := range titleWords {
		lens[titleWordKey(w)] |= 1 << min(len(w), 63)
	}
	return lens
}()

func titleWordKey[T string | []byte](w T) int {
	return (int(w[0])<<3 ^ int(w[len(w)-1])) & 1023
}

// hasTitleWord is a quick test run before parseTitle: does s hold a
// seniority word, a role or executive noun, or a letter of a script whose
// titles are written without spaces (Han, kana, Hangul)? A word is a run of
// letters, digits and dots (trailing dots dropped), lower-cased; one of 30
// bytes or more is none. It allocates nothing.
func hasTitleWord(s string) bool {
	start := 0 // of the current word
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return hasTitleWordUnicode(s)
		}
		if asciiWordByte[c] != 0 {
			continue
		}
		if i > start && asciiTitleWord(s[start:i]) {
			return true
		}
		start = i + 1
	}
	return len(s) > start && asciiTitleWord(s[start:])
}

// asciiWordByte is, for each ASCII byte of a word, the byte lower-cased;
// 0 for the bytes between words.
var asciiWordByte = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	t['.'] = '.'
	return t
}()

// asciiTitleWord reports whether the ASCII word w is a title word; the
// first/last-byte and length filter runs before anything is copied.
func asciiTitleWord(w string) bool {
	if len(w) >= 30 {
		return false // as hasTitleWordUnicode: too long for its buffer
	}
	for len(w) > 0 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	if len(w) < 2 {
		return false
	}
	key := (int(asciiWordByte[w[0]])<<3 ^ int(asciiWordByte[w[len(w)-1]])) & 1023
	if titleWordLens[key]&(1<<min(len(w), 63)) == 0 {
		return false
	}
	var buf [32]byte
	for i := 0; i < len(w); i++ {
		buf[i] = asciiWordByte[w[i]]
	}
	return titleWords[string(buf[:len(w)])]
}

// hasTitleWordUnicode is hasTitleWord for text that is not all ASCII.
func hasTitleWordUnicode(s string) bool {
	var buf [32]byte
	n, skip := 0, false
	check := func() bool {
		if n == 0 || skip {
			return false
		}
		w := buf[:n]
		for len(w) > 0 && w[len(w)-1] == '.' {
			w = w[:len(w)-1]
		}
		return len(w) >= 2 && titleWordLens[titleWordKey(w)]&(1<<min(len(w), 63)) != 0 && titleWords[string(w)]
	}
	for _, r := range s {
		switch {
		case r >= 0x3040 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)):
			return true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			if n+utf8.UTFMax > len(buf) {
				skip = true
				continue
			}
			n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
		default:
			if check() {
				return true
			}
			n, skip = 0, false
		}
	}
	return check()
}

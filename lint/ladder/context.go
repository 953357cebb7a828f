package ladder

import (
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/markdown"
)

// Career context: whether levels found on a page are a career ladder and
// not the priorities, severities, maturity model, price list or support
// tiers that other pages number the same way. Three judges, one per kind
// of evidence a shape has, each with the vocabulary it was measured with on
// the corpus (lint/ladder/public_test.go):
//
//   - careerContext, for every ladder once its shape has read it: titles
//     must climb; a weak family (P1, L2, "Level 3", "Senior" alone) needs
//     careerWords around it and no trapWords.
//   - careerTable, for ladders read from tables: no counterTerms in the
//     name and headers; unless every level is IC/M/EM, careerTerms or a
//     role (rolePeople) in the labels, around the table or in the
//     categories. careerTerms leave out "level", which maturity and
//     support tables use too.
//   - careerSection, for bold or list-item levels, the shape most prone to
//     look-alikes (FAQs, glossaries, release notes): no counterWords in the
//     labels or headings, and a role in the labels, IC/M labels, or one of
//     the strict careerTitleWords in the headings or page title.
//
// The lists overlap on purpose but are not one list: merging them changes
// which pages read as ladders, and each change must be measured on the
// corpus and its negatives first.

// weakTracks are level prefixes that other tables use too: P1 priorities,
// E1 environments, D1 decisions. IC and M are unambiguous.
var weakTracks = map[string]bool{"P": true, "D": true, "E": true, "L": true}

var (
	careerWords = regexp.MustCompile(`(?i)\b(levels?|career|ladders?|progression|frameworks?|grades?|bands?|job|roles?|titles?|positions?|competenc\w*|promotions?|seniority|expectations?|growth|carreira|carrera|carrière|niveaux?|níveis|nível|nivel|niveles|senioridade|karriere)\b|キャリア|等级|职级|晋升|커리어|레벨|等級|グレード`)
	roleWords   = regexp.MustCompile(`(?i)\b(engineer\w*|developers?|managers?|sdrs?|ae|leads?|designers?|analysts?|pm|directors?|executives?|representatives?|account|commercial|enterprise|strategic|mid-market|program|marketing|sales|support|consultants?|specialists?|architects?|scientists?)\b`)
	trapWords   = regexp.MustCompile(`(?i)\b(priorit(y|ies)|severit(y|ies)|sev|incidents?|env|environments?|decisions?|tiers?|launch(es)?|phases?|steps?|stages?|sprints?|status|risks?|releases?|milestones?|options?|maturity|pricing|prices?|slas?|slos?|versions?|difficulty|logging|log levels?|escalations?|capacity|staffing|salary|salaries|compensation|pay|wages?|salário|salarios?|sueldos?|gehalt|contingenc\w*|confidential\w*|criticality|classifications?)\b|\$|給与|報酬|年収|薪酬|重要度|価格|料金`)
)

// careerContext keeps a ladder only when it reads as a career ladder. A
// ladder of titles must climb: most of its labels carry a seniority word,
// a numeral or an executive role, so a table of roles ("Designer",
// "Product Manager") is not a ladder. A ladder of a weak family (P1,
// "Level 3", L2, "Senior" alone) needs something saying it is about careers
// — a role in the labels ("Senior SDR (P2)", "Level 3: Product Analyst
// II"), one title shared by every label, or a career word in the label
// header, the headings above it or the page title — and no word of
// priorities, incidents, maturity, pricing or tiers in the headings above it.
func (x *extractor) careerContext(l *Ladder) bool {
	weak, titles, ranked := false, 0, 0
	ranks := map[int]bool{}
	for _, lv := range l.Levels {
		weak = weak || lv.Parsed.Weak
		if lv.Parsed.Title {
			titles++
			if lv.Parsed.Ranked {
				ranked++
			}
		}
		ranks[lv.Rank] = true
	}
	if titles > 0 && titles == len(l.Levels) && (ranked < 2 || ranked*2 < len(l.Levels) || len(ranks) < 2 ||
		sharedTracks(l.Levels)*2 < len(l.Levels) && !climbs(l.Levels)) {
		return false
	}
	return !weak || x.weakContext(l)
}

// weakContext reports whether a ladder of a weak family reads as a career
// ladder by what surrounds it.
func (x *extractor) weakContext(l *Ladder) bool {
	if l.Format == FrontMatterTopics {
		return true // a progression framework's topics × levels say what they are
	}
	around := x.around(l.Span.Start)
	if trapWords.MatchString(l.labelHeader) || trapWords.MatchString(l.Name) || trapWords.MatchString(around) {
		return false
	}
	for _, lv := range l.Levels {
		if lv.Parsed.Title && !lv.Parsed.Weak || roleWords.MatchString(lv.Label) {
			return true
		}
	}
	return sharedTitle(l.Levels) || careerWords.MatchString(l.labelHeader) || careerWords.MatchString(l.Name) ||
		careerWords.MatchString(around) || careerWords.MatchString(x.pageTitle()) || careerWords.MatchString(x.pagePath())
}

var (
	// careerTerms are the words that say a table is about careers; "level"
	// is left out, as maturity and support levels use it too.
	careerTerms = regexp.MustCompile(`(?i)\b(career|ladders?|progression|frameworks?|grades?|bands?|jobs?|roles?|titles?|positions?|competenc\w*|promotions?|seniority|expectations?|responsibilit\w*|skills?|carreira|carrera|carrière|karriere|senioridade|senioridad|cargos?|trilhas?|キャリア|职级|晋升|커리어)\b`)
	// counterTerms say a table of levels is about something else: the
	// priorities, severities, maturity, plans and support tiers of other pages.
	counterTerms = regexp.MustCompile(`(?i)\b(priorit(y|ies)|severit(y|ies)|incidents?|sev\s?\d|maturity|pricing|prices?|plans?|subscriptions?|sla|slo|support\s+(tiers?|levels?)|(tiers?|levels?)\s+of\s+support|versions?)\b`)
)

// strongTracks are level families that no other kind of table uses.
var strongTracks = map[string]bool{"IC": true, "M": true, "EM": true}

// rolePeople name the people of a career ladder; around a table they say the
// table is about careers ("Individual Contributor Track - Software
// Engineer"). Unlike roleWords they leave out team names such as "support".
var rolePeople = regexp.MustCompile(`(?i)\b(engineer\w*|developers?|managers?|designers?|analysts?|scientists?|architects?|consultants?|specialists?|directors?|contributors?)\b`)

// careerTable reports whether a ladder read from a table (or tables) is
// about careers. Nothing around it (its name, the table headers) may speak of
// priorities, maturity, pricing or support tiers; and unless every level is
// of a strong family (IC, M, EM), something must speak of careers: a role or
// career word in a level label ("Level 3: Product Analyst"), a career word
// or a role around the ladder, or a career word in its category names.
func careerTable(l *Ladder, around, categories []string) bool {
	for _, s := range around {
		if counterTerms.MatchString(s) {
			return false
		}
	}
	strong := true
	for _, lv := range l.Levels {
		strong = strong && strongTracks[lv.Track]
	}
	if strong {
		return true
	}
	for _, lv := range l.Levels {
		if roleWords.MatchString(lv.Label) || careerTerms.MatchString(lv.Label) {
			return true
		}
	}
	for _, s := range around {
		if careerTerms.MatchString(s) || rolePeople.MatchString(s) {
			return true
		}
	}
	for _, s := range categories {
		if careerTerms.MatchString(s) {
			return true
		}
	}
	return false
}

// careerTableAround applies careerTable to a ladder of table t: its name
// (or the heading above the table) and the table's header cells are around it.
func (x *extractor) careerTableAround(t *markdown.Table, l *Ladder) bool {
	around := []string{l.Name, x.nameAbove(t.Span.Start, 7), l.labelHeader}
	if len(t.Rows) > 0 {
		for _, c := range t.Rows[0].Cells {
			if c.Header {
				around = append(around, c.Text)
			}
		}
	}
	return careerTable(l, around, categoryNames(l))
}

var (
	// counterWords mark pages whose levels are not careers: incident
	// severities, priorities, maturity models, releases, plans.
	counterWords = regexp.MustCompile(`(?i)\b(sev\d*|severit(y|ies)|incidents?|priorit(y|ies)|maturity|releases?|versions?|changelog|faq|glossary|pricing|plans?|sla|slo|support tiers?|tiers?|risks?|bugs?|planning|schedules?|timelines?)\b`)
	// careerTitleWords are career words that a maturity or severity page
	// does not use ("level" alone does not count).
	careerTitleWords = regexp.MustCompile(`(?i)\b(career|ladders?|progression|promotions?|seniority|job|roles?|titles?|competenc\w*|expectations)\b`)
)

// careerSection reports whether the level labels, named in section si, are
// about careers: no counter word (severity, maturity, release …) in the
// labels or the headings above, no weak-track label (P1, D-17) without a
// job title in it, and a job title in the labels ("Senior
// Engineer"), unambiguous IC/M labels, or a career word in the headings
// ("Career ladder"; "Levels" alone is also what a maturity model says).
func (x *extractor) careerSection(si int, labels []string) bool {
	chain := x.headingChain(si)
	all := strings.Join(append(chain, labels...), "\n")
	if counterWords.MatchString(all) {
		return false
	}
	tracks := make([]string, len(labels)) // each label's track, "" when it is not one
	roles := make([]bool, len(labels))
	for i, lb := range labels {
		if m, ok := x.opt.Levels.Match(lb); ok {
			tracks[i] = m.Track
		}
		roles[i] = roleWords.MatchString(lb)
		// P1 priorities, D-17 days, E2 environments: only with a job title.
		if weakTracks[tracks[i]] && !roles[i] {
			return false
		}
	}
	for i := range labels {
		if roles[i] || strongTracks[tracks[i]] {
			return true
		}
	}
	// The headings above, or what names the page (front matter title, path).
	return careerTitleWords.MatchString(strings.Join(chain, "\n")) ||
		careerTitleWords.MatchString(x.pageTitle()) || careerTitleWords.MatchString(x.pagePath())
}

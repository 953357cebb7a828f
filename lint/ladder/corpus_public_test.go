package ladder_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/finding"
)

// defect is what a correct linter reports for one MANIFEST note marked
// DEFECT, GAP(S), MISSING, DUPLICATE, COPIED TEXT, PLACEHOLDER(S) or TRAP:
// a finding of one of rules (any rule for "*") that starts on a line in
// [lo, hi] of the page. With not set, it is a trap: no finding of those
// rules may start there (counted only when the page yields a ladder).
// floor marks the defects reported today: losing one fails the test.
type defect struct {
	set, file string
	rules     []string
	lo, hi    int
	what      string
	not       bool
	floor     bool
}

const (
	p1 = "public-ladders"
	p2 = "public-ladders-2"
	p3 = "public-ladders-3"
)

func r(ids ...string) []string { return ids }

// publicDefects encodes the MANIFEST notes. Notes that no ladder linter can
// check are left out on purpose and say why here:
//   - applover communication.md: misspelled topic name "communcation"
//     (spelling, not structure);
//   - alastairmoody SE*: System bullets link to README.md#technology (an
//     anchor in another file);
//   - infracloud Broad Indicators percentages summing to 110..135 %
//     (arithmetic in prose);
//   - persado's joke text ("laser eyes") and summary/detail title drift;
//   - inDriver index "System Thinking" vs "Systems Thinking" in a table
//     that is not a level table; mattermost "High Impact"/"High-Impact" and
//     magnit heading depths differ across files not linted together;
//   - dxw "three levels of severity" and NDSA's </td> are on negative
//     pages, which must stay clean (checked as negatives).
var publicDefects = func() []defect {
	d := []defect{
		// public-ladders
		{p1, "monzo__progression-framework__frameworks-operations-ops-leadership.md", r("*"), 7, 7, "DEFECT front matter 'levels: 5' but topics use levels 2..6", false, false},
		{p1, "novoda__progression-framework__frameworks-generic.md", r("*"), 7, 7, "DEFECT front matter 'levels: 6' but the only topic has levels 1-3", false, false},
		{p1, "monzo__progression-framework__frameworks-engineering-backend.md", r("missing-category"), 1, 259, "topic leadership covers only levels 3-6 (levels 1, 2 lack it)", false, false},
		{p1, "mattermost__mattermost-handbook__operations-research-and-development-product-analytics-analyst-levels.md", r("placeholder"), 75, 77, "PLACEHOLDER Level 8 'Level descriptions to be defined.'", false, false},
		{p1, "mattermost__mattermost-handbook__operations-research-and-development-product-analytics-analyst-levels.md", r("placeholder"), 79, 81, "PLACEHOLDER Level 9 'Level descriptions to be defined.'", false, false},
		{p1, "persado__persado.github.io___posts-2019-12-17-engineering-job-ladder.md", r("missing-category"), 405, 433, "DEFECT Reliability level 5 has 2 of 4 categories", false, false},
		{p1, "persado__persado.github.io___posts-2019-12-17-engineering-job-ladder.md", r("*"), 516, 520, "DEFECT Manager row labelled '3/4' merges two levels", false, false},
		{p1, "jorgef__engineeringladders__EngineeringManager.md", r("duplicate-text"), 41, 62, "EM6 and EM7 identical except the influence bullet", false, true},
		{p1, "jorgef__engineeringladders__Developer.md", r("duplicate-text"), 99, 120, "D6/D7 share 4 of 5 bullets", false, true},
		{p1, "jorgef__engineeringladders__EngineeringManager.md", r("level-gap"), 1, 62, "TRAP ladder starts at level 5: not a gap", true, true},

		// public-ladders-2
		{p2, "christex-foundation__progression-framework__frameworks-hr.md", r("*"), 7, 7, "DEFECT front matter 'levels: 4' but topics use 1..7", false, false},
		{p2, "christex-foundation__progression-framework__frameworks-hr.md", r("duplicate-text"), 73, 73, "DEFECT impact levels 3 and 4 share a criterion", false, false},
		{p2, "christex-foundation__progression-framework__frameworks-engineering-dx-engineer.md", r("missing-category"), 1, 106, "GAP topic community has no level 2", false, false},
		{p2, "MoveGB__personal-development__frameworks-people.md", r("*"), 156, 156, "DEFECT front matter is not valid YAML (TAB after the dash)", false, false},
		{p2, "MoveGB__personal-development__frameworks-executive-support.md", r("missing-category"), 1, 87, "GAPS communication/impact lack level 1, teamwork has only level 3", false, false},
		{p2, "etsy__Etsy-Engineering-Career-Ladder__index.md", r("missing-category"), 6, 15, "MISSING Engineer I has no Track Record", false, false},
		{p2, "etsy__Etsy-Engineering-Career-Ladder__index.md", r("table-shape"), 2, 2, "TRAP navigation line with a pipe is not a table", true, false},
		{p2, "loanmarket__career-ladder__QA-QE.md", r("duplicate-text"), 100, 121, "DUPLICATE Senior QA/QE statement and bullets written twice", false, false},
		{p2, "loanmarket__career-ladder__Cloud.md", r("duplicate-level", "level-order", "level-gap"), 135, 135, "TRAP '### I am adaptable' is a statement, not a level", true, false},
		{p2, "src-d__guide__talent-career_development.md", r("placeholder"), 164, 166, "PLACEHOLDER ML appendix Engineer III 'No special notes.'", false, true},
		{p2, "alastairmoody-madeye__Engineering-Ladders__Software-Engineer.md", r("duplicate-text"), 82, 91, "SE6 and SE7 identical except Influence", false, false},
		{p2, "skore-io__culture__career-ladder.md", r("missing-category"), 144, 206, "DEFECT Tech lead category names differ from the other levels", false, false},
		{p2, "skore-io__culture__career-ladder.md", r("duplicate-text"), 193, 206, "DEFECT Tech lead people block repeated verbatim", false, false},
		{p2, "civilcode__employee-handbook__engineering-ladder.md", r("placeholder"), 50, 52, "PLACEHOLDER Lead Developer intro 'TBD - ...'", false, false},
		{p2, "civilcode__employee-handbook__engineering-ladder.md", r("placeholder"), 263, 277, "PLACEHOLDER '{TO-DO}' after Management", false, false},
		{p2, "Avila-Tek__docs__docs-engineering-structure-growth-plans-index.md", r("missing-category"), 23, 45, "DEFECT first step's 'Conocimientos Necesarios' glued into a list item", false, false},
		{p2, "stephane-klein__backlog__012-comment-sont-formalisés-les-différents-niveaux-des-développeurs-chez-mycompany.md", r("missing-category"), 3, 18, "MISSING Junior has no Leadership", false, false},
		{p2, "stephane-klein__backlog__012-comment-sont-formalisés-les-différents-niveaux-des-développeurs-chez-mycompany.md", r("duplicate-text"), 41, 44, "DUPLICATE intermediate 'Déploiement...' block twice", false, false},
		{p2, "stephane-klein__backlog__012-comment-sont-formalisés-les-différents-niveaux-des-développeurs-chez-mycompany.md", r("placeholder"), 7, 7, "PLACEHOLDERS 'en ____, ___, ___'", false, true},
		{p2, "urbanairship__techladder__eng.md", r("placeholder"), 342, 345, "Senior Director body 'TBD'", false, false},
		{p2, "urbanairship__techladder__eng.md", r("missing-category"), 245, 250, "Sr. Distinguished Engineer has no categories", false, false},
		{p2, "urbanairship__techladder__eng.md", r("missing-category"), 360, 362, "Senior Vice President / CTO / CIO has no categories", false, false},
		{p2, "urbanairship__techladder__eng.md", r("duplicate-level", "level-order"), 251, 295, "TRAP Tech Lead / Architecture / Engineering Lead Role are roles, not levels", true, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-junior-engineer.md", r("missing-category"), 1, 29, "lowest level lacks 8 of 18 competencies", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-junior-engineer.md", r("duplicate-text"), 7, 8, "COPIED TEXT Delivery Process = Design Adoption", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-middle-i-engineer.md", r("missing-category"), 1, 35, "Impact lacks 4 competencies", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-middle-ii-engineer.md", r("missing-category"), 1, 38, "Impact lacks Experimental Spirit", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-senior-i-engineer.md", r("missing-category"), 1, 38, "Impact lacks Experimental Spirit", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-principal-ii-engineer.md", r("duplicate-level"), 1, 1, "DEFECT H1 'Principal I Engineer' repeats the previous file's level", false, false},
		{p2, "inDriver__handbook__docs-people-crafters-ladders-engineer-track-principal-ii-engineer.md", r("duplicate-text"), 3, 26, "COPIED TEXT Craftsmanship and Impact identical to principal-i", false, false},
	}
	// yangshun 2021: every one of the 8 levels is "_Work in progress_".
	for i := range 8 {
		d = append(d, defect{p1, "yangshun__tech-interview-handbook__contents-engineering-levels.md", r("placeholder"),
			16 + 4*i, 18 + 4*i, fmt.Sprintf("PLACEHOLDER level %d '_Work in progress_'", i+1), false, false})
	}
	return append(d, publicDefects3...)
}()

// defectsFoundFloor is how many of publicDefects were reported when the
// floor was last raised (with the whole corpus present); fewer fails.
const defectsFoundFloor = 39

// checkDefects counts the defects of publicDefects that the run reported.
func checkDefects(t *testing.T, rows []publicRow, run corpusRun) (n defectTally) {
	known := map[string]bool{}
	for _, r := range rows {
		known[r.key()] = true
	}
	var missed, traps []string
	for _, d := range publicDefects {
		key := d.set + "/" + d.file
		if !known[key] {
			continue // corpus absent
		}
		hit := false
		for _, f := range run.findings[key] {
			if f.Range.Start.Line >= d.lo && f.Range.Start.Line <= d.hi && ruleIn(f, d.rules) {
				hit = true
				break
			}
		}
		if d.not {
			if run.ladders[key] == 0 {
				continue // a trap counts once the page is read
			}
			n.trapsSeen++
			if !hit {
				n.trapsKept++
			} else {
				traps = append(traps, fmt.Sprintf("%s:%d-%d: %s reported (%s)", key, d.lo, d.hi, strings.Join(d.rules, "|"), d.what))
				if d.floor {
					t.Errorf("REGRESSION trap %s:%d-%d: %s", key, d.lo, d.hi, d.what)
				}
			}
			continue
		}
		n.expected++
		if d.floor {
			n.floor++
		}
		switch {
		case hit:
			n.found++
		case d.floor:
			t.Errorf("REGRESSION defect no longer reported: %s:%d-%d %s (%s)", key, d.lo, d.hi, strings.Join(d.rules, "|"), d.what)
		default:
			missed = append(missed, fmt.Sprintf("%s:%d-%d: want %s (%s)", key, d.lo, d.hi, strings.Join(d.rules, "|"), d.what))
		}
	}
	for _, m := range missed {
		t.Logf("defect not reported: %s", m)
	}
	if n.found < defectsFoundFloor && len(known) > 30 {
		t.Errorf("REGRESSION: %d MANIFEST defects reported, the floor is %d", n.found, defectsFoundFloor)
	}
	for _, m := range traps {
		t.Logf("trap fallen into: %s", m)
	}
	return n
}

// defectTally counts the MANIFEST defects and traps.
type defectTally struct{ found, expected, floor, trapsKept, trapsSeen int }

func ruleIn(f finding.Finding, rules []string) bool {
	return slices.Contains(rules, "*") || slices.Contains(rules, f.Rule)
}

// publicDefects3 are the defects of our own finds (testdata/public-ladders-3).
var publicDefects3 = []defect{
	{p3, "syncromatics__career-framework__SyncromaticsEngineeringCareerFramework.md", r("duplicate-text"), 40, 40, "COPIED TEXT Associate repeats Intern's Scope and Ownership cells", false, false},
}

// TestParseLadders checks the MANIFEST levels syntax the corpus test reads.
func TestParseLadders(t *testing.T) {
	got := joinLadders(parseLadders(`A\, B,C\;D;1,2`))
	if want := "A, B,C;D ; 1,2"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if l := parseLadders(`Déploiement\, Performance,x`); len(l) != 1 || len(l[0]) != 2 || l[0][0] != "Déploiement, Performance" {
		t.Errorf("escaped comma split: %q", l)
	}
	if stripOrdinal("1. Associate Engineer") != "Associate Engineer" || stripOrdinal("1,2") != "1,2" {
		t.Error("stripOrdinal")
	}
}

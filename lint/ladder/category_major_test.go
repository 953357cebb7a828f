package ladder_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// TestCategoryMajorCivilCode reads the real category-major page (copied in
// testdata/extract) with a matcher that knows its four titles, as the
// default matcher will: one ladder, levels in order of first appearance,
// the four competencies as categories, every cell the bullets under its
// bold label ("A __Junior Developer__ is capable of:") and nothing else
// (the "{TO-DO}" line after the last list stays out).
func TestCategoryMajorCivilCode(t *testing.T) {
	m := namesMatcher(t, "Junior Developer", "Intermediate Developer", "Senior Developer", "Lead Developer")
	f, ls := extractWith(t, "../../testdata/extract/category-major-civilcode.md", m)
	if len(ls) != 1 {
		t.Fatalf("%d ladders, want 1", len(ls))
	}
	l := ls[0]
	var cats []string
	for _, c := range l.Categories {
		cats = append(cats, c.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n", l.Name, l.Format, strings.Join(cats, ", "))
	for _, lv := range l.Levels {
		fmt.Fprintf(&b, "%s@%d:", lv.Label, f.Pos(lv.Span.Start).Line)
		for _, c := range lv.Cells {
			r := f.SpanRange(c.Span)
			fmt.Fprintf(&b, " %d@%d-%d", len(c.Items), r.Start.Line, r.End.Line)
		}
		b.WriteByte('\n')
	}
	want := `Competencies category-headings: Business Analysis, Software Development, Leadership and Communication, Management
Junior Developer@91: 3@93-95 9@130-138 11@187-197 1@242-242
Intermediate Developer@97: 2@99-100 13@142-154 5@201-205 8@246-253
Senior Developer@102: 2@104-105 4@158-161 6@209-214 5@257-261
Lead Developer@107: 2@109-110 1@165-165 6@218-223 11@265-275
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestCategoryMajorTiers reads the real tier page: five areas under
// "## Levels", each a one-category ladder of five tiers ranked by position;
// the navigation heading "#### [README](README.md)" at the end is no tier.
func TestCategoryMajorTiers(t *testing.T) {
	_, ls := extractWith(t, "../../testdata/extract/category-major-tiers-techtaka.md", namesMatcher(t, "Product Manager 3", "Product Manager 4", "Product Manager 5"))
	var got []string
	for _, l := range ls {
		var levels []string
		for _, lv := range l.Levels {
			levels = append(levels, fmt.Sprintf("%s=%d", lv.Label, lv.Rank))
		}
		got = append(got, l.Categories[0].Name+": "+strings.Join(levels, ","))
	}
	want := []string{
		"Expertise: Adopts=1,Specializes=2,Evangelizes=3,Masters=4,Creates=5",
		"Problem Solving: Understands=1,Analyzes=2,Resolves=3,Defines=4,Establishes=5",
		"Communication: Learns=1,Supports=2,Coordinates=3,Leads=4,Orchestrates=5",
		"Process: Follows=1,Enforces=2,Challenges=3,Adjusts=4,Defines=5",
		"Influence: Individual=1,Team=2,Platform=3,Organization=4,Company=5",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCategoryMajorNotTwoTracks checks that two level-major tracks side by
// side — most levels under one heading only — are not read as categories.
func TestCategoryMajorNotTwoTracks(t *testing.T) {
	m := namesMatcher(t, "Intern", "Junior Engineer", "Engineer", "Senior Engineer", "Team Lead", "Director")
	page := "# Career ladder\n\n## Individual contributors\n\n### Intern\n\nLearns.\n\n### Junior Engineer\n\nShips.\n\n### Engineer\n\nOwns.\n\n" +
		"## Managers\n\n### Team Lead\n\nLeads.\n\n### Director\n\nDirects.\n\n### Engineer\n\nAlso here.\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "tracks.md")
	writeFile(t, path, page)
	_, ls := extractWith(t, path, m)
	for _, l := range ls {
		if l.Format == ladder.CategoryMajor {
			t.Errorf("category-major ladder %q with categories %v", l.Name, l.Categories)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

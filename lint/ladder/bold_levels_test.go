package ladder_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// namesMatcher is the default matcher plus the given level names, each
// numbered in the order given ("SEV1" → X1, "SEV2" → X2 …): a matcher that
// recognises every label of a page, as a richer default one will.
func namesMatcher(t *testing.T, names ...string) *ladder.Matcher {
	t.Helper()
	m, err := ladder.NewMatcher(ladder.DefaultLevelPatterns)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for i, n := range names {
		codes[n] = "X" + string(rune('1'+i%9))
	}
	if err := m.AddNames(codes); err != nil {
		t.Fatal(err)
	}
	return m
}

func extractWith(t *testing.T, path string, m *ladder.Matcher) (*source.File, []*ladder.Ladder) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := source.NewFile(filepath.Base(path), data)
	page := markdown.Parse(f, markdown.DefaultLimits)
	return f, ladder.Extract(page, ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders})
}

// TestBoldNegatives runs the negative pages with a matcher that knows every
// bold label on them, so that only the context can keep them out: an FAQ,
// a glossary of job titles among other terms, incident severities, release
// versions and a process maturity model are not ladders. The positive
// control shows the same matcher does find a ladder of bold levels.
func TestBoldNegatives(t *testing.T) {
	m := namesMatcher(t, "Engineer", "Senior Engineer", "Staff Engineer", "SEV1", "SEV2", "SEV3",
		"Version 1", "Version 2", "Version 3", "Level 1", "Level 2", "Level 3", "Level 4")
	for _, name := range []string{"faq", "glossary", "severity", "release-notes", "maturity"} {
		t.Run(name, func(t *testing.T) {
			_, ls := extractWith(t, "../../testdata/extract/bold-negative-"+name+".md", m)
			for _, l := range ls {
				t.Errorf("ladder %q (%s) with %d levels, want none", l.Name, l.Format, len(l.Levels))
			}
		})
	}
	t.Run("control", func(t *testing.T) {
		page := "# Career ladder\n\n**Engineer**\n\nShips features.\n\n**Senior Engineer**\n\nLeads projects.\n\n**Staff Engineer**\n\nLeads across teams.\n"
		f := source.NewFile("control.md", []byte(page))
		ls := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits), ladder.Options{Levels: m})
		if len(ls) != 1 || len(ls[0].Levels) != 3 || ls[0].Format != ladder.BoldLevels {
			t.Fatalf("got %d ladders, want one bold-levels ladder of 3 levels", len(ls))
		}
	})
}

// TestBoldLevelsForms checks the label forms one at a time: what makes a
// level, what it says, and what does not make one.
func TestBoldLevelsForms(t *testing.T) {
	m := namesMatcher(t, "Junior Developer", "Senior Developer", "Lead Developer")
	for _, tc := range []struct {
		name, page string
		want       string // level: cell text | … ; "" for no ladder
	}{
		{"article and colon", "# Roles\n\nA __Junior Developer__ is capable of:\n\n- a\n- b\n\nSome page prose.\n\nA __Senior Developer__ is capable of:\n\n- c\n",
			"Junior Developer: a b | Senior Developer: c"},
		{"inline text", "# Career\n\n**Junior Developer**: writes code.\n\n**Senior Developer** — reviews code.\n",
			"Junior Developer: writes code. | Senior Developer: reviews code."},
		{"numbered items", "# Job titles\n\n1. Junior Developer\n   - learns\n2. Senior Developer\n   - teaches\n",
			"Junior Developer: learns | Senior Developer: teaches"},
		{"bold in a sentence", "# Career\n\nWe hire a **Junior Developer** every spring and train them.\n\nOur **Senior Developer** leads.\n", ""},
		{"navigation links", "# Career\n\n- [Junior Developer](junior.md)\n- [Senior Developer](senior.md)\n- [Lead Developer](lead.md)\n", ""},
		{"one level", "# Career\n\n**Junior Developer**\n\nLearns.\n", ""},
		{"counter word above", "# Staffing plan\n\n**Junior Developer**\n\nTwo hires.\n\n**Senior Developer**\n\nOne hire.\n", ""},
		{"same page, career heading", "# Career ladder\n\n**Junior Developer**\n\nLearns.\n\n**Senior Developer**\n\nTeaches.\n",
			"Junior Developer: Learns. | Senior Developer: Teaches."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := source.NewFile(tc.name+".md", []byte(tc.page))
			ls := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits), ladder.Options{Levels: m})
			var got []string
			for _, l := range ls {
				for _, lv := range l.Levels {
					var cells []string
					for _, c := range lv.Cells {
						if c != nil {
							cells = append(cells, c.Text)
						}
					}
					got = append(got, lv.Label+": "+strings.Join(cells, " / "))
				}
			}
			if g := strings.Join(got, " | "); g != tc.want {
				t.Errorf("got  %q\nwant %q", g, tc.want)
			}
		})
	}
}

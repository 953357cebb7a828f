package markdown

import (
	"strings"
	"testing"
)

// TestMayHoldLadderLabels checks the clauses for bold-level, list-level and
// tier pages: two labelled lines keep a page, one does not, prose that only
// mentions a level does not, and a "Levels" heading over enough deeper
// headings does.
func TestMayHoldLadderLabels(t *testing.T) {
	isLevel := func(s string) bool {
		switch strings.TrimSpace(s) {
		case "Junior Developer", "Senior Developer", "Level 2", "Level 3":
			return true
		}
		return false
	}
	for _, tc := range []struct {
		name, page string
		want       bool
	}{
		{"bold paragraphs", "**Junior Developer**\n\ntext\n\n**Senior Developer**\n", true},
		{"article labels", "A __Junior Developer__ is capable of:\n\n- x\n\nA __Senior Developer__ is capable of:\n", true},
		{"bold items", "- **Level 2**\n  - x\n- **Level 3**\n", true},
		{"numbered items", "1. Junior Developer\n2. Senior Developer\n", true},
		{"colon items", "* Level 2: ships\n* Level 3: leads\n", true},
		{"one label", "**Junior Developer**\n\ntext\n", false},
		{"prose mentions", "We hire a **Junior Developer** and a **Senior Developer**.\n", false},
		{"unclosed bold", "**Junior Developer\n**Senior Developer\n", false},
		{"tier page", "## Levels\n\n### A\n#### a1\n#### a2\n#### a3\n### B\n#### b1\n#### b2\n#### b3\n", true},
		{"tier page too small", "## Levels\n\n### A\n#### a1\n#### a2\n### B\n#### b1\n#### b2\n", false},
		{"headings without a levels heading", "## Plans\n\n### A\n#### a1\n#### a2\n#### a3\n### B\n#### b1\n#### b2\n#### b3\n", false},
	} {
		if got := MayHoldLadder([]byte(tc.page), isLevel); got != tc.want {
			t.Errorf("%s: MayHoldLadder = %v, want %v", tc.name, got, tc.want)
		}
	}
}

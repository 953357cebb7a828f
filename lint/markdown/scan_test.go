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

// TestMayHoldLadderTables checks the table clauses: a table is parsed when
// a cell opens with a level label (as the parser will read it: the first
// behaviour, inline marks dropped), or a cell is a "Level" caption, or the
// page's tables may hit DefaultLimits; a table of other things is not.
func TestMayHoldLadderTables(t *testing.T) {
	isLevel := func(s string) bool {
		switch strings.TrimSpace(s) {
		case "Junior Developer", "Senior Developer", "Level 2", "Level 3":
			return true
		}
		return false
	}
	wide := "|" + strings.Repeat(" a |", 1000) + "\n|" + strings.Repeat("---|", 1000) + "\n"
	for _, tc := range []struct {
		name, page string
		want       bool
	}{
		{"pipe rows", "| Level | Code |\n|---|---|\n| Level 2 | x |\n| Level 3 | y |\n", true},
		{"pipe header", "| | Level 2 | Level 3 |\n|---|---|---|\n| Code | x | y |\n", true},
		{"pipe first behaviour", "| a |\n|---|\n| Level 2<br>ships |\n| **Level 3**<br/>leads |\n", true},
		{"pipe italic and escaped", "| a |\n|---|\n| *Junior Developer* |\n| Senior\\_Developer |\n", true},
		{"pipe one label", "| a | b |\n|---|---|\n| Level 2 | x |\n| Plans | y |\n", true},
		{"pipe label second behaviour", "| a |\n|---|\n| ships<br>Level 2 |\n| leads<br>Level 3 |\n", false},
		{"pipe caption", "| Level | Expectations |\n|---|---|\n| 2 | ships |\n", true},
		{"pipe table of other things", "| Plan | Price |\n|---|---|\n| Free | 0 |\n| Pro | 9 |\n", false},
		{"html rows", "<table>\n<tr><td><b>Level 2</b></td><td>x</td></tr>\n<TR><TD class=a>\n  <p>Level 3</p>\n  <p>leads</p></TD></TR>\n</table>\n", true},
		{"html bullets", "<table><tr><td>\n- Junior Developer\n- ships</td><td>• Senior Developer • leads</td></tr></table>\n", true},
		{"html comment", "<table><tr><td><!-- Level 2 -->x</td><td>y</td></tr></table>\n", false},
		{"html in-cell caption", "<table><tr><td><h3>Level</h3><p>2</p></td><td>x</td></tr></table>\n", true},
		{"html table of other things", "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Free</td><td>0</td></tr></table>\n", false},
		{"html tag cut by the end of the page", "<tABle><th>x<th>A0<tr>0<td>0<td>A<tr><th>Level 2<A", true},
		{"html table after one in a code span", "Write `<table><td>` for a table.\n\n<table><tr><td>Level 2</td></tr></table>\n", true},
		{"spans", "<table><tr><td colspan=2>x</td></tr></table>\n", true},
		{"wide pipe table", wide, true},
	} {
		if got := MayHoldLadder([]byte(tc.page), isLevel); got != tc.want {
			t.Errorf("%s: MayHoldLadder = %v, want %v", tc.name, got, tc.want)
		}
	}
}

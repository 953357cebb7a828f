package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// LevelOrder reports levels out of order within a track. Ascending and
// descending ladders are both fine; mixing directions is not.
type LevelOrder struct{}

func (LevelOrder) ID() string                { return "level-order" }
func (LevelOrder) Default() finding.Severity { return finding.Error }
func (LevelOrder) Summary() string           { return "levels are not in ascending or descending order" }
func (LevelOrder) Help() string {
	return "Readers scan a ladder from one end to the other. List the levels of a track from lowest to highest " +
		"(or highest to lowest) without jumping back."
}

func (LevelOrder) Check(c *Context, l *ladder.Ladder) {
	last := map[string]*ladder.Level{}
	dir := map[string]int{}
	for _, lv := range l.Levels {
		if lv.Parsed.Ordinal {
			continue // seniority words: companies order them differently
		}
		prev, ok := last[lv.Track]
		last[lv.Track] = lv
		if !ok || prev.Rank == lv.Rank && prev.Parsed.Sub == lv.Parsed.Sub {
			continue
		}
		d := 1
		if lv.Rank < prev.Rank || lv.Rank == prev.Rank && lv.Parsed.Sub < prev.Parsed.Sub {
			d = -1
		}
		if dir[lv.Track] == 0 {
			dir[lv.Track] = d
			continue
		}
		if d != dir[lv.Track] {
			want := "lowest to highest"
			if dir[lv.Track] < 0 {
				want = "highest to lowest"
			}
			c.Report(lv.Span, lv, "", fmt.Sprintf("level %q comes after %q, but the other levels go from %s", lv.Label, prev.Label, want))
			last[lv.Track] = prev
		}
	}
}

package check

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// LevelGap reports a rank missing inside a track (IC1, IC2, IC4). A track
// may start above 1 (M3..M6) without that being a gap.
type LevelGap struct{}

func (LevelGap) ID() string        { return "level-gap" }
func (LevelGap) Default() Severity { return Error }
func (LevelGap) Summary() string {
	return "a level is missing inside a track (IC3 between IC2 and IC4)"
}
func (LevelGap) Help() string {
	return "Every rank between a track's lowest and highest level should be described, so that everyone can see what the next step asks of them. " +
		"Add the missing level (a placeholder row saying it is not defined yet is fine), or renumber the levels."
}

func (LevelGap) Check(c *Context, l *ladder.Ladder) {
	byTrack := map[string][]*ladder.Level{}
	var tracks []string
	for _, lv := range l.Levels {
		if byTrack[lv.Track] == nil {
			tracks = append(tracks, lv.Track)
		}
		byTrack[lv.Track] = append(byTrack[lv.Track], lv)
	}
	for _, tr := range tracks {
		levels := append([]*ladder.Level(nil), byTrack[tr]...)
		sort.SliceStable(levels, func(i, j int) bool { return levels[i].Rank < levels[j].Rank })
		for i := 1; i < len(levels); i++ {
			lo, hi := levels[i-1], levels[i]
			if hi.Rank-lo.Rank <= 1 {
				continue
			}
			missing := fmt.Sprintf("%q", rankName(lo, tr, lo.Rank+1))
			if hi.Rank-lo.Rank > 2 {
				missing = fmt.Sprintf("levels %s to %s are", rankName(lo, tr, lo.Rank+1), rankName(lo, tr, hi.Rank-1))
			} else {
				missing = "level " + missing + " is"
			}
			// Point at whichever neighbour comes later in the page, and
			// name the two in page order.
			first, at := lo, hi
			if lo.Span.Start > hi.Span.Start {
				first, at = hi, lo
			}
			c.Report(at.Span, at, "", fmt.Sprintf("%s missing between %q and %q", missing, first.Label, at.Label))
		}
	}
}

// rankName names rank r of track tr as the page would: a bare number when
// the page numbers its levels with bare numbers ("level: 2" in YAML front
// matter), else the track's code ("IC3").
func rankName(lv *ladder.Level, tr string, r int) string {
	if lv.Label == strconv.Itoa(lv.Rank) {
		return strconv.Itoa(r)
	}
	return fmt.Sprintf("%s%d", tr, r)
}

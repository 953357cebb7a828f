package check

import (
	"fmt"
	"sort"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// LevelGap reports a rank missing inside a track (IC1, IC2, IC4). A track
// may start above 1 (M3..M6) without that being a gap. For a ladder stored
// one level per file with an index page, it also reports a listed level
// that no page holds and a level page the index does not list.
type LevelGap struct{}

func (LevelGap) ID() string                { return "level-gap" }
func (LevelGap) Default() finding.Severity { return finding.Error }
func (LevelGap) Summary() string {
	return "a level is missing inside a track (IC3 between IC2 and IC4)"
}
func (LevelGap) Help() string {
	return "Every rank between a track's lowest and highest level should be described, so that everyone can see what the next step asks of them. " +
		"Add the missing level (a placeholder row saying it is not defined yet is fine), or renumber the levels."
}

func (LevelGap) Check(c *Context, l *ladder.Ladder) {
	indexGaps(c, l)
	byTrack := map[string][]*ladder.Level{}
	var tracks []string
	for _, lv := range l.Levels {
		if lv.Parsed.Ordinal {
			continue // "Senior", "Staff": an order, not a count
		}
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
			if lo.Parsed.Transition && lo.Parsed.To > 0 {
				// A growth plan of moves ("SWE-3 → SWE-6"): whole when each
				// move ends where the next starts, whatever ranks it skips.
				transitionGap(c, lo, hi)
				continue
			}
			// Name the missing levels the way the page writes its labels.
			name := lo.Parsed.Name
			missing := fmt.Sprintf("level %q is", name(lo.Rank+1))
			if hi.Rank-lo.Rank > 2 {
				missing = fmt.Sprintf("levels %s to %s are", name(lo.Rank+1), name(hi.Rank-1))
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

// transitionGap reports a move that ends before the next one starts
// ("SWE-1 → SWE-2" then "SWE-3 → SWE-4": no move from SWE-2 to SWE-3).
func transitionGap(c *Context, lo, hi *ladder.Level) {
	if lo.Parsed.To >= hi.Rank {
		return
	}
	name := lo.Parsed.Name
	at := hi // the later of the two in the page
	if lo.Span.Start > hi.Span.Start {
		at = lo
	}
	c.Report(at.Span, at, "", fmt.Sprintf("no step leads from %s to %s: %q ends at %s and %q starts at %s",
		name(lo.Parsed.To), name(hi.Rank), lo.Label, name(lo.Parsed.To), hi.Label, name(hi.Rank)))
}

// indexGaps reports, for a ladder stored one level per file whose index
// page lists the levels, a listed level that no page holds (at the listing)
// and a level page the index does not list (at the page's title).
func indexGaps(c *Context, l *ladder.Ladder) {
	if l.Index == nil {
		return
	}
	listed := map[*ladder.Level]bool{}
	for _, ls := range l.Listings {
		if ls.Level != nil {
			listed[ls.Level] = true
			continue
		}
		c.ReportIn(l.Index, c.checker.severity(c.rule), ls.Span, nil, "",
			fmt.Sprintf("level %q is listed here but no page in the folder holds it", ls.Label))
	}
	for _, lv := range l.Levels {
		if !listed[lv] && lv.File != nil {
			c.Report(lv.Span, lv, "", fmt.Sprintf("level %q is not listed in the index %s", lv.Label, l.Index.Path))
		}
	}
}

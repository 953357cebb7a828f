// Package diff compares the ladders of two versions of a handbook and says
// what changed in words a reviewer reads: ladders added or removed, levels
// added, removed or renamed, categories added, removed or renamed, and
// expectations (list items, or the sentences of a prose cell) added,
// removed, edited or moved between levels and categories, plus the areas of
// expectation a level gained or lost.
//
// The core, Pages, takes two sets of parsed pages and knows nothing of git;
// git (ReadBase) is only how the command line gets the base version.
package diff

import (
	"sort"
	"strings"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Page is one version of a page and the ladders recognised on it.
type Page struct {
	// Path is slash-separated and is what base and head pages are matched by.
	Path    string
	File    *source.File
	Ladders []*ladder.Ladder
}

// Options tune the comparison.
type Options struct {
	// Areas are the configured areas of expectation; with none, area
	// coverage is not compared.
	Areas []ladder.Area
	// Renames maps a base path to its head path (git's rename detection).
	Renames map[string]string
	// Threshold is the word similarity (0..1) at which a changed
	// expectation counts as an edit of an old one rather than a removal and
	// an addition (0 = DefaultThreshold).
	Threshold float64
}

// DefaultThreshold is the similarity at or above which two expectations are
// one expectation edited: half of their words in common (Dice coefficient).
const DefaultThreshold = 0.5

// moveThreshold is the similarity an expectation needs to count as moved
// (and edited) into another level or category: higher than an edit in
// place, since any two cells of a ladder share some words.
const moveThreshold = 0.7

// Change is the kind of a change.
type Change string

// Kinds of change.
const (
	Added   Change = "added"
	Removed Change = "removed"
	Changed Change = "changed" // a ladder or level whose content changed
	Renamed Change = "renamed" // a level or category under a new name
	Edited  Change = "edited"  // an expectation reworded in place
	Moved   Change = "moved"   // an expectation now in another level or category
)

// Report is the change between two handbook versions.
type Report struct {
	// Base names the base version (a git revision), for headings.
	Base string `json:"base"`
	// Ladders holds every ladder that changed, sorted by head path and line
	// (removed ladders by their base path and line).
	Ladders []Ladder `json:"ladders"`
	// Unchanged counts the ladders found in both versions with no change.
	Unchanged int `json:"unchanged"`
}

// Ladder is the change of one ladder. Lines are 1-based; Line is in the
// head version, OldLine in the base version (0 when absent there).
type Ladder struct {
	Change  Change `json:"change"`
	Path    string `json:"path"`
	OldPath string `json:"old_path,omitempty"`
	Name    string `json:"name"`
	OldName string `json:"old_name,omitempty"`
	Format  string `json:"format"`
	Line    int    `json:"line,omitempty"`
	OldLine int    `json:"old_line,omitempty"`
	// Levels lists the level codes of an added or removed ladder.
	LevelCodes []string         `json:"level_codes,omitempty"`
	Categories []CategoryChange `json:"categories,omitempty"`
	Levels     []Level          `json:"levels,omitempty"`

	// span is the ladder at head, oldSpan at the base (for findings).
	span, oldSpan source.Span
}

// CategoryChange is a category added, removed or renamed.
type CategoryChange struct {
	Change  Change `json:"change"`
	Name    string `json:"name,omitempty"`
	OldName string `json:"old_name,omitempty"`
}

// Level is the change of one level. Code and Label are the head's (empty
// for a removed level), OldCode and OldLabel the base's.
type Level struct {
	Change   Change `json:"change"`
	Code     string `json:"code,omitempty"`
	Label    string `json:"label,omitempty"`
	OldCode  string `json:"old_code,omitempty"`
	OldLabel string `json:"old_label,omitempty"`
	Line     int    `json:"line,omitempty"`
	OldLine  int    `json:"old_line,omitempty"`
	// Count is how many expectations an added or removed level holds.
	Count        int           `json:"count,omitempty"`
	Expectations []Expectation `json:"expectations,omitempty"`
	AreasGained  []string      `json:"areas_gained,omitempty"`
	AreasLost    []string      `json:"areas_lost,omitempty"`

	oldSpan source.Span // the base label (for findings)
}

// Expectation is one expectation added, removed, edited or moved. A moved
// expectation is listed under the level it moved to; FromLevel and
// FromCategory say where it was. Category "" is a level's summary.
type Expectation struct {
	Change       Change `json:"change"`
	Category     string `json:"category"`
	FromLevel    string `json:"from_level,omitempty"`
	FromCategory string `json:"from_category,omitempty"`
	Text         string `json:"text,omitempty"`
	OldText      string `json:"old_text,omitempty"`
	// Similarity is the word similarity of an edited or moved expectation
	// with its old text (1 = same words).
	Similarity float64 `json:"similarity,omitempty"`
	// Words is the word-level edit of an edited or reworded moved expectation.
	Words   []Word `json:"words,omitempty"`
	Line    int    `json:"line,omitempty"`
	OldLine int    `json:"old_line,omitempty"`
}

// Word is a run of words kept ("="), deleted ("-") or inserted ("+").
type Word struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Pages compares the base and head page sets.
func Pages(base, head []Page, opt Options) *Report {
	if opt.Threshold <= 0 {
		opt.Threshold = DefaultThreshold
	}
	r := &Report{Ladders: []Ladder{}}
	headByPath := map[string]*Page{}
	for i := range head {
		headByPath[head[i].Path] = &head[i]
	}
	baseByPath := map[string]*Page{}
	for i := range base {
		baseByPath[base[i].Path] = &base[i]
	}
	type side struct {
		page *Page
		l    *ladder.Ladder
		done bool
	}
	var oldLeft, newLeft []*side
	pairedHead := map[string]bool{}
	for i := range base {
		bp := &base[i]
		hp := headByPath[bp.Path]
		if to, ok := opt.Renames[bp.Path]; ok && headByPath[to] != nil && (hp == nil || baseByPath[to] == nil) {
			hp = headByPath[to]
		}
		if hp == nil {
			for _, l := range bp.Ladders {
				oldLeft = append(oldLeft, &side{page: bp, l: l})
			}
			continue
		}
		pairedHead[hp.Path] = true
		olds, news := matchLadders(bp.Ladders, hp.Ladders)
		for i, nl := range olds {
			if nl == nil {
				oldLeft = append(oldLeft, &side{page: bp, l: bp.Ladders[i]})
				continue
			}
			r.add(compareLadders(bp, bp.Ladders[i], hp, nl, opt))
		}
		for j, ol := range news {
			if ol == nil {
				newLeft = append(newLeft, &side{page: hp, l: hp.Ladders[j]})
			}
		}
	}
	for i := range head {
		if !pairedHead[head[i].Path] {
			for _, l := range head[i].Ladders {
				newLeft = append(newLeft, &side{page: &head[i], l: l})
			}
		}
	}
	// A ladder that left one page and appears on another with the same
	// levels moved with its page (a rename git did not see) or to a new page.
	for _, o := range oldLeft {
		if len(oldLeft)*len(newLeft) > maxLadderPairs {
			break
		}
		for _, n := range newLeft {
			if n.done || levelSimilarity(o.l, n.l) < 0.8 {
				continue
			}
			o.done, n.done = true, true
			r.add(compareLadders(o.page, o.l, n.page, n.l, opt))
			break
		}
	}
	for _, o := range oldLeft {
		if !o.done {
			r.Ladders = append(r.Ladders, Ladder{Change: Removed, OldPath: o.page.Path, Path: o.page.Path, Name: o.l.Name,
				Format: string(o.l.Format), OldLine: line(o.page.File, o.l.Span.Start), LevelCodes: codes(o.l), oldSpan: o.l.Span})
		}
	}
	for _, n := range newLeft {
		if !n.done {
			r.Ladders = append(r.Ladders, Ladder{Change: Added, Path: n.page.Path, Name: n.l.Name,
				Format: string(n.l.Format), Line: line(n.page.File, n.l.Span.Start), LevelCodes: codes(n.l)})
		}
	}
	sort.SliceStable(r.Ladders, func(i, j int) bool {
		a, b := r.Ladders[i], r.Ladders[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return max(a.Line, a.OldLine) < max(b.Line, b.OldLine)
	})
	return r
}

// add records c when something changed.
func (r *Report) add(c Ladder) {
	if c.Change == "" {
		r.Unchanged++
		return
	}
	r.Ladders = append(r.Ladders, c)
}

func line(f *source.File, offset int) int {
	if f == nil {
		return 0
	}
	return f.Pos(offset).Line
}

func codes(l *ladder.Ladder) []string {
	out := make([]string, 0, len(l.Levels))
	for _, lv := range l.Levels {
		out = append(out, levelKey(lv))
	}
	return out
}

// levelKey names a level: its code, else its label.
func levelKey(lv *ladder.Level) string {
	if lv.Code != "" {
		return lv.Code
	}
	return lv.Label
}

// norm is the comparison form of a name or an expectation: lower case,
// spaces collapsed, surrounding punctuation dropped.
func norm(s string) string {
	return strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), " .;:,-–—*•")
}

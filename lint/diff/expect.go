package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// unit is one expectation of one version of a ladder: a sentence of a list
// item or of a prose cell.
type unit struct {
	level *ladder.Level
	// at is the head level the unit's level maps to (the level itself for
	// head units; nil for the units of a removed level).
	at *ladder.Level
	// category is as written; place is the head category it maps to.
	category, place string
	text, key       string
	words           []string // sorted comparison words
	line            int
	other           *unit // the unit of the other version it was matched with
	kind            Change
	sim             float64
}

// units lists the expectations of level lv of page p; at is the head level
// lv maps to and catMap maps its categories to head names (nil: as written).
func units(p *Page, lv, at *ladder.Level, catMap map[string]string) []*unit {
	var out []*unit
	for _, c := range append([]*ladder.Cell{lv.Summary}, lv.Cells...) {
		if c == nil || c.Empty() {
			continue
		}
		cat := c.Category
		if c == lv.Summary {
			cat = ""
		}
		place := cat
		if catMap != nil {
			if m, ok := catMap[cat]; ok {
				place = m
			} else {
				place = "\x00" + cat // a removed category: nothing stays in place there
			}
		}
		add := func(text string, offset int) {
			text = strings.Join(strings.Fields(text), " ")
			if norm(text) == "" {
				return
			}
			out = append(out, &unit{level: lv, at: at, category: cat, place: place, text: text, key: norm(text),
				words: words(text), line: line(p.File, offset)})
		}
		// Each sentence of a list item, or of a prose cell, is one
		// expectation: prose turned into a list (or the reverse) then
		// reads as moved, not as everything removed and added.
		if len(c.Items) > 1 {
			for _, it := range c.Items {
				for _, s := range sentences(it.Value) {
					add(s, it.Span.Start)
				}
			}
			continue
		}
		for _, s := range sentences(c.Text) {
			add(s, c.Span.Start)
		}
	}
	return out
}

// sentences splits prose at a full stop, question or exclamation mark
// followed by a space and a capital letter, a digit or a quote, and at an
// ideographic full stop.
func sentences(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		end := i + size
		if r == '。' || r == '！' || r == '？' {
			out = append(out, text[start:end])
			start = end
		} else if (r == '.' || r == '!' || r == '?') && end+1 < len(text) && text[end] == ' ' {
			next, _ := utf8.DecodeRuneInString(text[end+1:])
			if unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“'‘(", next) {
				out = append(out, text[start:end])
				start = end + 1
			}
		}
		i = end
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

// maxPairs bounds the similarity comparisons of one ladder (the leftover
// old expectations times the leftover new ones) before moves are looked
// for; past it, what is left is added and removed.
const maxPairs = 250_000

// matchUnits links each new expectation to the old one it continues: the
// same text in the same place, the same text elsewhere (moved), similar
// text in the same place (edited), similar text elsewhere (moved and
// edited). What stays unlinked was added or removed.
func matchUnits(olds, news []*unit, threshold float64) {
	type placeKey struct {
		at       *ladder.Level
		place    string
		key      string
		anywhere bool
	}
	idx := map[placeKey][]*unit{}
	for _, u := range olds {
		if u.at != nil {
			k := placeKey{at: u.at, place: u.place, key: u.key}
			idx[k] = append(idx[k], u)
		}
		k := placeKey{key: u.key, anywhere: true}
		idx[k] = append(idx[k], u)
	}
	take := func(k placeKey) *unit {
		for _, u := range idx[k] {
			if u.other == nil {
				return u
			}
		}
		return nil
	}
	link := func(o, n *unit, kind Change, sim float64) {
		o.other, n.other, n.kind, n.sim = n, o, kind, sim
	}
	for _, n := range news {
		if o := take(placeKey{at: n.level, place: n.category, key: n.key}); o != nil {
			link(o, n, "", 1)
		}
	}
	for _, n := range news {
		if n.other == nil {
			if o := take(placeKey{key: n.key, anywhere: true}); o != nil {
				link(o, n, Moved, 1)
			}
		}
	}
	var oldLeft, newLeft []*unit
	for _, u := range olds {
		if u.other == nil {
			oldLeft = append(oldLeft, u)
		}
	}
	for _, u := range news {
		if u.other == nil {
			newLeft = append(newLeft, u)
		}
	}
	type place struct {
		at    *ladder.Level
		place string
	}
	byPlace := map[place][]*unit{}
	for _, o := range oldLeft {
		if o.at != nil {
			byPlace[place{o.at, o.place}] = append(byPlace[place{o.at, o.place}], o)
		}
	}
	best := func(n *unit, min float64, candidates []*unit) {
		var pick *unit
		bestSim := min
		for _, o := range candidates {
			if o.other != nil {
				continue
			}
			if s := similarity(o.words, n.words); s >= bestSim && (pick == nil || s > bestSim) {
				pick, bestSim = o, s
			}
		}
		if pick != nil {
			kind := Edited
			if pick.at != n.level || pick.place != n.category {
				kind = Moved
			}
			link(pick, n, kind, bestSim)
		}
	}
	// Similar text in the same place: each new expectation against the old
	// ones of its cell, while that stays within maxPairs in all.
	pairs := 0
	for _, n := range newLeft {
		c := byPlace[place{n.level, n.category}]
		if pairs += len(c); pairs > maxPairs {
			break
		}
		best(n, threshold, c)
	}
	if len(oldLeft)*len(newLeft) > maxPairs {
		return
	}
	for _, n := range newLeft {
		if n.other == nil {
			best(n, max(threshold, moveThreshold), oldLeft)
		}
	}
}

// change is the Expectation a head unit records, if any; units of an
// added level are only counted.
func (n *unit) change(levelAdded bool) (Expectation, bool) {
	o := n.other
	switch {
	case o == nil:
		if levelAdded {
			return Expectation{}, false
		}
		return Expectation{Change: Added, Category: n.category, Text: n.text, Line: n.line}, true
	case n.kind == "":
		return Expectation{}, false
	}
	e := Expectation{Change: n.kind, Category: n.category, Text: n.text, Line: n.line, OldLine: o.line}
	if n.kind == Moved {
		e.FromLevel, e.FromCategory = levelKey(o.level), o.category
	}
	if o.key != n.key { // not only spaces, case or end punctuation
		e.OldText, e.Similarity, e.Words = o.text, round2(n.sim), wordDiff(o.text, n.text)
	}
	return e, true
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

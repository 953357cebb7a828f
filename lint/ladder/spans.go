package ladder

import (
	"strconv"
	"strings"

	"github.com/ladderlint/ladderlint/lint/source"
)

// Origin is where a value of a Document was read from.
type Origin struct {
	// File is the page Span indexes: the ladder's, or its level's own page.
	File *source.File
	Span source.Span
	// Level is the level the value belongs to; nil for ladder-wide values.
	Level *Level
	// Cell is the cell (or level summary) the value belongs to, if any.
	Cell *Cell
	// Category names the cell's or header's category; "" for a summary.
	Category string
}

// Spans maps the JSON pointers (RFC 6901) of one Document to the source
// they were read from. It is recorded while the document is built, so that
// what the document leaves out (missing cells) never has to be worked out
// again from a path.
//
// Only the values whose origin differs from their parent's are recorded:
// the document itself (the ladder's start), each category header, each
// level (its label), each level's summary and each of its cells. A
// behaviour of a cell or summary (/levels/1/cells/0/items/3) resolves to
// the behaviour, read from its cell; every other pointer (/levels/0/code,
// /levels/2/areas) to its nearest recorded ancestor.
type Spans struct {
	at map[string]Origin
}

// newSpans is the index of l's document, sized for what it records.
func newSpans(l *Ladder) *Spans {
	n := 3 + len(l.Categories)
	for _, lv := range l.Levels {
		n += 2 + len(lv.Cells)
	}
	return &Spans{at: make(map[string]Origin, n)}
}

// record notes o as the origin of the value at ptr; s may be nil (a
// document built without its index).
func (s *Spans) record(ptr string, o Origin) {
	if s != nil {
		s.at[ptr] = o
	}
}

// Lookup returns the origin of the value at ptr ("" is the whole document):
// the origin recorded for ptr or, failing that, for its longest recorded
// prefix, which it returns too.
func (s *Spans) Lookup(ptr string) (Origin, string) {
	if s == nil {
		return Origin{}, ""
	}
	for at := ptr; ; {
		if o, ok := s.at[at]; ok {
			return o.item(at, ptr[len(at):])
		}
		i := strings.LastIndexByte(at, '/')
		if i < 0 {
			return Origin{}, ""
		}
		at = at[:i]
	}
}

// item narrows o, the origin recorded at ptr, to one behaviour of its cell
// when rest points into one ("/items/3", "/items/3/…"): the behaviours are
// read from the cell, so their spans are there without being recorded.
func (o Origin) item(ptr, rest string) (Origin, string) {
	tail, ok := strings.CutPrefix(rest, "/items/")
	if !ok || o.Cell == nil {
		return o, ptr
	}
	k, _, _ := strings.Cut(tail, "/")
	n, err := strconv.Atoi(k)
	if err != nil || n < 0 || n >= len(o.Cell.Items) || strconv.Itoa(n) != k {
		return o, ptr
	}
	o.Span = o.Cell.Items[n].Span
	return o, ptr + "/items/" + k
}

var pointerEscape = strings.NewReplacer("~", "~0", "/", "~1")

// Pointer joins document path tokens into a JSON pointer, escaping "~" and
// "/" in them.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		if strings.ContainsAny(t, "~/") {
			t = pointerEscape.Replace(t)
		}
		b.WriteString(t)
	}
	return b.String()
}

// levelPointer is the pointer of the i-th level; "" when nothing is recorded.
func (s *Spans) levelPointer(i int) string {
	if s == nil {
		return ""
	}
	return "/levels/" + strconv.Itoa(i)
}

// recordCategories notes where the category headers are. The lists
// (/categories, /category_set and anything under them but an index) are
// placed at the first header, where the list starts; a header read from no
// span (a category named by configuration) at the ladder's start.
func (s *Spans) recordCategories(f *source.File, l *Ladder, start Origin) {
	if s == nil || len(l.Categories) == 0 {
		return
	}
	for i, c := range l.Categories {
		o := start
		if c.Span.End > 0 {
			o = Origin{File: f, Span: c.Span, Category: c.Name}
		}
		s.record("/categories/"+strconv.Itoa(i), o)
		if i == 0 {
			s.record("/categories", o)
			s.record("/category_set", o)
		}
	}
}

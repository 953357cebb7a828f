package ladder_test

import (
	"encoding/json"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// spansPage is a heading ladder whose IC2 has no Impact cell: the document
// leaves the missing cell out, so IC2's Scope is /levels/1/cells/0.
const spansPage = `# Ladder

## IC1

- Impact: ships small features.
- Scope: works in one team.

## IC2

- Scope: works across two teams.

## IC3

- Impact: owns a product area.
- Scope: works across the company.
`

func buildSpans(t *testing.T) (*source.File, *ladder.Ladder, ladder.Document, *ladder.Spans) {
	t.Helper()
	f := source.NewFile("spans.md", []byte(spansPage))
	ls := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits),
		ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders})
	if len(ls) != 1 || len(ls[0].Levels) != 3 || ls[0].Levels[1].Cells[0] != nil {
		t.Fatalf("want one ladder of 3 levels, IC2 without an Impact cell; got %d ladders", len(ls))
	}
	d, sp := ls[0].Build(f, nil)
	return f, ls[0], d, sp
}

// TestSpansPlaceEveryPointer: each pointer the document emits resolves to
// the source it was read from, and a missing cell's pointer to its level.
func TestSpansPlaceEveryPointer(t *testing.T) {
	f, l, d, sp := buildSpans(t)
	if got := d.Levels[1].Cells[0].Category; got != "Scope" {
		t.Fatalf("/levels/1/cells/0 is %q, want Scope", got)
	}
	text := func(s source.Span) string { return string(f.Data[s.Start:s.End]) }
	ic2 := l.Levels[1]
	for _, tc := range []struct {
		ptr, want, matched string
		level              *ladder.Level
		category           string
	}{
		// IC2's first cell in the document is its Scope, not the missing Impact.
		{"/levels/1/cells/0", "Scope: works across two teams.", "/levels/1/cells/0", ic2, "Scope"},
		// A behaviour: its own span, read from the cell.
		{"/levels/1/cells/0/items/0", "Scope: works across two teams.", "/levels/1/cells/0/items/0", ic2, "Scope"},
		// A behaviour the cell does not have, or no behaviour index: the cell.
		{"/levels/1/cells/0/items/5", "Scope: works across two teams.", "/levels/1/cells/0", ic2, "Scope"},
		{"/levels/1/cells/0/items/01", "Scope: works across two teams.", "/levels/1/cells/0", ic2, "Scope"},
		{"/levels/1/cells/0/items", "Scope: works across two teams.", "/levels/1/cells/0", ic2, "Scope"},
		{"/levels/1/cells/0/text", "Scope: works across two teams.", "/levels/1/cells/0", ic2, "Scope"},
		// A cell index past the cells IC2 has: the level (its label).
		{"/levels/1/cells/1", "IC2", "/levels/1", ic2, ""},
		{"/levels/1/cells", "IC2", "/levels/1", ic2, ""},
		{"/levels/1/areas", "IC2", "/levels/1", ic2, ""},
		{"/levels/0/code", "IC1", "/levels/0", l.Levels[0], ""},
		{"/levels/2/cells/1", "Scope: works across the company.", "/levels/2/cells/1", l.Levels[2], "Scope"},
		// Ladder-wide values: the ladder's start.
		{"", "", "", nil, ""},
		{"/name", "", "", nil, ""},
		{"/levels", "", "", nil, ""},
	} {
		o, matched := sp.Lookup(tc.ptr)
		if got := text(o.Span); got != tc.want && !(tc.want == "" && o.Span.Start == l.Span.Start && o.Span.End == l.Span.Start) {
			t.Errorf("%q: span %q, want %q", tc.ptr, got, tc.want)
		}
		if matched != tc.matched || o.Level != tc.level || o.Category != tc.category || o.File != f {
			t.Errorf("%q: matched %q level %s category %q; want %q %s %q", tc.ptr, matched, label(o.Level), o.Category, tc.matched, label(tc.level), tc.category)
		}
	}
}

func label(lv *ladder.Level) string {
	if lv == nil {
		return "<none>"
	}
	return lv.Label
}

// TestSpansCategories: the category lists are placed at their first header,
// each entry at its own.
func TestSpansCategories(t *testing.T) {
	f, l, _, sp := buildSpans(t)
	for ptr, want := range map[string]ladder.Category{
		"/categories":          l.Categories[0],
		"/category_set":        l.Categories[0],
		"/category_set/Scope":  l.Categories[0],
		"/categories/1":        l.Categories[1],
		"/categories/0/foo/12": l.Categories[0],
	} {
		o, _ := sp.Lookup(ptr)
		if o.Span != want.Span || o.Category != want.Name || o.Level != nil || o.File != f {
			t.Errorf("%q: %q at %v in level %s, want the %q header at %v", ptr, o.Category, o.Span, label(o.Level), want.Name, want.Span)
		}
	}
}

// TestBuildIsDocument: the index is kept apart; the document is the same.
func TestBuildIsDocument(t *testing.T) {
	f, l, d, _ := buildSpans(t)
	a, _ := json.Marshal(d)
	b, _ := json.Marshal(l.Document(f, nil))
	if string(a) != string(b) {
		t.Errorf("Build's document differs from Document's:\n%s\n%s", a, b)
	}
}

func TestPointerEscapes(t *testing.T) {
	if got := ladder.Pointer("category_set", "a/b~c", "x.y"); got != "/category_set/a~1b~0c/x.y" {
		t.Errorf("Pointer = %q", got)
	}
	if got := ladder.Pointer(); got != "" {
		t.Errorf("Pointer() = %q, want the whole document", got)
	}
}

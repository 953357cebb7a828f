package ladder

import (
	"strconv"
	"strings"

	"github.com/ladderlint/ladderlint/lint/source"
)

// Document is a ladder as JSON: what `ladderlint extract` prints and what the
// JSON Schemas validate. Lines and columns are 1-based; columns count code
// points; End positions are exclusive.
type Document struct {
	File        string          `json:"file"`
	Line        int             `json:"line"`
	Column      int             `json:"column"`
	EndLine     int             `json:"end_line"`
	Name        string          `json:"name"`
	Format      Format          `json:"format"`
	Table       string          `json:"table,omitempty"`
	Categories  []string        `json:"categories"`
	CategorySet map[string]bool `json:"category_set"`
	Levels      []LevelDocument `json:"levels"`
}

// LevelDocument is one level of a Document.
type LevelDocument struct {
	Label  string `json:"label"`
	Code   string `json:"code"`
	Track  string `json:"track"`
	Rank   int    `json:"rank"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	// File is the page the level was read from, when it is not the
	// ladder's (a ladder stored one level per file); Line, Column and the
	// cells' positions are in that page.
	File            string         `json:"file,omitempty"`
	Placeholder     bool           `json:"placeholder"`
	PlaceholderText string         `json:"placeholder_text,omitempty"`
	ID              string         `json:"id,omitempty"`
	Href            string         `json:"href,omitempty"`
	Summary         *CellDocument  `json:"summary,omitempty"`
	Cells           []CellDocument `json:"cells"`
	// Areas holds the configured areas the level's text covers.
	Areas map[string]bool `json:"areas"`
}

// CellDocument is one level × category cell of a Document. Missing cells are
// left out of LevelDocument.Cells.
type CellDocument struct {
	Category    string   `json:"category"`
	Text        string   `json:"text"`
	Items       []string `json:"items"`
	Line        int      `json:"line"`
	Column      int      `json:"column"`
	EndLine     int      `json:"end_line"`
	EndColumn   int      `json:"end_column"`
	Empty       bool     `json:"empty"`
	Placeholder string   `json:"placeholder,omitempty"`
	Shared      bool     `json:"shared,omitempty"`
}

// Area is a configured area of expectation and the terms that show it.
type Area struct {
	Name  string
	Terms []string
}

// Covers reports whether text mentions one of a's terms (case-insensitive,
// a term matches at the start of a word, so "communicat" finds "communicates").
func (a Area) Covers(lowerText string) bool {
	for _, t := range a.Terms {
		t = strings.ToLower(strings.TrimSpace(t))
		for i := 0; t != ""; {
			j := strings.Index(lowerText[i:], t)
			if j < 0 {
				break
			}
			k := i + j
			if k == 0 || !isWordByte(lowerText[k-1]) {
				return true
			}
			i = k + 1
		}
	}
	return false
}

// Text is all the level says, for area matching.
func (lv *Level) Text() string {
	var b strings.Builder
	for _, c := range append([]*Cell{lv.Summary}, lv.Cells...) {
		if c != nil {
			b.WriteString(c.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Document converts l, read from f, into its JSON form.
func (l *Ladder) Document(f *source.File, areas []Area) Document {
	return l.build(f, areas, nil)
}

// Build converts l, read from f, into its JSON form, and records where each
// of the document's values was read from (see Spans).
func (l *Ladder) Build(f *source.File, areas []Area) (Document, *Spans) {
	sp := newSpans(l)
	return l.build(f, areas, sp), sp
}

// build is Document, recording origins in sp when sp is not nil.
func (l *Ladder) build(f *source.File, areas []Area, sp *Spans) Document {
	r := f.SpanRange(l.Span)
	d := Document{File: f.Path, Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line,
		Name: l.Name, Format: l.Format, Table: string(l.Table),
		Categories: []string{}, CategorySet: map[string]bool{}, Levels: []LevelDocument{}}
	start := Origin{File: f, Span: source.Span{Start: l.Span.Start, End: l.Span.Start}}
	sp.record("", start)
	for _, c := range l.Categories {
		d.Categories = append(d.Categories, c.Name)
		d.CategorySet[c.Name] = true
	}
	sp.recordCategories(f, l, start)
	for i, lv := range l.Levels {
		d.Levels = append(d.Levels, levelDocument(f, lv, areas, sp, sp.levelPointer(i)))
	}
	return d
}

// levelDocument is one level of a document read from f, at ptr.
func levelDocument(f *source.File, lv *Level, areas []Area, sp *Spans, ptr string) LevelDocument {
	lf := f
	if lv.File != nil {
		lf = lv.File
	}
	p := lf.Pos(lv.Span.Start)
	ld := LevelDocument{Label: lv.Label, Code: lv.Code, Track: lv.Track, Rank: lv.Rank,
		Line: p.Line, Column: p.Column, Placeholder: lv.Placeholder, PlaceholderText: lv.PlaceholderText,
		ID: lv.ID.Value, Href: lv.Href.Value, Cells: []CellDocument{}, Areas: map[string]bool{}}
	if lf != f {
		ld.File = lf.Path
	}
	sp.record(ptr, Origin{File: lf, Span: lv.Span, Level: lv})
	if lv.Summary != nil {
		s := cellDocument(lf, lv.Summary)
		ld.Summary = &s
		if sp != nil {
			sp.record(ptr+"/summary", Origin{File: lf, Span: lv.Summary.Span, Level: lv, Cell: lv.Summary})
		}
	}
	for _, c := range lv.Cells {
		if c == nil {
			continue // a missing cell is left out: the next one takes its index
		}
		if sp != nil {
			sp.record(ptr+"/cells/"+strconv.Itoa(len(ld.Cells)), Origin{File: lf, Span: c.Span, Level: lv, Cell: c, Category: c.Category})
		}
		ld.Cells = append(ld.Cells, cellDocument(lf, c))
	}
	text := strings.ToLower(lv.Text())
	for _, a := range areas {
		if a.Covers(text) {
			ld.Areas[a.Name] = true
		}
	}
	return ld
}

func cellDocument(f *source.File, c *Cell) CellDocument {
	r := f.SpanRange(c.Span)
	cd := CellDocument{Category: c.Category, Text: c.Text, Items: []string{},
		Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column,
		Empty: c.Empty(), Placeholder: c.Placeholder, Shared: c.Shared}
	for _, it := range c.Items {
		cd.Items = append(cd.Items, it.Value)
	}
	return cd
}

package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"github.com/ladderlint/ladderlint/lint/source"
)

// htmlSections reads an HTML block that holds no table, the way a reader
// sees it: <h1>…<h6> start sections as markdown headings do; inside a
// section, a <details> <summary> names a sub-section one level deeper (the
// collapsible category of "<h2>Junior</h2> <details><summary>Skills
// </summary><ul><li>…"), and <li> elements are the items of the innermost
// section. Comments are recorded for suppressions. It returns the section
// that later markdown blocks belong to.
func (p *Page) htmlSections(start, stop int, cur *Section) *Section {
	z := html.NewTokenizer(bytes.NewReader(p.File.Data[start:stop]))
	off := start
	var open *htmlText // the heading, summary or list item being read
	// A summary is one level under the heading above it, not under the
	// summary before it.
	level := func() int {
		for i := len(p.Sections) - 1; i >= 0; i-- {
			if !p.Sections[i].summary {
				return min(p.Sections[i].Level+1, 6)
			}
		}
		return 6
	}
	for {
		tt := z.Next()
		tokStart := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			open.finish(p, &cur, tokStart)
			return cur
		case html.CommentToken:
			p.Comments = append(p.Comments, Text{Value: string(z.Text()), Span: source.Span{Start: tokStart, End: off}})
		case html.StartTagToken:
			name, _ := z.TagName()
			switch tag := string(name); {
			case len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
				open.finish(p, &cur, tokStart)
				open = &htmlText{kind: tag, level: int(tag[1] - '0'), start: off}
			case tag == "summary" && cur != nil:
				open.finish(p, &cur, tokStart)
				open = &htmlText{kind: tag, level: level(), start: off}
			case tag == "li" && cur != nil:
				open.finish(p, &cur, tokStart)
				open = &htmlText{kind: tag, start: off}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if open != nil && (string(name) == open.kind || open.kind == "li" && (string(name) == "ul" || string(name) == "ol")) {
				open.finish(p, &cur, tokStart)
				open = nil
			}
		case html.TextToken:
			if open != nil {
				open.add(z.Text(), tokStart, off)
			}
		}
	}
}

// htmlText collects the text of one element and the span it covers.
type htmlText struct {
	kind       string
	level      int
	start      int
	b          strings.Builder
	first, end int
	seen       bool
}

func (h *htmlText) add(text []byte, start, end int) {
	if len(bytes.TrimSpace(text)) == 0 {
		h.b.WriteByte(' ')
		return
	}
	if !h.seen {
		h.first, h.seen = start, true
	}
	h.end = end
	h.b.Write(text)
	h.b.WriteByte(' ')
}

// finish turns the element into a section or an item of *cur.
func (h *htmlText) finish(p *Page, cur **Section, _ int) {
	if h == nil || !h.seen {
		return
	}
	t := Text{Value: collapseSpace(h.b.String()), Span: trimSpan(p.File.Data, h.first, h.end)}
	switch h.kind {
	case "li":
		if *cur != nil {
			(*cur).Items = append((*cur).Items, &ListItem{Text: t})
		}
	default:
		s := &Section{Heading: t, Level: h.level, summary: h.kind == "summary"}
		p.Sections = append(p.Sections, s)
		*cur = s
	}
	h.seen = false
}

// Package markdown is the first stage: it parses a page with goldmark and
// returns the structures a ladder can live in — HTML tables, GFM pipe tables
// and heading sections with their lists — each with byte spans taken from the
// parsers (goldmark for the page, x/net/html's tokenizer inside HTML blocks).
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/ladderlint/ladderlint/lint/source"
)

// Limits bound the work done on one page; hitting one is reported as a Problem.
type Limits struct {
	// MaxGridCells caps rows×columns of one expanded table grid, and the
	// cells read from all the tables of one page (each costs a few hundred
	// bytes once its text is kept).
	MaxGridCells int
	// MaxColumns caps the columns of one table.
	MaxColumns int
}

// DefaultLimits are generous for real handbooks and small enough to keep
// memory bounded on hostile pages.
var DefaultLimits = Limits{MaxGridCells: 1 << 16, MaxColumns: 1000}

// Page is everything on one markdown page that may hold a ladder.
type Page struct {
	File     *source.File
	Tables   []*Table
	Sections []*Section
	// FrontMatter is the page's YAML front matter, or nil.
	FrontMatter *FrontMatter
	// Comments are the page's HTML comments (in HTML blocks and tables), in
	// document order; suppression directives live in them.
	Comments []Text
	// RowAfter maps the offset of a comment written between two rows of an
	// HTML table to the span of the row after it, so that a directive such
	// as ladderlint-disable-next-line covers that row.
	RowAfter map[int]source.Span

	cells int // table cells read so far, bounded by Limits.MaxGridCells
}

// Text is a piece of text with the span it came from.
type Text struct {
	// Value is plain text: entities decoded, tags and markup removed, runs of
	// white space collapsed to one space.
	Value string
	Span  source.Span
}

// Kind says which syntax a table was written in.
type Kind string

// Table kinds.
const (
	HTML Kind = "html"
	Pipe Kind = "pipe"
)

// Table is a table as written: rows of cells, plus the grid the cells cover
// once row and column spans are expanded.
type Table struct {
	Kind Kind
	Span source.Span
	Rows []*Row
	// Grid[r][c] is the cell covering row r, column c, or nil for a hole.
	// A spanning cell appears in every slot it covers.
	Grid [][]*Cell
	// Problems are shape defects found while reading the table.
	Problems []Problem
}

// Row is one table row.
type Row struct {
	Span  source.Span
	Cells []*Cell
}

// Cell is one table cell.
type Cell struct {
	Span   source.Span
	Header bool
	// RowSpan and ColSpan are as written, clamped to the table (≥ 1).
	RowSpan, ColSpan int
	// Row and Col are the grid slot of the cell's top-left corner.
	Row, Col int
	// Text is the whole cell as plain text.
	Text string
	// Items are the cell's behaviours: list items, paragraphs, lines.
	Items []Text
	// ID is the first id attribute on or in the cell; Href the first "#…" link.
	ID, Href Text
}

// Problem is a defect in how a table is written (not in what it says).
type Problem struct {
	Span    source.Span
	Message string
	// Limit is set when a Limits bound was hit and part of the table was
	// ignored: worth reporting even when the table holds no ladder.
	Limit bool
}

// Section is a heading with the list items that follow it up to the next heading.
type Section struct {
	Heading Text
	Level   int
	Items   []*ListItem
	// Paragraphs are the section's own paragraphs (outside lists).
	Paragraphs []Text

	summary bool // an HTML <summary>, not a heading
	// Blocks are the section's paragraphs and lists in document order; a
	// list's Items are the same values as in Items.
	Blocks []*Block
	// LinkOnly is set when the heading is nothing but a link
	// ("#### [README](README.md)"): navigation rather than a title.
	LinkOnly bool
}

// BlockKind says whether a Block is a paragraph or a list.
type BlockKind int

// Block kinds; the zero value is not a kind.
const (
	ParagraphBlock BlockKind = iota + 1
	ListBlock
)

// Block is one paragraph or one list of a section, as goldmark read it.
type Block struct {
	Kind BlockKind
	// Span covers the whole block: byte offsets into the page, 0-based,
	// end exclusive, surrounding white space excluded.
	Span source.Span
	// Text is a paragraph's text (empty for a list).
	Text Text
	// Strong are a paragraph's strong-emphasis runs ("**Senior**",
	// "__Junior__"), in order; see ListItem.Strong.
	Strong []Text
	// Ordered is set for a numbered list.
	Ordered bool
	// Items are a list's items (nil for a paragraph).
	Items []*ListItem
}

// ListItem is a list item's own text and its nested items.
type ListItem struct {
	Text     Text
	Children []*ListItem
	// Strong are the strong-emphasis runs of the item's own text: goldmark's
	// emphasis nodes of level 2, outermost only. Each Value is the run's
	// plain text and each Span the text between its markers.
	Strong []Text
}

var bom = []byte("\xef\xbb\xbf")

// md reads GFM tables and heading attributes: "## Levels {#levels}" is the
// heading "Levels" with the id "levels", as Hugo, Docusaurus and kramdown write it.
var md = goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithParserOptions(parser.WithAttribute()))

// Parse reads f and returns its tables and sections.
func Parse(f *source.File, lim Limits) *Page {
	p := &Page{File: f, RowAfter: map[int]source.Span{}}
	data := f.Data
	if bytes.HasPrefix(data, bom) {
		// goldmark does not skip a byte order mark; three spaces keep every
		// offset and still let a first-line heading or table start.
		data = append([]byte("   "), data[len(bom):]...)
	}
	if p.FrontMatter = splitFrontMatter(f.Data); p.FrontMatter != nil {
		data = blankFrontMatter(data, p.FrontMatter)
	}
	doc := md.Parser().Parse(text.NewReader(loneCRToLF(data)))
	tableEnd := -1
	var cur *Section
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		start := blockStart(n, f.Data)
		if start >= 0 && start < tableEnd {
			continue // inside an HTML table that spans several blocks
		}
		switch n := n.(type) {
		case *gast.HTMLBlock:
			if end := p.htmlBlock(n, lim, &cur); end > tableEnd {
				tableEnd = end
			}
		case *east.Table:
			p.Tables = append(p.Tables, p.pipeTable(n, lim))
		case *gast.Heading:
			cur = &Section{Heading: inlineText(n, f.Data), Level: n.Level, LinkOnly: linkOnly(n, f.Data)}
			p.Sections = append(p.Sections, cur)
		case *gast.List:
			if cur != nil {
				items := listItems(n, f.Data)
				cur.Items = append(cur.Items, items...)
				cur.Blocks = append(cur.Blocks, listBlock(n, items))
			}
		case *gast.Paragraph:
			if cur != nil {
				t := inlineText(n, f.Data)
				cur.Paragraphs = append(cur.Paragraphs, t)
				cur.Blocks = append(cur.Blocks, &Block{Kind: ParagraphBlock, Span: t.Span, Text: t, Strong: strongRuns(n, f.Data)})
			}
		}
	}
	return p
}

// loneCRToLF returns data with every lone "\r" (an old Mac line ending)
// turned into "\n", for goldmark, which ends lines only at "\n". Offsets do
// not move, so goldmark's spans index f.Data as well. data itself is returned
// when it has no lone CR.
func loneCRToLF(data []byte) []byte {
	i := bytes.IndexByte(data, '\r')
	for i >= 0 && i+1 < len(data) && data[i+1] == '\n' {
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return data
		}
		i += 1 + j
	}
	if i < 0 {
		return data
	}
	out := bytes.Clone(data)
	for ; i < len(out); i++ {
		if out[i] == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}

// blockStart is the byte offset where block n begins, or -1.
func blockStart(n gast.Node, src []byte) int {
	if n.Pos() >= 0 {
		return n.Pos()
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return -1
}

// htmlBlock looks for tables in an HTML block and returns the offset where the
// last table it read ends (tables may run on past the block), or -1.
func (p *Page) htmlBlock(n *gast.HTMLBlock, lim Limits, cur **Section) int {
	lines := n.Lines()
	if lines.Len() == 0 {
		return -1
	}
	start, stop := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		stop = n.ClosureLine.Stop
	}
	if !bytes.Contains(bytes.ToLower(p.File.Data[start:stop]), []byte("<table")) {
		*cur = p.htmlSections(start, stop, *cur)
		return -1
	}
	return p.htmlTables(start, stop, lim)
}

// inlineText is the plain text of a block's inline content and its span.
func inlineText(n gast.Node, src []byte) Text {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		pos := max(n.Pos(), 0)
		return Text{Span: source.Span{Start: pos, End: pos}}
	}
	var b bytes.Buffer
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
		b.WriteByte(' ')
	}
	last := lines.At(lines.Len() - 1)
	return Text{Value: plain(b.String()), Span: trimSpan(src, lines.At(0).Start, last.Stop)}
}

// listItems converts a goldmark list into ListItems.
func listItems(l *gast.List, src []byte) []*ListItem {
	var items []*ListItem
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		li := &ListItem{}
		pos := max(c.Pos(), 0)
		li.Text = Text{Span: source.Span{Start: pos, End: pos}}
		first := true
		for b := c.FirstChild(); b != nil; b = b.NextSibling() {
			switch b := b.(type) {
			case *gast.List:
				li.Children = append(li.Children, listItems(b, src)...)
			case *gast.Paragraph, *gast.TextBlock:
				t := inlineText(b, src)
				if first {
					li.Text = t
					li.Strong = strongRuns(b, src)
					first = false
				} else {
					li.Children = append(li.Children, &ListItem{Text: t})
				}
			}
		}
		items = append(items, li)
	}
	return items
}

// trimSpan narrows [start, end) to exclude surrounding white space.
func trimSpan(src []byte, start, end int) source.Span {
	for end > start && isSpace(src[end-1]) {
		end--
	}
	for start < end && isSpace(src[start]) {
		start++
	}
	return source.Span{Start: start, End: end}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// listBlock is the Block of list n whose items were read into items; its
// span runs from the first item's text to the end of the last nested text.
func listBlock(n *gast.List, items []*ListItem) *Block {
	b := &Block{Kind: ListBlock, Ordered: n.IsOrdered(), Items: items}
	if len(items) > 0 {
		b.Span = source.Span{Start: items[0].Text.Span.Start, End: itemsEnd(items)}
	}
	return b
}

// itemsEnd is the end of the last text in items and their nested items.
func itemsEnd(items []*ListItem) int {
	end := 0
	for _, it := range items {
		end = max(end, it.Text.Span.End, itemsEnd(it.Children))
	}
	return end
}

// strongRuns returns the outermost strong-emphasis nodes (ast.Emphasis of
// level 2) under the inline content of block n: their plain text and the
// span from their first to their last text segment.
func strongRuns(n gast.Node, src []byte) []Text {
	var out []Text
	_ = gast.Walk(n, func(c gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		e, ok := c.(*gast.Emphasis)
		if !ok || e.Level != 2 {
			return gast.WalkContinue, nil
		}
		var b bytes.Buffer
		span := source.Span{Start: -1}
		inlineSegments(e, src, &b, &span)
		if span.Start >= 0 {
			out = append(out, Text{Value: plain(b.String()), Span: span})
		}
		return gast.WalkSkipChildren, nil
	})
	return out
}

// inlineSegments writes the text of the inline nodes under n to b, and
// widens span to cover their source segments.
func inlineSegments(n gast.Node, src []byte, b *bytes.Buffer, span *source.Span) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *gast.Text:
			seg := c.Segment
			if span.Start < 0 {
				span.Start = seg.Start
			}
			span.End = max(span.End, seg.Stop)
			b.Write(seg.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *gast.String:
			b.Write(c.Value)
		case *gast.AutoLink:
			b.Write(c.Label(src))
		case *gast.RawHTML:
		default:
			inlineSegments(c, src, b, span)
		}
	}
}

// linkOnly reports whether the inline content of n is one link, give or
// take surrounding spaces.
func linkOnly(n gast.Node, src []byte) bool {
	links := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *gast.Link, *gast.AutoLink:
			links++
		case *gast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return links == 1
}

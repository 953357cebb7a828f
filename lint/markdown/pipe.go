package markdown

import (
	"bytes"
	"fmt"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ladderlint/ladderlint/lint/source"
)

// pipeTable converts a goldmark GFM table. Each cell's text, behaviours and
// span come from goldmark's TableCell node and its inline children. goldmark
// pads short rows with cells that have no source (they are left out, so the
// row shows as short) and drops the cells past the header's width (they are
// read again from the row's source line, only to report them). Rows that a
// comment line cut off the table are a paragraph to goldmark; they are split
// from their source lines (see cutByComment).
func (p *Page) pipeTable(n *east.Table, lim Limits) *Table {
	f := p.File
	t := &Table{Kind: Pipe}
	width := len(n.Alignments)
	var b pipeCellBuilder
	cut, more := cutByComment(n, f.Data)
	if cut != nil {
		t.Problems = append(t.Problems, Problem{Span: cut.Span, Message: "this comment line ends the table: the rows below it show as plain text; " +
			"move the comment above the table (or use an HTML table, where comments may stand between rows)"})
	}
	full := false // the page's cell limit was hit
rows:
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		if r.Pos() < 0 {
			continue
		}
		row := &Row{Span: trimSpan(f.Data, r.Pos(), lineEnd(f.Data, r.Pos()))}
		header := len(t.Rows) == 0
		cells := 0
		last := -1 // end of the last cell goldmark kept
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			tc, ok := c.(*east.TableCell)
			if !ok || tc.Lines().Len() == 0 {
				continue // padding for a short row
			}
			cells++
			seg := tc.Lines().At(0)
			s := source.Span{Start: seg.Start, End: seg.Stop}
			if s.Start == s.End && tc.Pos() >= 0 && tc.Pos() <= s.Start {
				s = source.Span{Start: tc.Pos(), End: tc.Pos()} // an empty cell is where its text would start
			}
			last = s.End
			if full = !p.countCell(t, row, s, lim); full {
				break rows
			}
			text, items := b.read(tc, f.Data, s)
			row.Cells = append(row.Cells, &Cell{Span: s, Header: header, RowSpan: 1, ColSpan: 1, Text: text, Items: items})
		}
		if !header && cells == width && last >= 0 {
			for _, s := range extraPipeCells(f.Data, last, row.Span.End) {
				if full = !p.countCell(t, row, s, lim); full {
					break rows
				}
				row.Cells = append(row.Cells, sourceCell(f.Data, s, false))
			}
		}
		t.Rows = append(t.Rows, row)
	}
cutRows:
	for _, start := range more {
		if full {
			break
		}
		end := lineEnd(f.Data, start)
		row := &Row{Span: trimSpan(f.Data, start, end)}
		for _, s := range splitPipeRow(f.Data, start, end) {
			if !p.countCell(t, row, s, lim) {
				break cutRows
			}
			row.Cells = append(row.Cells, sourceCell(f.Data, s, len(t.Rows) == 0))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) > 0 {
		t.Span = source.Span{Start: t.Rows[0].Span.Start, End: t.Rows[len(t.Rows)-1].Span.End}
	}
	// For pipe tables the shape problems speak in cells, not spans; the
	// grid reports only the limits it hit.
	buildGrid(t, lim, false)
	if len(t.Rows) == 0 {
		return t
	}
	width = len(t.Rows[0].Cells)
	for _, row := range t.Rows[1:] {
		switch n := len(row.Cells); {
		case n > width:
			t.Problems = append(t.Problems, Problem{Span: row.Cells[width].Span, Message: fmt.Sprintf(
				"this row has %s but the header has %d; the extra cells are not shown", cellCount(n), width)})
		case n < width:
			t.Problems = append(t.Problems, Problem{Span: row.Span, Message: fmt.Sprintf(
				"this row has %s but the header has %d", cellCount(n), width)})
		}
	}
	return t
}

// countCell counts one more table cell on the page. Past lim.MaxGridCells it
// reports the limit, keeps row when it has cells, and returns false: the
// rest of the page's tables is ignored.
func (p *Page) countCell(t *Table, row *Row, s source.Span, lim Limits) bool {
	if p.cells++; p.cells <= lim.MaxGridCells {
		return true
	}
	t.Problems = append(t.Problems, Problem{Span: s, Limit: true, Message: fmt.Sprintf(
		"the page's tables have more than %d cells; the rest is ignored", lim.MaxGridCells)})
	if len(row.Cells) > 0 {
		t.Rows = append(t.Rows, row)
	}
	return false
}

// sourceCell is a cell that goldmark did not read as a table cell (a cell
// past the header's width, or a row below a comment line): its text is
// taken from the source.
func sourceCell(data []byte, s source.Span, header bool) *Cell {
	return &Cell{Span: s, Header: header, RowSpan: 1, ColSpan: 1,
		Text: plain(string(unescapePipes(data[s.Start:s.End]))), Items: pipeItems(data, s)}
}

// extraPipeCells returns the spans of the cells that goldmark dropped from a
// row after the cell ending at from: the line up to end is split at
// unescaped pipes as goldmark splits it, an outer pipe being optional.
func extraPipeCells(data []byte, from, end int) []source.Span {
	i := from
	for i < end && data[i] != '|' {
		i++ // white space up to the pipe that closed the last cell
	}
	if i >= end {
		return nil
	}
	if data[end-1] == '|' && end-1 > i {
		end--
	}
	var cells []source.Span
	start := i + 1
	for j := start; j <= end; j++ {
		if j < end && (data[j] != '|' || data[j-1] == '\\') {
			continue
		}
		if j > start || j < end {
			cells = append(cells, trimSpan(data, start, j))
		}
		start = j + 1
	}
	return cells
}

// lineEnd is the offset of the line ending at or after start.
func lineEnd(data []byte, start int) int {
	if i := bytes.IndexAny(data[start:], "\r\n"); i >= 0 {
		return start + i
	}
	return len(data)
}

// splitPipeRow splits the row data[start:end] at unescaped pipes, outside code
// spans, and returns each cell's trimmed span. The outer pipes are optional.
func splitPipeRow(data []byte, start, end int) []source.Span {
	s := trimSpan(data, start, end)
	line := data[s.Start:s.End]
	lo, hi := 0, len(line)
	if hi > 0 && line[0] == '|' {
		lo++
	}
	if hi > lo && line[hi-1] == '|' && (hi < 2 || line[hi-2] != '\\') {
		hi--
	}
	var cells []source.Span
	cellStart := lo
	inCode := false
	for i := lo; i <= hi; i++ {
		if i < hi {
			switch {
			case line[i] == '\\':
				i++
				continue
			case line[i] == '`':
				inCode = !inCode
				continue
			case line[i] != '|' || inCode:
				continue
			}
		}
		cells = append(cells, trimSpan(data, s.Start+cellStart, s.Start+i))
		cellStart = i + 1
	}
	return cells
}

func unescapePipes(b []byte) []byte { return bytes.ReplaceAll(b, []byte(`\|`), []byte("|")) }

// pipeItems splits a pipe cell at <br> tags and "•" bullets.
func pipeItems(data []byte, s source.Span) []Text {
	var ib itemBuilder
	raw := data[s.Start:s.End]
	pos := 0
	for {
		i := indexBr(raw[pos:])
		if i < 0 {
			ib.text(raw[pos:], s.Start+pos)
			break
		}
		ib.text(raw[pos:pos+i], s.Start+pos)
		ib.boundary()
		j := bytes.IndexByte(raw[pos+i:], '>')
		pos += i + j + 1
	}
	return ib.finish()
}

// indexBr is the offset of the first "<br" (any case) in b that a '>' closes
// later, or -1. It compares bytes in place: bytes.ToLower would turn invalid
// UTF-8 into three-byte U+FFFD and shift every offset after it.
func indexBr(b []byte) int {
	for i := 0; i+3 <= len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 || i+j+3 > len(b) {
			return -1
		}
		i += j
		if b[i+1]|0x20 == 'b' && b[i+2]|0x20 == 'r' {
			if bytes.IndexByte(b[i:], '>') < 0 {
				return -1
			}
			return i
		}
	}
	return -1
}

// cutByComment finds the rows that an HTML comment line cut off a pipe
// table: the table, a block holding only a comment, then a paragraph whose
// every line starts with "|". It returns the comment and the row offsets.
func cutByComment(n *east.Table, data []byte) (*Text, []int) {
	c, ok := n.NextSibling().(*gast.HTMLBlock)
	if !ok || c.Lines().Len() == 0 {
		return nil, nil
	}
	start, stop := c.Lines().At(0).Start, c.Lines().At(c.Lines().Len()-1).Stop
	if c.HasClosure() {
		stop = c.ClosureLine.Stop
	}
	raw := bytes.TrimSpace(data[start:stop])
	if !bytes.HasPrefix(raw, []byte("<!--")) || !bytes.HasSuffix(raw, []byte("-->")) {
		return nil, nil
	}
	para, ok := c.NextSibling().(*gast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return nil, nil
	}
	var rows []int
	for i := 0; i < para.Lines().Len(); i++ {
		seg := para.Lines().At(i)
		if !bytes.HasPrefix(bytes.TrimSpace(seg.Value(data)), []byte("|")) {
			return nil, nil
		}
		rows = append(rows, seg.Start)
	}
	return &Text{Span: trimSpan(data, start, stop)}, rows
}

// pipeCellBuilder reads a pipe table cell from goldmark's inline nodes: the
// whole text a reader sees, and its behaviours, split at <br> tags and "•"
// bullets. Text nodes give their source text with backslash escapes and
// entities resolved, code spans their code, autolinks their address, links
// and images their text; other raw HTML (tags, comments) shows nothing.
//
// A behaviour's span runs from the first to the last non-space byte between
// two boundaries (the cell's edges, a <br> tag, a "•"), without a bullet
// ("- ", "• ") that opens it; the boundaries are the nodes' positions.
type pipeCellBuilder struct {
	src   []byte
	whole []byte // the cell's text so far
	item  []byte // the current behaviour's text
	lo    int    // where the current behaviour's source starts
	fresh bool   // nothing but white space read since lo: a bullet may open it
	items []Text
}

// read returns the text and the behaviours of cell c, whose source is s.
func (b *pipeCellBuilder) read(c *east.TableCell, src []byte, s source.Span) (string, []Text) {
	b.src, b.whole, b.item, b.lo, b.fresh, b.items = src, b.whole[:0], b.item[:0], s.Start, true, nil
	b.inline(c)
	b.boundary(s.End, s.End)
	return collapseSpace(string(b.whole)), b.items
}

func (b *pipeCellBuilder) inline(n gast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *gast.Text:
			b.text(c.Segment, c.IsRaw())
		case *gast.String:
			b.fresh = false
			b.add(c.Value)
		case *gast.AutoLink:
			b.fresh = false
			b.add(c.Label(b.src))
		case *gast.RawHTML:
			if segs := c.Segments; segs.Len() > 0 {
				first, last := segs.At(0), segs.At(segs.Len()-1)
				if isBrTag(b.src[first.Start:first.Stop]) {
					b.whole = append(b.whole, ' ')
					b.boundary(first.Start, last.Stop)
					continue
				}
			}
			b.fresh = false
		default:
			b.fresh = false
			b.inline(c)
		}
	}
}

// text adds a text segment; raw text (in a code span) is taken as written.
func (b *pipeCellBuilder) text(seg text.Segment, raw bool) {
	v, off := b.src[seg.Start:seg.Stop], seg.Start
	if b.fresh {
		lead := len(v) - len(bytes.TrimLeft(v, " \t"))
		if n := bulletLen(v[lead:]); n > 0 && !raw {
			// "- " or "•" opening the behaviour is its bullet.
			b.whole = append(b.whole, v[:lead+n]...)
			v, off = v[lead+n:], off+lead+n
			b.lo = off
		}
		b.fresh = len(bytes.TrimSpace(v)) == 0
	}
	for !raw {
		i := bytes.Index(v, bullet)
		if i < 0 {
			break
		}
		b.add(resolve(v[:i]))
		b.whole = append(b.whole, bullet...)
		b.boundary(off+i, off+i+len(bullet))
		v, off = v[i+len(bullet):], off+i+len(bullet)
	}
	if raw {
		b.add(v)
		return
	}
	b.add(resolve(v))
}

// add appends text to the cell and to the current behaviour.
func (b *pipeCellBuilder) add(v []byte) {
	b.whole = append(b.whole, v...)
	b.item = append(b.item, v...)
}

// boundary ends the current behaviour at start and starts the next at end.
func (b *pipeCellBuilder) boundary(start, end int) {
	if v := collapseSpace(string(b.item)); v != "" {
		b.items = append(b.items, Text{Value: v, Span: trimSpan(b.src, b.lo, max(start, b.lo))})
	}
	b.item, b.lo, b.fresh = b.item[:0], end, true
}

// resolve turns backslash escapes and character references into the
// characters they stand for, as goldmark's renderer does.
func resolve(v []byte) []byte {
	if bytes.IndexByte(v, '\\') >= 0 {
		v = util.UnescapePunctuations(v)
	}
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(v))
	}
	return v
}

// isBrTag reports whether raw HTML is a <br> tag ("<br>", "<BR/>", "<br class=x>").
func isBrTag(v []byte) bool {
	return len(v) >= 4 && v[0] == '<' && v[1]|0x20 == 'b' && v[2]|0x20 == 'r' &&
		(v[3] == '>' || v[3] == '/' || isSpace(v[3]))
}

// cellCount is "1 cell", "3 cells".
func cellCount(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return fmt.Sprintf("%d cells", n)
}

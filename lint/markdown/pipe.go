package markdown

import (
	"bytes"
	"fmt"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ladderlint/ladderlint/lint/source"
)

// pipeTable converts a goldmark GFM table. goldmark pads short rows and drops
// extra cells, so cells are split again from each row's source line, which
// starts at the offset goldmark records for the row.
func (p *Page) pipeTable(n *east.Table, lim Limits) *Table {
	f := p.File
	t := &Table{Kind: Pipe}
	var starts []int
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		if r.Pos() >= 0 {
			starts = append(starts, r.Pos())
		}
	}
	cut, more := cutByComment(n, f.Data)
	if cut != nil {
		t.Problems = append(t.Problems, Problem{Span: cut.Span, Message: "this comment line ends the table: the rows below it show as plain text; " +
			"move the comment above the table (or use an HTML table, where comments may stand between rows)"})
		starts = append(starts, more...)
	}
rows:
	for _, start := range starts {
		end := lineEnd(f.Data, start)
		row := &Row{Span: trimSpan(f.Data, start, end)}
		for _, s := range splitPipeRow(f.Data, start, end) {
			if p.cells++; p.cells > lim.MaxGridCells {
				t.Problems = append(t.Problems, Problem{Span: s, Limit: true, Message: fmt.Sprintf(
					"the page's tables have more than %d cells; the rest is ignored", lim.MaxGridCells)})
				if len(row.Cells) > 0 {
					t.Rows = append(t.Rows, row)
				}
				break rows
			}
			text := plain(string(unescapePipes(f.Data[s.Start:s.End])))
			row.Cells = append(row.Cells, &Cell{Span: s, Header: len(t.Rows) == 0, RowSpan: 1, ColSpan: 1,
				Text: text, Items: pipeItems(f.Data, s)})
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
	width := len(t.Rows[0].Cells)
	for _, row := range t.Rows[1:] {
		switch n := len(row.Cells); {
		case n > width:
			t.Problems = append(t.Problems, Problem{Span: row.Cells[width].Span, Message: fmt.Sprintf(
				"this row has %d cells but the header has %d; the extra cells are not shown", n, width)})
		case n < width:
			t.Problems = append(t.Problems, Problem{Span: row.Span, Message: fmt.Sprintf(
				"this row has %d cells but the header has %d", n, width)})
		}
	}
	return t
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

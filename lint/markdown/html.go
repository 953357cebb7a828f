package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/ladderlint/ladderlint/lint/source"
)

// htmlTables tokenizes the page from start and collects every <table> that
// opens before stop. A table may run past stop (blank lines split one HTML
// table into several goldmark blocks). It returns where the last table ended,
// or -1 when none was found. Offsets are the running sum of the tokenizer's
// raw token lengths, so they are exact.
func (p *Page) htmlTables(start, stop int, lim Limits) int {
	data := p.File.Data
	z := html.NewTokenizer(bytes.NewReader(data[start:]))
	off := start
	end := -1
	var b *tableBuilder
	for {
		tt := z.Next()
		raw := z.Raw()
		tokStart := off
		off += len(raw)
		if tt == html.ErrorToken {
			if b != nil {
				b.t.Problems = append(b.t.Problems, Problem{Span: b.openTag,
					Message: "this <table> is never closed with </table>"})
				p.Tables = append(p.Tables, b.finish(off, lim))
				end = off
			}
			return end
		}
		if b == nil && tokStart >= stop {
			return end
		}
		if tt == html.CommentToken {
			p.Comments = append(p.Comments, Text{Value: string(z.Text()), Span: source.Span{Start: tokStart, End: off}})
			if b != nil && b.cell == nil && b.row == nil {
				b.between = append(b.between, tokStart) // a comment between rows
			}
			continue
		}
		if b == nil {
			if tt == html.StartTagToken && tagIs(z, "table") {
				b = newTableBuilder(data, tokStart, off, lim, &p.cells)
				b.rowAfter = p.RowAfter
			}
			continue
		}
		if b.token(z, tt, tokStart, off) {
			p.Tables = append(p.Tables, b.finish(off, lim))
			end = off
			b = nil
		}
	}
}

func tagIs(z *html.Tokenizer, name string) bool {
	n, _ := z.TagName()
	return string(n) == name
}

// tableBuilder turns the tokens of one <table> into rows and cells, closing
// the elements HTML lets authors leave open (</td>, </tr>, </li>, </p>).
type tableBuilder struct {
	data    []byte
	t       *Table
	openTag source.Span
	depth   int // nested <table>s inside a cell
	row     *Row
	cell    *Cell
	item    itemBuilder
	lim     Limits
	cells   *int // cells kept so far on the page
	capped  bool // cells beyond lim.MaxGridCells were dropped
	// between holds the offsets of comments seen between rows, waiting
	// for the row that follows them (Page.RowAfter).
	between  []int
	rowAfter map[int]source.Span
}

func newTableBuilder(data []byte, start, end int, lim Limits, cells *int) *tableBuilder {
	return &tableBuilder{data: data, t: &Table{Kind: HTML, Span: source.Span{Start: start}},
		openTag: source.Span{Start: start, End: end}, lim: lim, cells: cells}
}

// token handles one token and reports whether it closed the table.
func (b *tableBuilder) token(z *html.Tokenizer, tt html.TokenType, start, end int) bool {
	switch tt {
	case html.TextToken:
		if b.cell != nil {
			b.item.text(b.data[start:end], start)
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		name, hasAttr := z.TagName()
		tag := string(name)
		var attrs tagAttrs
		for more := hasAttr; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			attrs.set(k, v)
		}
		if b.depth > 0 || b.cell != nil && tag == "table" {
			if tag == "table" && tt == html.StartTagToken {
				b.depth++
			}
			b.inCell(tag, attrs, start, end)
			return false
		}
		switch tag {
		case "tr":
			b.closeRow(start)
			b.row = &Row{Span: source.Span{Start: start}}
		case "td", "th":
			b.closeCell(start)
			if b.row == nil {
				b.row = &Row{Span: source.Span{Start: start}}
			}
			b.cell = &Cell{Span: source.Span{Start: start}, Header: tag == "th",
				RowSpan: spanAttr(attrs.rowspan), ColSpan: spanAttr(attrs.colspan)}
			b.anchor(attrs, start, end)
		case "thead", "tbody", "tfoot", "caption", "colgroup":
			b.closeRow(start)
		default:
			b.inCell(tag, attrs, start, end)
		}
	case html.EndTagToken:
		name, _ := z.TagName()
		tag := string(name)
		if b.depth > 0 {
			if tag == "table" {
				b.depth--
			}
			b.item.boundary()
			return false
		}
		switch tag {
		case "table":
			b.closeRow(start)
			return true
		case "tr", "thead", "tbody", "tfoot":
			b.closeCell(start) // an open cell ends where </tr> begins
			b.closeRow(end)
		case "td", "th":
			b.closeCell(end)
		default:
			if blockTags[tag] {
				b.item.boundary()
			}
		}
	}
	return false
}

// blockTags start a new behaviour inside a cell.
var blockTags = map[string]bool{"li": true, "p": true, "br": true, "div": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true, "tr": true, "td": true, "th": true}

// tagAttrs are the attributes of a tag that a table reads; a repeated
// attribute keeps its last value.
type tagAttrs struct {
	rowspan, colspan, id, href string
}

func (a *tagAttrs) set(k, v []byte) {
	switch string(k) {
	case "rowspan":
		a.rowspan = string(v)
	case "colspan":
		a.colspan = string(v)
	case "id":
		a.id = string(v)
	case "href":
		a.href = string(v)
	}
}

func (b *tableBuilder) inCell(tag string, attrs tagAttrs, start, end int) {
	if b.cell == nil {
		return
	}
	if blockTags[tag] {
		b.item.boundary()
	}
	b.anchor(attrs, start, end)
}

// anchor records the first id and the first in-page link seen in a cell.
func (b *tableBuilder) anchor(attrs tagAttrs, start, end int) {
	if b.cell == nil {
		return
	}
	span := source.Span{Start: start, End: end}
	if id := attrs.id; b.cell.ID.Value == "" && id != "" {
		b.cell.ID = Text{Value: id, Span: span}
	}
	if h := attrs.href; b.cell.Href.Value == "" && strings.HasPrefix(h, "#") && len(h) > 1 {
		b.cell.Href = Text{Value: h[1:], Span: span}
	}
}

func (b *tableBuilder) closeCell(end int) {
	if b.cell == nil {
		return
	}
	c := b.cell
	c.Items = b.item.finish()
	c.Span = trimSpan(b.data, c.Span.Start, max(end, c.Span.Start))
	b.cell = nil
	if *b.cells >= b.lim.MaxGridCells {
		// Memory stays proportional to the limit, not to the page.
		if !b.capped {
			b.capped = true
			b.t.Problems = append(b.t.Problems, Problem{Span: c.Span, Limit: true, Message: fmt.Sprintf(
				"the page's tables have more than %d cells; the rest is ignored", b.lim.MaxGridCells)})
		}
		return
	}
	*b.cells++
	var parts []string
	for _, it := range c.Items {
		parts = append(parts, it.Value)
	}
	c.Text = strings.Join(parts, " ")
	b.row.Cells = append(b.row.Cells, c)
	b.row.Span.End = c.Span.End
}

func (b *tableBuilder) closeRow(end int) {
	b.closeCell(end)
	if b.row == nil {
		return
	}
	if len(b.row.Cells) > 0 {
		b.t.Rows = append(b.t.Rows, b.row)
		for _, c := range b.between {
			if b.rowAfter != nil {
				b.rowAfter[c] = b.row.Span
			}
		}
		b.between = b.between[:0]
	}
	b.row = nil
}

func (b *tableBuilder) finish(end int, lim Limits) *Table {
	b.closeRow(end)
	b.t.Span.End = end
	buildGrid(b.t, lim, true)
	return b.t
}

// spanAttr parses a rowspan/colspan value the way browsers do: leading
// digits, anything unusable becomes 1. Clamping to the table happens in buildGrid.
func spanAttr(v string) int {
	v = strings.TrimSpace(v)
	i := 0
	for i < len(v) && i < 9 && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(v[:i])
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// itemBuilder splits a cell's text into behaviours at block tags and at
// markdown or "•" bullets that start a line.
type itemBuilder struct {
	items []Text
	buf   strings.Builder
	start int
	end   int
	open  bool
}

func (ib *itemBuilder) text(raw []byte, off int) {
	lineStart := 0
	for lineStart <= len(raw) {
		nl := bytes.IndexByte(raw[lineStart:], '\n')
		lineEnd := len(raw)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := raw[lineStart:lineEnd]
		trimmed := bytes.TrimLeft(line, " \t\r")
		lead := len(line) - len(trimmed)
		if n := bulletLen(trimmed); n > 0 {
			ib.boundary()
			lead += n
		}
		// "•" inside a line separates behaviours too: "Mentors • Coaches".
		rest, restOff := line[lead:], off+lineStart+lead
		for {
			i := bytes.Index(rest, bullet)
			if i < 0 {
				break
			}
			ib.add(rest[:i], restOff)
			ib.boundary()
			rest, restOff = rest[i+len(bullet):], restOff+i+len(bullet)
		}
		ib.add(rest, restOff)
		if nl < 0 {
			break
		}
		ib.buf.WriteByte(' ')
		lineStart = lineEnd + 1
	}
}

var bullet = []byte("•")

// bulletLen is the length of a bullet marker ("- ", "* ", "• ") at the start of s, or 0.
func bulletLen(s []byte) int {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "•"} {
		if bytes.HasPrefix(s, []byte(m)) {
			return len(m)
		}
	}
	return 0
}

func (ib *itemBuilder) add(raw []byte, off int) {
	t := bytes.TrimRight(raw, " \t\r")
	lead := len(t) - len(bytes.TrimLeft(t, " \t"))
	if len(t)-lead == 0 {
		return
	}
	if !ib.open {
		ib.open = true
		ib.start = off + lead
	}
	ib.end = off + len(t)
	ib.buf.WriteString(html.UnescapeString(string(t)))
}

func (ib *itemBuilder) boundary() {
	if !ib.open {
		ib.buf.Reset()
		return
	}
	if v := plain(ib.buf.String()); v != "" {
		ib.items = append(ib.items, Text{Value: v, Span: source.Span{Start: ib.start, End: ib.end}})
	}
	ib.buf.Reset()
	ib.open = false
}

func (ib *itemBuilder) finish() []Text {
	ib.boundary()
	items := ib.items
	ib.items = nil
	return items
}

// buildGrid places the cells on a grid, expanding spans as browsers do, and
// records holes and overflowing spans as problems. Spans are clamped to the
// table before anything is allocated, and the grid never exceeds lim.
func buildGrid(t *Table, lim Limits, shape bool) {
	width := 0
	if len(t.Rows) > 0 {
		for _, c := range t.Rows[0].Cells {
			width += min(c.ColSpan, lim.MaxColumns)
		}
		width = min(width, lim.MaxColumns)
	}
	used := 0
	wide := false // the column limit was reported
	grid := make([][]*Cell, len(t.Rows))
rows:
	for r, row := range t.Rows {
		col := 0
		for _, c := range row.Cells {
			for col < len(grid[r]) && grid[r][col] != nil {
				col++
			}
			if col >= lim.MaxColumns {
				if !wide {
					wide = true
					t.Problems = append(t.Problems, Problem{Span: c.Span, Limit: true,
						Message: fmt.Sprintf("table has more than %d columns; the cells past them are ignored", lim.MaxColumns)})
				}
				break
			}
			c.ColSpan = min(max(c.ColSpan, 1), lim.MaxColumns-col)
			c.RowSpan = min(max(c.RowSpan, 1), len(t.Rows)-r)
			if used+c.ColSpan*c.RowSpan > lim.MaxGridCells {
				t.Problems = append(t.Problems, Problem{Span: c.Span, Limit: true,
					Message: fmt.Sprintf("table is too large (more than %d cells once spans are expanded); the rest is ignored", lim.MaxGridCells)})
				break rows
			}
			used += c.ColSpan * c.RowSpan
			c.Row, c.Col = r, col
			for rr := r; rr < r+c.RowSpan; rr++ {
				for len(grid[rr]) < col+c.ColSpan {
					grid[rr] = append(grid[rr], nil)
				}
				for cc := col; cc < col+c.ColSpan; cc++ {
					if grid[rr][cc] == nil {
						grid[rr][cc] = c
					}
				}
			}
			col += c.ColSpan
		}
	}
	t.Grid = grid
	capRows(t, width, lim)
	if shape {
		shapeProblems(t, width)
	}
	padGrid(t, width)
}

// capRows drops the rows past the point where the grid, once every row is
// padded to width, would hold more than lim.MaxGridCells slots: a narrow
// header over a hundred thousand rows must not allocate rows × width.
func capRows(t *Table, width int, lim Limits) {
	slots := 0
	for r, cells := range t.Grid {
		slots += max(len(cells), width)
		if slots <= lim.MaxGridCells {
			continue
		}
		t.Problems = append(t.Problems, Problem{Span: t.Rows[r].Span, Limit: true, Message: fmt.Sprintf(
			"table is too large (more than %d cells once rows are padded to the header); this row and the rest are ignored", lim.MaxGridCells)})
		t.Rows, t.Grid = t.Rows[:r], t.Grid[:r]
		for _, row := range t.Rows {
			for _, c := range row.Cells {
				c.RowSpan = min(c.RowSpan, max(r-c.Row, 1))
			}
		}
		return
	}
}

// shapeProblems reports rows that stick out past the header row or stop short of it.
func shapeProblems(t *Table, width int) {
	for r, cells := range t.Grid {
		row := t.Rows[r]
		switch {
		case len(cells) > width && width > 0:
			c := cells[width]
			if c != nil && c.Row == r && c.Col < width && c.ColSpan > 1 && (c.ColSpan >= width || !spannedFromAbove(cells, r)) {
				// The row's own colspan runs past the last column.
				t.Problems = append(t.Problems, Problem{Span: c.Span, Message: fmt.Sprintf(
					"colspan=%d makes this row %d columns wide, but the table header has %d", c.ColSpan, len(cells), width)})
				break
			}
			if c != nil && c.Row == r && !spannedFromAbove(cells, r) {
				t.Problems = append(t.Problems, Problem{Span: c.Span, Message: fmt.Sprintf(
					"this row has %d columns but the table header has %d: the extra cells push the row out of line", len(cells), width)})
				break
			}
			if c == nil || c.Row != r { // a hole, or pushed by a span from above
				c = row.Cells[len(row.Cells)-1]
			}
			own, above, outside := ownWidth(row.Cells), 0, false
			for _, sc := range cells {
				if sc != nil && sc.Row < r {
					above++
					outside = outside || sc.Col+sc.ColSpan > width
				}
			}
			if outside || own >= width && row.Cells[0].Header {
				// The span above lies past the header, or this is a full
				// row with its own label: the span reaches too far.
				t.Problems = append(t.Problems, Problem{Span: c.Span, Message: fmt.Sprintf(
					"this row is %d columns wide but the table header has %d: a rowspan or colspan above pushes its cells to the right", len(cells), width)})
				break
			}
			t.Problems = append(t.Problems, Problem{Span: c.Span, Message: fmt.Sprintf(
				"this row's own cells take %d columns and a rowspan above fills %d more: %d in all, but the table header has %d; remove the extra cell from this row",
				own, above, len(cells), width)})
		case len(cells) < width && len(row.Cells) >= 2:
			// A row with one cell is a label or a section title; a short row
			// with content has a hole where the browser shows nothing.
			t.Problems = append(t.Problems, Problem{Span: row.Span, Message: fmt.Sprintf(
				"this row covers %d of the table's %d columns, leaving a hole", len(cells), width)})
		}
	}
}

// padGrid makes every grid row at least width slots long.
func padGrid(t *Table, width int) {
	for r := range t.Grid {
		for len(t.Grid[r]) < width {
			t.Grid[r] = append(t.Grid[r], nil)
		}
	}
}

// spannedFromAbove reports whether a rowspan from an earlier row reaches
// into this grid row (and so pushes its cells right).
// ownWidth is how many columns a row's own cells take.
func ownWidth(cells []*Cell) int {
	n := 0
	for _, c := range cells {
		n += c.ColSpan
	}
	return n
}

func spannedFromAbove(cells []*Cell, r int) bool {
	for _, c := range cells {
		if c != nil && c.Row < r {
			return true
		}
	}
	return false
}

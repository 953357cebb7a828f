package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"github.com/ladderlint/ladderlint/lint/source"
)

// The pre-scan of a page with tables. Most tables of a handbook are not
// ladders, and parsing them costs the most of a run. ladder.Extract reads a
// table's levels from the first behaviour of its cells, or from bare numbers
// under a "Level" caption; a ladder of titles only needs two ranked ones
// ("Senior Designer", not "Designer"), and any other ladder has a label
// that is not a title. So each table ladder has a cell whose label isLevel
// (Matcher.Signals: a level, but not a bare role) accepts, or a caption: a
// page whose only sign of a ladder is a table is parsed when one cell opens
// with such a label, or a cell reads "Level", or its tables may be large
// enough to hit DefaultLimits (a limit hit is reported even outside
// ladders).
//
// HTML tables are read by the parser's own reader (htmlCells), which is
// cheap next to goldmark. Pipe tables are read from the source without
// goldmark: the line above each delimiter row and the lines below it up to
// a blank line are split at unescaped pipes, a cell is cut into behaviours
// where the parser cuts it (<br>, bullets), and its first behaviour is
// tried as written, then with the inline marks goldmark would drop ("*",
// "_", "\", "[", "]", "~") read as spaces, then left out. Reading more
// cells than the parser does only parses more pages.

// tablesMayHoldLadder reports whether the tables of data may hold a ladder.
func tablesMayHoldLadder(data []byte, isLevel func(string) bool, htmlTables bool) bool {
	if mayHitLimits(data) {
		return true
	}
	s := cellScan{isLevel: isLevel, level: containsFold(data, "level")}
	if s.pipeCells(data) || htmlTables && s.htmlCells(data) {
		return true
	}
	return false
}

type cellScan struct {
	isLevel func(string) bool
	pieces  [][]byte // reused for each cell
	level   bool     // the page mentions "level": cells may be captions
}

// cell tries the first behaviour of a cell, pieces being its behaviours in
// order, and reports whether the page may hold a ladder. Only pieces that
// mention "level" are read as captions.
func (s *cellScan) cell(pieces [][]byte) bool {
	first, all := "", ""
	level := false // a piece mentions "level"
	for _, p := range pieces {
		// plain collapses white space: trimmed first, most cells need no copy.
		if p = bytes.TrimSpace(p); len(p) == 0 {
			continue
		}
		mentions := s.level && containsFold(p, "level")
		if first != "" && !mentions {
			continue
		}
		v := plain(html.UnescapeString(string(p)))
		if v == "" {
			continue
		}
		if mentions && isCaption(v) {
			return true // "Level" over bare numbers, or inside the cell
		}
		if first == "" {
			first = v
		}
		level = level || mentions
	}
	if first == "" {
		return false
	}
	if level && len(pieces) > 1 {
		// A header cell's whole text may be the caption ("Job<br>Level").
		for _, p := range pieces {
			if v := plain(html.UnescapeString(string(bytes.TrimSpace(p)))); v != "" {
				all += " " + v
			}
		}
		if isCaption(all) {
			return true
		}
	}
	return s.label(first)
}

// label reports whether a cell's label names a level, as written or with
// the inline marks goldmark would drop read as spaces or left out.
func (s *cellScan) label(v string) bool {
	if s.isLevel(v) {
		return true
	}
	if alt := collapseSpace(inlineMarks.Replace(v)); alt != v && s.isLevel(alt) {
		return true
	}
	alt := collapseSpace(dropMarks.Replace(v))
	return alt != v && s.isLevel(alt)
}

// inlineMarks are the markdown marks that goldmark drops from a cell's text
// and plain keeps: single emphasis, escapes, reference-link brackets.
var (
	inlineMarks = strings.NewReplacer("*", " ", "_", " ", `\`, " ", "[", " ", "]", " ", "~", " ")
	dropMarks   = strings.NewReplacer("*", "", "_", "", `\`, "", "[", "", "]", "", "~", "")
)

// isCaption reports whether a cell or behaviour may be a level caption
// ("Level", "Job Level:", as ladder's levelCaption reads them), inline
// marks ignored.
func isCaption(v string) bool {
	if len(v) > 24 || !strings.Contains(strings.ToLower(v), "level") {
		return false
	}
	v = strings.ToLower(collapseSpace(inlineMarks.Replace(v)))
	v = strings.TrimPrefix(strings.TrimPrefix(v, "job "), "career ")
	v = strings.TrimSpace(strings.TrimSuffix(v, ":"))
	return v == "level"
}

// pipeCells reads the rows of every pipe table: the line above a
// delimiter row and the lines below it up to a blank line.
func (s *cellScan) pipeCells(data []byte) bool {
	prev := []byte(nil) // the line above, a table's header when a delimiter row follows
	inTable := false
	cr := bytes.IndexByte(data, '\r') >= 0
	for start := 0; start < len(data); {
		line := data[start : start+lineLenCR(data[start:], cr)]
		start = nextLine(data, start+len(line))
		trimmed := trimIndent(line)
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			inTable = false
		case isDelimiterRow(trimmed):
			if !inTable && s.pipeRow(prev) {
				return true
			}
			inTable = true
		case inTable:
			if s.pipeRow(line) {
				return true
			}
		}
		prev = line
	}
	return false
}

// pipeRow reads the cells of one pipe-table row.
func (s *cellScan) pipeRow(line []byte) bool {
	for len(line) > 0 {
		end := unescapedPipe(line)
		s.pieces = pipePieces(s.pieces[:0], line[:end])
		if s.cell(s.pieces) {
			return true
		}
		if end == len(line) {
			break
		}
		line = line[end+1:]
	}
	return false
}

// unescapedPipe is the index of the first '|' of line not escaped by a
// backslash, or len(line).
func unescapedPipe(line []byte) int {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			return i
		}
	}
	return len(line)
}

// pipePieces cuts a pipe cell into behaviours: at <br> tags, at a bullet
// opening it and at "•".
func pipePieces(out [][]byte, cell []byte) [][]byte {
	for {
		i := indexBr(cell)
		if i < 0 {
			return appendBullets(out, cell)
		}
		out = appendBullets(out, cell[:i])
		cell = cell[i+bytes.IndexByte(cell[i:], '>')+1:]
	}
}

// appendBullets adds text (part of one line) cut at a bullet opening it and at "•".
func appendBullets(out [][]byte, text []byte) [][]byte {
	if len(text) == 0 {
		return out
	}
	if trimmed := trimIndent(text); bulletLen(trimmed) > 0 {
		text = trimmed[bulletLen(trimmed):]
	}
	for {
		i := bytes.Index(text, bullet)
		if i < 0 {
			return append(out, text)
		}
		out = append(out, text[:i])
		text = text[i+len(bullet):]
	}
}

// htmlCells reads the page's HTML tables with the parser's own reader
// (htmlTables), once from each "<table": where goldmark sees a table, Parse
// tokenizes it from that same tag in the same state, so the cells and
// behaviours are the ones Extract will read, whatever the text around
// (even a "<table><td>" in a code span, which would swallow a table read
// after it). A page with more than maxTableTags is parsed without reading
// them, which bounds the work.
func (s *cellScan) htmlCells(data []byte) bool {
	p := &Page{File: source.NewFile("", data)}
	n := 0
	for i := indexFold(data, "<table", 0); i >= 0; i = indexFold(data, "<table", i+1) {
		if n++; n > maxTableTags {
			return true
		}
		// Each table counts its cells from zero: Parse, counting from the
		// top of the page, never reads more.
		p.Tables, p.Comments, p.cells = p.Tables[:0], p.Comments[:0], 0
		p.htmlTables(i, i+1, DefaultLimits)
		for _, t := range p.Tables {
			for _, row := range t.Rows {
				for _, c := range row.Cells {
					if s.tableCell(c) {
						return true
					}
				}
			}
		}
	}
	return false
}

// maxTableTags bounds the tables htmlCells reads on one page (each read may
// run to the end of the page).
const maxTableTags = 64

// tableCell is cell for a cell the parser read: its first behaviour (or its
// text) is the label ladder.Extract tries, any behaviour or the whole text
// may be a caption.
func (s *cellScan) tableCell(c *Cell) bool {
	if isCaption(c.Text) {
		return true
	}
	label := c.Text
	for i, it := range c.Items {
		if isCaption(strings.TrimSpace(it.Value)) {
			return true
		}
		if i == 0 {
			label = it.Value
		}
	}
	if label == "" {
		return false
	}
	return s.label(label)
}

// mayHitLimits reports whether the tables of data could be large enough to
// hit DefaultLimits (lint.Run parses with them): spans, or by a generous
// count more columns or grid cells than the limits allow. A pipe table has
// at most a column per pipe of its widest line and a row per line; an HTML
// table at most a column per cell tag and a row per row or cell tag.
func mayHitLimits(data []byte) bool {
	lim := DefaultLimits
	pipes, lines := bytes.Count(data, []byte("|")), bytes.Count(data, []byte("\n"))+1
	tags, rows, spans := htmlCounts(data)
	if spans {
		return true
	}
	if pipes+1 < lim.MaxColumns && (pipes+1)*lines < lim.MaxGridCells && pipes+lines+tags < lim.MaxGridCells &&
		tags < lim.MaxColumns && tags*(rows+tags) < lim.MaxGridCells {
		return false // the common case: no table can be that large
	}
	cols := 0
	for start := 0; start < len(data); start = nextLine(data, start+lineLen(data[start:])) {
		cols = max(cols, bytes.Count(data[start:start+lineLen(data[start:])], []byte("|"))+1)
	}
	return cols >= lim.MaxColumns || tags >= lim.MaxColumns || cols*lines >= lim.MaxGridCells ||
		tags*(rows+tags) >= lim.MaxGridCells || pipes+lines+tags >= lim.MaxGridCells
}

// htmlCounts counts the cell tags (<td>, <th>) and row tags (<tr>) of data,
// and reports whether a cell tag has a span attribute (colspan, rowspan).
func htmlCounts(data []byte) (cells, rows int, spans bool) {
	for i := 0; ; i++ {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 || i+j+3 > len(data) {
			return cells, rows, spans
		}
		i += j
		if data[i+1]|0x20 != 't' {
			continue
		}
		switch data[i+2] | 0x20 {
		case 'r':
			rows++
		case 'd', 'h':
			cells++
			end := bytes.IndexByte(data[i:], '>')
			if end < 0 {
				end = len(data) - i
			}
			spans = spans || containsFold(data[i:i+end], "span")
		}
	}
}

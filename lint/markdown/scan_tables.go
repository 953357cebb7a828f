package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// The pre-scan of a page with tables. Most tables of a handbook are not
// ladders, and parsing them costs the most of a run; a table ladder needs
// at least two level labels in its cells (ladder.Extract reads a cell's
// first behaviour as its label), a "Level" caption over bare numbers, or
// level headings over its tables (counted by MayHoldLadder). So a page whose
// only sign of a ladder is a table is parsed when two cells open with a
// level label, or one does and a heading names a level, or a cell reads
// "Level", or its tables may be large enough to hit DefaultLimits (a limit
// hit is reported even outside ladders).
//
// Cells are read from the source without goldmark or the HTML tokenizer:
// every line holding a pipe is split as a pipe-table row, and every <td>
// or <th> of the page runs to the next tag that ends a cell. A cell is cut
// into behaviours where the parser cuts it (<br> in pipe cells, block tags
// in HTML cells, bullets), and its first behaviour is tried as written and
// with the inline marks goldmark would drop ("*", "_", "\", "[", "]") read
// as spaces. Reading more cells than the parser does only parses more
// pages.

// tablesMayHoldLadder reports whether the tables of data may hold a ladder;
// levels is the number of level headings seen.
func tablesMayHoldLadder(data []byte, isLevel func(string) bool, levels int, htmlTables bool) bool {
	if mayHitLimits(data) {
		return true
	}
	s := cellScan{isLevel: isLevel, hits: levels, level: containsFold(data, "level")}
	if s.pipeCells(data) || htmlTables && s.htmlCells(data) {
		return true
	}
	return false
}

type cellScan struct {
	isLevel func(string) bool
	hits    int      // level labels seen (level headings included)
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
	if s.isLevel(first) {
		s.hits++
	} else if alt := collapseSpace(inlineMarks.Replace(first)); alt != first && s.isLevel(alt) {
		s.hits++
	}
	return s.hits >= 2
}

// inlineMarks are the markdown marks that goldmark drops from a cell's text
// and plain keeps: single emphasis, escapes, reference-link brackets.
var inlineMarks = strings.NewReplacer("*", " ", "_", " ", `\`, " ", "[", " ", "]", " ", "~", " ")

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
		trimmed := bytes.TrimLeft(line, " \t")
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
		if s.cell(pipePieces(s.pieces[:0], line[:end])) {
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

// appendBullets adds text cut at bullets opening a line and at "•".
func appendBullets(out [][]byte, text []byte) [][]byte {
	for start := 0; start < len(text); start = nextLine(text, start+lineLen(text[start:])) {
		line := text[start : start+lineLen(text[start:])]
		trimmed := bytes.TrimLeft(line, " \t\r")
		if n := bulletLen(trimmed); n > 0 {
			line = trimmed[n:]
		}
		for {
			i := bytes.Index(line, bullet)
			if i < 0 {
				break
			}
			out = append(out, line[:i])
			line = line[i+len(bullet):]
		}
		out = append(out, line)
	}
	return out
}

// htmlCells reads every <td> and <th> of data up to the tag that ends it.
func (s *cellScan) htmlCells(data []byte) bool {
	cellStart := -1
	var pieces [][]byte
	pieceStart := 0
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(data[i:], []byte("<!--")) {
			// A comment is no text: it ends the piece before it.
			if cellStart >= 0 {
				pieces = append(pieces, data[pieceStart:i])
			}
			end := bytes.Index(data[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			pieceStart = i
			continue
		}
		name, closing, tagEnd := tagAt(data, i)
		if tagEnd < 0 {
			i++
			continue
		}
		endsCell := name == "td" || name == "th" || name == "tr" || name == "table" || !closing &&
			(name == "thead" || name == "tbody" || name == "tfoot" || name == "caption" || name == "colgroup") ||
			closing && (name == "thead" || name == "tbody" || name == "tfoot")
		if cellStart >= 0 && (endsCell || blockTags[name]) {
			pieces = append(pieces, data[pieceStart:i])
			pieceStart = tagEnd
		}
		if cellStart >= 0 && endsCell {
			if s.cell(htmlPieces(s.pieces[:0], pieces)) {
				return true
			}
			cellStart, pieces = -1, pieces[:0]
		}
		if !closing && (name == "td" || name == "th") {
			cellStart, pieceStart = tagEnd, tagEnd
		}
		i = tagEnd
	}
	if cellStart >= 0 {
		pieces = append(pieces, data[pieceStart:])
		return s.cell(htmlPieces(s.pieces[:0], pieces))
	}
	return false
}

// htmlPieces cuts the text between an HTML cell's block tags at bullets.
func htmlPieces(out, pieces [][]byte) [][]byte {
	for _, p := range pieces {
		out = appendBullets(out, p)
	}
	return out
}

// tagAt reads the tag opening at data[i] ('<'): its lower-case name,
// whether it closes, and the offset after its '>' (-1 when it is no tag).
func tagAt(data []byte, i int) (name string, closing bool, end int) {
	n := i + 1
	if n < len(data) && data[n] == '/' {
		closing = true
		n++
	}
	k := n
	for k < len(data) && (isASCIILetter(data[k]) || k > n && data[k] >= '0' && data[k] <= '9') {
		k++
	}
	if k == n {
		return "", false, -1
	}
	gt := bytes.IndexByte(data[k:], '>')
	if gt < 0 {
		return "", false, -1
	}
	return strings.ToLower(string(data[n:k])), closing, k + gt + 1
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

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
	s := cellScan{isLevel: isLevel, hits: levels}
	if s.pipeCells(data) || htmlTables && s.htmlCells(data) {
		return true
	}
	return false
}

type cellScan struct {
	isLevel func(string) bool
	hits    int // level labels seen (level headings included)
}

// cell tries the first behaviour of a cell, pieces being its behaviours in
// order, and reports whether the page may hold a ladder.
func (s *cellScan) cell(pieces [][]byte) bool {
	first, all := "", ""
	for _, p := range pieces {
		if len(bytes.TrimSpace(p)) == 0 {
			continue
		}
		v := plain(html.UnescapeString(string(p)))
		if v == "" {
			continue
		}
		if isCaption(v) {
			return true // "Level" over bare numbers, or inside the cell
		}
		if first == "" {
			first = v
		}
		all += " " + v
	}
	if first == "" {
		return false
	}
	if all[1:] != first && isCaption(all) {
		return true // a header cell's whole text is the caption
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

// pipeCells reads every line holding a pipe as a pipe-table row.
func (s *cellScan) pipeCells(data []byte) bool {
	for start := 0; start < len(data); start = nextLine(data, start+lineLen(data[start:])) {
		line := data[start : start+lineLen(data[start:])]
		if bytes.IndexByte(line, '|') < 0 || isDelimiterRow(bytes.TrimLeft(line, " \t")) {
			continue
		}
		for len(line) > 0 {
			end := unescapedPipe(line)
			if s.cell(pipePieces(line[:end])) {
				return true
			}
			if end == len(line) {
				break
			}
			line = line[end+1:]
		}
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
func pipePieces(cell []byte) [][]byte {
	var out [][]byte
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
			if s.cell(htmlPieces(pieces)) {
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
		return s.cell(htmlPieces(pieces))
	}
	return false
}

// htmlPieces cuts the text between an HTML cell's block tags at bullets.
func htmlPieces(pieces [][]byte) [][]byte {
	var out [][]byte
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
	if containsFold(data, "colspan") || containsFold(data, "rowspan") {
		return true
	}
	cols, pipes, lines := 0, 0, 0
	for start := 0; start < len(data); start = nextLine(data, start+lineLen(data[start:])) {
		n := bytes.Count(data[start:start+lineLen(data[start:])], []byte("|"))
		cols, pipes, lines = max(cols, n+1), pipes+n, lines+1
	}
	tags := countFold(data, "<td") + countFold(data, "<th")
	rows := countFold(data, "<tr") + tags
	lim := DefaultLimits
	return cols >= lim.MaxColumns || tags >= lim.MaxColumns || cols*lines >= lim.MaxGridCells ||
		tags*rows >= lim.MaxGridCells || pipes+lines+tags >= lim.MaxGridCells
}

// countFold counts the lower-case ASCII needle in data, in any letter case.
func countFold(data []byte, needle string) int {
	n := 0
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], needle[0])
		if j < 0 {
			return n
		}
		i += j
		if i+len(needle) <= len(data) && bytes.EqualFold(data[i:i+len(needle)], []byte(needle)) {
			n++
		}
		i++
	}
}

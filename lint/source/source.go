// Package source holds a page's bytes and turns byte offsets into the
// line:column positions every later stage reports.
package source

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// File is one markdown page as read from disk.
type File struct {
	// Path is slash-separated and relative to the directory the user ran in.
	Path string
	// Data is the page's bytes, unmodified (BOM and CR included).
	Data []byte

	index      sync.Once
	lineStarts []int // byte offset of the first byte of each line
}

// NewFile returns the page. Its line starts are indexed when a position is
// first asked for: most pages of a handbook never are.
func NewFile(path string, data []byte) *File {
	return &File{Path: path, Data: data}
}

// lines indexes the line starts once. A line ends at "\n", "\r\n" or a lone "\r".
func (f *File) lines() []int {
	f.index.Do(f.indexLines)
	return f.lineStarts
}

func (f *File) indexLines() {
	data := f.Data
	f.lineStarts = []int{0}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			f.lineStarts = append(f.lineStarts, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				continue
			}
			f.lineStarts = append(f.lineStarts, i+1)
		}
	}
}

// Pos is a point in a file.
type Pos struct {
	// Offset is the byte offset, 0-based.
	Offset int `json:"offset"`
	// Line is 1-based.
	Line int `json:"line"`
	// Column is 1-based and counts Unicode code points (invalid bytes count one each).
	Column int `json:"column"`
}

// Range is a span of a file; End is exclusive.
type Range struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// IsZero reports whether r was never set.
func (r Range) IsZero() bool { return r.Start.Line == 0 }

// Pos converts a byte offset (clamped to the file) into a Pos.
func (f *File) Pos(offset int) Pos {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Data) {
		offset = len(f.Data)
	}
	starts := f.lines()
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > offset }) - 1
	start := starts[line]
	return Pos{Offset: offset, Line: line + 1, Column: utf8.RuneCount(f.Data[start:offset]) + 1}
}

// Range converts the byte span [start, end) into a Range.
func (f *File) Range(start, end int) Range {
	if end < start {
		end = start
	}
	return Range{Start: f.Pos(start), End: f.Pos(end)}
}

// Line returns the text of the 1-based line n without its line ending.
func (f *File) Line(n int) []byte {
	starts := f.lines()
	if n < 1 || n > len(starts) {
		return nil
	}
	start := starts[n-1]
	end := len(f.Data)
	if n < len(starts) {
		end = starts[n]
	}
	for end > start && (f.Data[end-1] == '\n' || f.Data[end-1] == '\r') {
		end--
	}
	return f.Data[start:end]
}

// LineSpan is the span of line n (1-based, clamped to the file's lines)
// without its line ending.
func (f *File) LineSpan(n int) Span {
	starts := f.lines()
	n = max(1, min(n, len(starts)))
	start := starts[n-1]
	return Span{Start: start, End: start + len(f.Line(n))}
}

// Lines is the number of lines in the file.
func (f *File) Lines() int { return len(f.lines()) }

// Span is a byte range of a file: Start is 0-based, End is exclusive.
type Span struct {
	Start int `json:"-"`
	End   int `json:"-"`
}

// Range converts s into line:column positions of f.
func (f *File) SpanRange(s Span) Range { return f.Range(s.Start, s.End) }

// Package source holds a page's bytes and turns byte offsets into the
// line:column positions every later stage reports.
package source

import (
	"sort"
	"unicode/utf8"
)

// File is one markdown page as read from disk.
type File struct {
	// Path is slash-separated and relative to the directory the user ran in.
	Path string
	// Data is the page's bytes, unmodified (BOM and CR included).
	Data []byte

	lineStarts []int // byte offset of the first byte of each line
}

// NewFile indexes data's line starts. A line ends at "\n", "\r\n" or a lone "\r".
func NewFile(path string, data []byte) *File {
	f := &File{Path: path, Data: data, lineStarts: []int{0}}
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
	return f
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
	line := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > offset }) - 1
	start := f.lineStarts[line]
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
	if n < 1 || n > len(f.lineStarts) {
		return nil
	}
	start := f.lineStarts[n-1]
	end := len(f.Data)
	if n < len(f.lineStarts) {
		end = f.lineStarts[n]
	}
	for end > start && (f.Data[end-1] == '\n' || f.Data[end-1] == '\r') {
		end--
	}
	return f.Data[start:end]
}

// Lines is the number of lines in the file.
func (f *File) Lines() int { return len(f.lineStarts) }

// Span is a byte range of a file: Start is 0-based, End is exclusive.
type Span struct {
	Start int `json:"-"`
	End   int `json:"-"`
}

// Range converts s into line:column positions of f.
func (f *File) SpanRange(s Span) Range { return f.Range(s.Start, s.End) }

package report

import (
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

// Quotes are the source lines reporters quote, by file and 1-based line
// number: the lines that findings and their related places start and end
// on. A run keeps these instead of whole pages, so its memory does not grow
// with the size of the pages that have findings.
type Quotes map[string]map[int]string

// Keep stores the lines of f that the findings point at: their own
// ranges when they are in f, and their related places in f.
func (q Quotes) Keep(f *source.File, findings []finding.Finding) {
	keep := func(file string, r source.Range) {
		if file != f.Path || r.IsZero() {
			return
		}
		lines := q[f.Path]
		if lines == nil {
			lines = map[int]string{}
			q[f.Path] = lines
		}
		for _, n := range [2]int{r.Start.Line, r.End.Line} {
			if _, ok := lines[n]; !ok && n >= 1 && n <= f.Lines() {
				lines[n] = string(f.Line(n))
			}
		}
	}
	for i := range findings {
		fd := &findings[i]
		keep(fd.File, fd.Range)
		for _, rel := range fd.Related {
			keep(relatedFile(fd, rel), rel.Range)
		}
	}
}

// Line returns line n of file, and whether it was kept.
func (q Quotes) Line(file string, n int) (string, bool) {
	s, ok := q[file][n]
	return s, ok
}

// relatedFile is the page a related place is in.
func relatedFile(f *finding.Finding, rel finding.Related) string {
	if rel.File != "" {
		return rel.File
	}
	return f.File
}

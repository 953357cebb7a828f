package report

import (
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

// The rd* types are reviewdog's Diagnostic Format (rdjson), from
// github.com/reviewdog/reviewdog proto/rdf/reviewdog.proto.

type rdDiagnostic struct {
	Message          string              `json:"message"`
	Location         rdLocation          `json:"location"`
	Severity         string              `json:"severity"`
	Source           rdSource            `json:"source"`
	Code             rdCode              `json:"code"`
	RelatedLocations []rdRelatedLocation `json:"related_locations,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

// rdRange is reviewdog's range: End is exclusive.
type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

// rdPosition is 1-based; unlike ladderlint's own positions, Column counts
// UTF-8 bytes, as reviewdog requires.
type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
}

type rdCode struct {
	Value string `json:"value"`
}

type rdRelatedLocation struct {
	Message  string     `json:"message,omitempty"`
	Location rdLocation `json:"location"`
}

// RDJSONL writes one reviewdog diagnostic per line (`reviewdog -f=rdjsonl`).
// Columns are converted from code points to UTF-8 bytes with the finding's
// source; without it they are written as they are (right for ASCII lines).
func RDJSONL(w io.Writer, r *Run) error {
	enc := json.NewEncoder(w)
	for _, f := range r.Findings {
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLoc(r.Quotes, f.File, f.Range),
			Severity: rdSeverity(f.Severity),
			Source:   rdSource{Name: "ladderlint"},
			Code:     rdCode{Value: f.Rule},
		}
		for _, rel := range f.Related {
			d.RelatedLocations = append(d.RelatedLocations, rdRelatedLocation{Message: rel.Message, Location: rdLoc(r.Quotes, relatedFile(&f, rel), rel.Range)})
		}
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	return nil
}

func rdSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "ERROR"
	case finding.Warning:
		return "WARNING"
	}
	return "INFO"
}

func rdLoc(q Quotes, file string, rg source.Range) rdLocation {
	loc := rdLocation{Path: file}
	if rg.IsZero() {
		return loc
	}
	loc.Range = &rdRange{Start: rdPos(q, file, rg.Start)}
	if rg.End.Line > rg.Start.Line || rg.End.Line == rg.Start.Line && rg.End.Column >= rg.Start.Column {
		end := rdPos(q, file, rg.End)
		loc.Range.End = &end
	}
	return loc
}

// rdPos converts a code-point column into a byte column on the same line.
// Columns past the end of the line count one byte each.
func rdPos(q Quotes, file string, p source.Pos) rdPosition {
	text, ok := q.Line(file, p.Line)
	if !ok {
		return rdPosition{Line: p.Line, Column: p.Column}
	}
	col := 1
	for i := 1; i < p.Column; i++ {
		if len(text) == 0 {
			col++
			continue
		}
		_, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		col += size
	}
	return rdPosition{Line: p.Line, Column: col}
}

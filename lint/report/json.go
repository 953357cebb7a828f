package report

import (
	"encoding/json"
	"io"
)

// jsonFinding is one finding in -format json. Lines and columns are 1-based,
// columns count code points, end positions are exclusive.
type jsonFinding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
	Ladder    string `json:"ladder"`
	Level     string `json:"level"`
	Category  string `json:"category"`
}

// JSON writes {"findings": [...], "files": N, "ladders": N}. encoding/json
// escapes control characters, so no raw CR or LF reaches the output.
func JSON(w io.Writer, r *Run) error {
	out := struct {
		Findings []jsonFinding `json:"findings"`
		Files    int           `json:"files"`
		Ladders  int           `json:"ladders"`
		Config   *string       `json:"config"` // the configuration file, null for the built-in defaults
	}{Findings: []jsonFinding{}, Files: r.Files, Ladders: r.Ladders}
	if r.Config != "" {
		out.Config = &r.Config
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{Rule: f.Rule, Severity: f.Severity.String(), File: f.File,
			Line: f.Range.Start.Line, Column: f.Range.Start.Column, EndLine: f.Range.End.Line, EndColumn: f.Range.End.Column,
			Message: f.Message, Ladder: f.Ladder, Level: f.Level, Category: f.Category})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

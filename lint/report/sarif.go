package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/source"
)

// SARIF constants: the schema the log declares and the fingerprint key.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// fingerprintKey names ladderlint's partial fingerprint. The "/v1" is
	// bumped if the hashed fields ever change, so old alerts are not
	// silently matched to different new ones.
	fingerprintKey = "ladderlint/v1"
	// srcRoot is the base every artifact URI is relative to: the folder
	// ladderlint ran in (the repository root in CI).
	srcRoot = "%SRCROOT%"
)

// The types below are the subset of the SARIF 2.1.0 object model that
// ladderlint writes (OASIS SARIF 2.1.0, §3). Field order follows the spec.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
	// ColumnKind is always "unicodeCodePoints": columns count code points,
	// like every ladderlint position.
	ColumnKind string `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

// sarifRule is a reportingDescriptor (§3.49).
type sarifRule struct {
	ID                   string               `json:"id"`
	Name                 string               `json:"name,omitempty"`
	ShortDescription     sarifMultiformat     `json:"shortDescription"`
	FullDescription      sarifMultiformat     `json:"fullDescription"`
	Help                 sarifMultiformat     `json:"help"`
	DefaultConfiguration sarifReportingConfig `json:"defaultConfiguration"`
}

type sarifReportingConfig struct {
	Level string `json:"level"`
}

type sarifMultiformat struct {
	Text string `json:"text"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

// sarifResult is one finding (§3.27).
type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

// sarifProperties is the result's property bag: where in the ladder the
// finding is, when known.
type sarifProperties struct {
	Ladder   string `json:"ladder,omitempty"`
	Level    string `json:"level,omitempty"`
	Category string `json:"category,omitempty"`
}

type sarifLocation struct {
	// ID is set on related locations only (unique within the result).
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	// URI is the finding's slash path, relative to URIBaseID, percent-encoded.
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

// sarifRegion is a text region (§3.30). Lines and columns are 1-based,
// columns count code points, and EndColumn is exclusive: SARIF's
// endColumn is "the column following the end", the same convention as
// source.Range.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// SARIF writes the findings as one SARIF 2.1.0 log with one run, for code
// scanning. tool.driver lists every rule of r.Rules, whatever ran, so
// ruleIndex points into the same list on every run.
func SARIF(w io.Writer, r *Run) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "ladderlint", InformationURI: "https://github.com/ladderlint/ladderlint", Rules: []sarifRule{}}
	for i, rule := range r.Rules {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   rule.ID,
			Name:                 rule.Name,
			ShortDescription:     sarifMultiformat{Text: rule.Summary},
			FullDescription:      sarifMultiformat{Text: rule.Help},
			Help:                 sarifMultiformat{Text: rule.Help},
			DefaultConfiguration: sarifReportingConfig{Level: sarifLevel(rule.Default)},
		})
	}
	fps := fingerprints(r.Findings)
	results := []sarifResult{}
	for i, f := range r.Findings {
		ruleIndex, ok := index[f.Rule]
		if !ok {
			return fmt.Errorf("finding of unknown rule %q", f.Rule)
		}
		res := sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           ruleIndex,
			Level:               sarifLevel(f.Severity),
			Message:             sarifMessage{Text: f.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical(f.File, f.Range)}},
			PartialFingerprints: map[string]string{fingerprintKey: fps[i]},
		}
		for j, rel := range f.Related {
			id := j + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id,
				PhysicalLocation: sarifPhysical(relatedFile(&f, rel), rel.Range), Message: &sarifMessage{Text: rel.Message}})
		}
		if f.Ladder != "" || f.Level != "" || f.Category != "" {
			res.Properties = &sarifProperties{Ladder: f.Ladder, Level: f.Level, Category: f.Category}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{
		Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints",
	}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

func sarifPhysical(file string, rg source.Range) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: fileURI(file), URIBaseID: srcRoot}}
	if rg.IsZero() {
		return loc // the whole file
	}
	reg := &sarifRegion{StartLine: rg.Start.Line, StartColumn: max(1, rg.Start.Column)}
	if rg.End.Line > rg.Start.Line || rg.End.Line == rg.Start.Line && rg.End.Column >= reg.StartColumn {
		reg.EndLine, reg.EndColumn = rg.End.Line, max(1, rg.End.Column)
	}
	loc.Region = reg
	return loc
}

// fileURI turns a slash path into a relative URI reference: segments are
// percent-encoded, and a first segment with a colon is kept from reading as
// a scheme.
func fileURI(p string) string {
	return (&url.URL{Path: p}).String()
}

// fingerprints returns one partial fingerprint per finding, in order. It
// hashes what identifies a problem, not where it is: rule, file, ladder,
// level, category and message, plus the occurrence number among findings
// that share all of those. Line numbers and severities stay out, so a
// fingerprint survives edits elsewhere in the page and a change of the
// rule's severity. The result is 32 lowercase hex digits.
// lineRef is a line number in a message ("on line 12", "above line 377").
var lineRef = regexp.MustCompile(`\blines? [0-9]+`)

func fingerprints(findings []finding.Finding) []string {
	seen := map[string]int{}
	out := make([]string, len(findings))
	for i, f := range findings {
		// Line numbers quoted in a message move with every edit above them.
		msg := lineRef.ReplaceAllString(f.Message, "line #")
		key := strings.Join([]string{f.Rule, f.File, f.Ladder, f.Level, f.Category, msg}, "\x00")
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}

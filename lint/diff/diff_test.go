package diff

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/schema"
)

// readSet parses every .md file under dir as a page set; paths are
// relative to dir.
func readSet(t *testing.T, dir string) []Page {
	var pages []Page
	opt := ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages = append(pages, Parse(filepath.ToSlash(rel), data, opt))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// caseOptions reads a case's optional "renames" (old new, a pair a line)
// and "areas" (name: term, term) files.
func caseOptions(t *testing.T, dir string) Options {
	var opt Options
	lines := func(name string) []string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil
		}
		var out []string
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	for _, l := range lines("renames") {
		f := strings.Fields(l)
		if opt.Renames == nil {
			opt.Renames = map[string]string{}
		}
		opt.Renames[f[0]] = f[1]
	}
	for _, l := range lines("areas") {
		name, terms, _ := strings.Cut(l, ":")
		a := ladder.Area{Name: name}
		for _, term := range strings.Split(terms, ",") {
			a.Terms = append(a.Terms, strings.TrimSpace(term))
		}
		opt.Areas = append(opt.Areas, a)
	}
	return opt
}

func diffSchema(t *testing.T) *gojsonschema.Schema {
	s, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.Diff))
	if err != nil {
		t.Fatalf("diff.schema.json: %v", err)
	}
	return s
}

func validate(t *testing.T, s *gojsonschema.Schema, doc []byte) {
	t.Helper()
	res, err := s.Validate(gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("schema: %s", e)
	}
}

// TestCases diffs testdata/cases/<case>/base against <case>/head and
// compares the text, markdown and JSON renderings with want.txt, want.md
// and want.json; the JSON is validated against schema/diff.schema.json.
// UPDATE_GOLDEN=1 rewrites the goldens.
func TestCases(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/cases/*")
	if len(dirs) < 8 {
		t.Fatalf("only %d cases", len(dirs))
	}
	s := diffSchema(t)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			r := Pages(readSet(t, filepath.Join(dir, "base")), readSet(t, filepath.Join(dir, "head")), caseOptions(t, dir))
			r.Base = "main"
			var txt, js bytes.Buffer
			if err := Text(&txt, r, false); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&js, r); err != nil {
				t.Fatal(err)
			}
			validate(t, s, js.Bytes())
			golden.Check(t, filepath.Join(dir, "want.txt"), txt.String())
			golden.Check(t, filepath.Join(dir, "want.md"), Markdown(r, MarkdownOptions{}))
			golden.Check(t, filepath.Join(dir, "want.json"), js.String())
		})
	}
}

// TestSchemaRejects checks that the schema can fail: documents that break
// its rules are refused.
func TestSchemaRejects(t *testing.T) {
	s := diffSchema(t)
	for _, doc := range []string{
		`{"base": "x", "unchanged": 0}`,
		`{"base": "x", "unchanged": 0, "ladders": [{"change": "changed", "path": "a.md", "name": "L", "format": "levels-as-rows"}]}`,
		`{"base": "x", "unchanged": 0, "ladders": [{"change": "removed", "path": "a.md", "name": "L", "format": "levels-as-rows", "old_line": 3}]}`,
		`{"base": "x", "unchanged": 0, "ladders": [{"change": "changed", "path": "a.md", "name": "L", "format": "levels-as-rows", "line": 1, "old_line": 1,
		  "levels": [{"change": "changed", "expectations": [{"change": "moved", "category": "D", "text": "t", "line": 2, "old_line": 2}]}]}]}`,
		`{"base": "x", "unchanged": 0, "ladders": [{"change": "changed", "path": "a.md", "name": "L", "format": "levels-as-rows", "line": 1, "old_line": 1,
		  "categories": [{"change": "renamed", "name": "A"}]}]}`,
	} {
		res, err := s.Validate(gojsonschema.NewStringLoader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if res.Valid() {
			t.Errorf("schema accepts %s", doc)
		}
	}
}

// TestJSONRoundTrip checks that the JSON form decodes back to the report.
func TestJSONRoundTrip(t *testing.T) {
	r := Pages(readSet(t, "testdata/cases/rows-prose/base"), readSet(t, "testdata/cases/rows-prose/head"), Options{})
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Ladders) != 1 || len(back.Ladders[0].Levels) != len(r.Ladders[0].Levels) {
		t.Errorf("round trip lost levels: %+v", back)
	}
}

// TestMarkdownLimit: past its limit the markdown stops at a whole line and
// says how much it left out.
func TestMarkdownLimit(t *testing.T) {
	r := &Report{Base: "main"}
	for i := range 2000 {
		r.Ladders = append(r.Ladders, Ladder{Change: Added, Path: "p.md", Name: "Ladder", Format: "levels-as-rows", Line: i + 1,
			LevelCodes: []string{"IC1", "IC2"}})
	}
	full := Markdown(r, MarkdownOptions{})
	md := Markdown(r, MarkdownOptions{Limit: 10_000})
	if len(full) <= 10_000 || len(md) > 10_000 {
		t.Fatalf("full %d bytes, limited %d bytes", len(full), len(md))
	}
	head, note, ok := strings.Cut(md, "\n_Ladder changes truncated: ")
	if !ok || !strings.HasPrefix(full, head) || !strings.HasPrefix(note, "1") {
		t.Errorf("no truncation note, or not a prefix of the full text:\n%s", md[len(md)-300:])
	}
}

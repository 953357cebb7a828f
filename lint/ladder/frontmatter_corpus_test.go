package ladder_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/config"
)

// TestCorpusFrontMatter runs every yaml-frontmatter page of the public
// ladder corpora through the whole pipeline with the default configuration:
// each must give one ladder with the MANIFEST's levels (the `level:`
// numbers, ascending) and categories (the topic names), and the findings
// must point inside the front matter.
func TestCorpusFrontMatter(t *testing.T) {
	sets := map[string]string{"public-ladders": "", "public-ladders-2": "pages"}
	pages, exact := 0, 0
	for set, sub := range sets {
		dir := filepath.Join(corpus, set)
		f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
		if err != nil {
			t.Skipf("corpus not available (%v): run from a checkout next to ../shared", err)
		}
		r := csv.NewReader(f)
		r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			if row[4] != "yaml-frontmatter" {
				continue
			}
			pages++
			path := filepath.Join(dir, sub, row[0])
			res, err := lint.Run(lint.Options{Paths: []string{path}, Config: config.Default(), Documents: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Documents {
				var labels []string
				for _, lv := range d.Levels {
					labels = append(labels, lv.Label)
				}
				got = append(got, strings.Join(labels, ",")+" | "+strings.Join(d.Categories, ","))
			}
			want := row[5] + " | " + strings.ReplaceAll(strings.ReplaceAll(row[6], `\;`, ";"), `\,`, ",")
			if len(got) == 1 && got[0] == want {
				exact++
			} else {
				t.Errorf("%s:\n  want %q\n   got %q", row[0], want, got)
			}
			data, _ := os.ReadFile(path)
			end := strings.Index(string(data[4:]), "\n---") + 4
			for _, fd := range res.Findings {
				if fd.Range.Start.Offset > end {
					t.Errorf("%s: finding %q at line %d is outside the front matter", row[0], fd.Message, fd.Range.Start.Line)
				}
			}
		}
	}
	t.Logf("yaml front matter: %d pages, %d exact", pages, exact)
	if pages < 9 {
		t.Errorf("%d yaml-frontmatter pages in the MANIFESTs, expected at least 9", pages)
	}
}

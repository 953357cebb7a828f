package check_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// TestCorpusDefects checks that every defect the Sourcegraph MANIFEST notes
// is found by the right rule on the right level: empty cells, placeholders,
// anchor mismatches, duplicated bullets, rowspan overflow; and that
// descending ladders are not reported as out of order.
func TestCorpusDefects(t *testing.T) {
	dir := "../../../shared/corpus/sourcegraph-handbook"
	fh, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("corpus not available (%v)", err)
	}
	defer fh.Close()
	m, _ := ladder.NewDefaultMatcher(), error(nil)
	code := func(label string) string {
		lb, ok := m.Match(strings.TrimSpace(label))
		if !ok {
			return ""
		}
		return lb.Code()
	}
	anchor := regexp.MustCompile(`anchor case mismatch id="[^"]*" href="#[^"]*" \(([^)]*)\)`)
	dupBullet := regexp.MustCompile(`duplicate bullet within level: ([^;]*)`)
	dupLevel := regexp.MustCompile(`(?:^|; )([^:;"]+): "`)
	expected, found := 0, 0
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	sc.Scan()
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		file, notes := cols[0], cols[7]
		res, err := lint.Run(lint.Options{Paths: []string{filepath.Join(dir, file)}})
		if err != nil {
			t.Fatal(err)
		}
		has := func(rule, level, category string) bool {
			for _, f := range res.Findings {
				if f.Rule == rule && (level == "" || f.Level == level) && (category == "" || f.Category == category) {
					return true
				}
			}
			return false
		}
		want := func(ok bool, what string) {
			expected++
			if ok {
				found++
			} else {
				t.Errorf("%s: not found: %s", file, what)
			}
		}
		for _, note := range strings.Split(notes, "; ") {
			note = regexp.MustCompile(`^\[\d\] `).ReplaceAllString(note, "")
			switch {
			case strings.HasPrefix(note, "empty cells: "):
				for _, group := range strings.Split(strings.TrimPrefix(note, "empty cells: "), " | ") {
					lvl, cats, _ := strings.Cut(group, "/")
					if strings.Contains(lvl, ":") { // "IC1: Associate PM/…" keeps its title
						lvl = group[:strings.Index(group, "/")]
					}
					for _, cat := range strings.Split(cats, ", ") {
						want(has("empty-cell", code(lvl), cat) || has("placeholder", code(lvl), ""),
							"empty-cell "+code(lvl)+"/"+cat)
					}
				}
			case strings.HasPrefix(note, "placeholder text: "):
				for _, part := range strings.Split(strings.TrimPrefix(note, "placeholder text: "), " | ") {
					lvl, _, _ := strings.Cut(part, "/")
					want(has("placeholder", code(lvl), ""), "placeholder "+code(lvl))
				}
			case anchor.MatchString(note):
				lvl := anchor.FindStringSubmatch(note)[1]
				want(has("anchor-mismatch", code(lvl), ""), "anchor-mismatch "+lvl)
			case dupBullet.MatchString(note):
				for _, d := range dupLevel.FindAllStringSubmatch("; "+strings.TrimPrefix(note, "duplicate bullet within level: "), -1) {
					want(has("duplicate-text", code(d[1]), ""), "duplicate-text "+d[1])
				}
			case strings.Contains(note, "overflow"):
				want(has("table-shape", "", ""), "table-shape (rowspan overflow)")
			case strings.Contains(note, "descending order"):
				want(!has("level-order", "", ""), "no level-order on a descending ladder")
			}
		}
		for _, f := range res.Findings {
			if f.Severity == finding.Invalid {
				t.Errorf("%s: finding without severity: %+v", file, f)
			}
		}
	}
	t.Logf("manifest defects: %d expected, %d found", expected, found)
}

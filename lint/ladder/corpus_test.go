package ladder_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

const corpus = "../../../shared/corpus"

// manifestRow is one page of a corpus MANIFEST.tsv.
type manifestRow struct {
	file, format string
	ladders      [][]string // level labels per ladder
}

// splitEscaped splits s at sep, honouring "\," and "\;" escapes.
func splitEscaped(s string, sep byte) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == ',' || s[i+1] == ';'):
			b.WriteByte(s[i+1])
			i++
		case s[i] == sep:
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, b.String())
}

func readManifest(t *testing.T, dir string) []manifestRow {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("corpus not available (%v): run from a checkout next to ../shared", err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		r := manifestRow{file: cols[0], format: cols[4]}
		if cols[5] != "" {
			for _, l := range splitEscaped(strings.ReplaceAll(cols[5], `\,`, "\x00"), ';') {
				var labels []string
				for _, lb := range splitEscaped(l, ',') {
					labels = append(labels, strings.ReplaceAll(lb, "\x00", ","))
				}
				r.ladders = append(r.ladders, labels)
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func extractFile(t testing.TB, path string) []*ladder.Ladder {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := ladder.NewDefaultMatcher()
	page := markdown.Parse(source.NewFile(path, data), markdown.DefaultLimits)
	return ladder.Extract(page, ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders})
}

// TestCorpusSourcegraph checks every page of the Sourcegraph ladder corpus
// against its MANIFEST: the same ladders with the same level codes in order.
func TestCorpusSourcegraph(t *testing.T) {
	dir := filepath.Join(corpus, "sourcegraph-handbook")
	rows := readManifest(t, dir)
	m := ladder.NewDefaultMatcher()
	want, got, hit := 0, 0, 0
	for _, r := range rows {
		var exp []string
		for _, l := range r.ladders {
			var codes []string
			for _, lb := range l {
				lab, ok := m.Match(lb)
				if !ok {
					t.Errorf("%s: manifest label %q is not a level label", r.file, lb)
				}
				codes = append(codes, lab.Code())
			}
			exp = append(exp, strings.Join(codes, ","))
		}
		var act []string
		for _, l := range extractFile(t, filepath.Join(dir, r.file)) {
			var codes []string
			for _, lv := range l.Levels {
				codes = append(codes, lv.Code)
			}
			act = append(act, strings.Join(codes, ","))
		}
		want += len(exp)
		got += len(act)
		matched := 0
		for i := range min(len(exp), len(act)) {
			if exp[i] == act[i] {
				matched++
			}
		}
		hit += matched
		if matched != len(exp) || len(act) != len(exp) {
			t.Errorf("%s (%s):\n  want %q\n   got %q", r.file, r.format, exp, act)
		}
	}
	t.Logf("ladders: %d expected, %d extracted, %d exact; recall %.3f precision %.3f",
		want, got, hit, float64(hit)/float64(want), float64(hit)/float64(max(got, 1)))
}

// snapshotLadderPages are the pages of the whole-handbook snapshot that hold
// ladders (its README.txt), with the number of ladders on each.
var snapshotLadderPages = map[string]int{
	"content/departments/engineering/dev/career-development/framework.md":                2,
	"content/departments/engineering/design/career-development.md":                       1,
	"content/departments/engineering/product/career-development/framework.md":            1,
	"content/departments/technical-success/ce/career-growth/index.md":                    1,
	"content/departments/technical-success/support/career-growth/cs-career-framework.md": 1,
	"content/departments/marketing/career-development/comms-framework.md":                1,
	"content/departments/marketing/career-development/customer-marketing-framework.md":   1,
	"content/departments/marketing/career-development/product-marketing-framework.md":    1,
	"content/departments/sales/career-development/ae-framework.md":                       1,
	"content/departments/sales/career-development/sdr-framework.md":                      2,
}

// TestCorpusSnapshot runs over the whole handbook snapshot: ladders only on
// the ten ladder pages, none on the other 880 (precision on real pages).
func TestCorpusSnapshot(t *testing.T) {
	dir := filepath.Join(corpus, "sourcegraph-handbook-snapshot")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("snapshot not available (%v)", err)
	}
	pages, falsePos := 0, 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		n := len(extractFile(t, p))
		if want := snapshotLadderPages[rel]; n != want {
			t.Errorf("%s: %d ladders, want %d", rel, n, want)
			if want == 0 {
				falsePos++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages, %d with a false ladder", pages, falsePos)
}

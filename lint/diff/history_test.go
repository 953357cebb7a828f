package diff

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

const historyDir = "../../../shared/corpus/sourcegraph-handbook"

// version is one dated version of a page of the Sourcegraph history.
type version struct {
	file, path, date string
	codes            []string // level codes of every ladder, from the MANIFEST
}

// history reads the MANIFEST: the versions of each page in date order.
func history(tb testing.TB) map[string][]version {
	fh, err := os.Open(filepath.Join(historyDir, "MANIFEST.tsv"))
	if err != nil {
		tb.Skipf("corpus not available (%v): run from a checkout next to ../shared", err)
	}
	defer fh.Close()
	m := ladder.NewDefaultMatcher()
	pages := map[string][]version{}
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		v := version{file: cols[0], path: cols[1], date: cols[3]}
		if cols[5] != "" {
			// Labels are ","-separated and ladders ";"-separated; "\," and
			// "\;" are literal (no level code contains either).
			for _, lb := range strings.FieldsFunc(strings.ReplaceAll(strings.ReplaceAll(cols[5], `\,`, ""), `\;`, ""),
				func(r rune) bool { return r == ',' || r == ';' }) {
				l, ok := m.Match(strings.TrimSpace(lb))
				if !ok {
					tb.Fatalf("%s: manifest label %q is not a level", v.file, lb)
				}
				v.codes = append(v.codes, l.Code())
			}
		}
		pages[v.path] = append(pages[v.path], v)
	}
	for _, vs := range pages {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].date < vs[j].date })
	}
	return pages
}

func readVersion(tb testing.TB, v version) Page {
	data, err := os.ReadFile(filepath.Join(historyDir, v.file))
	if err != nil {
		tb.Fatal(err)
	}
	return Parse(v.path, data, ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders})
}

// minus is the multiset a − b, sorted.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, s := range b {
		left[s]++
	}
	var out []string
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
			continue
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// levelsAddedRemoved is what a report says about level codes: the codes of
// added levels and ladders, and of removed ones; a level renamed to another
// code counts on both sides.
func levelsAddedRemoved(r *Report) (added, removed []string) {
	for _, l := range r.Ladders {
		switch l.Change {
		case Added:
			added = append(added, l.LevelCodes...)
			continue
		case Removed:
			removed = append(removed, l.LevelCodes...)
			continue
		}
		for _, lv := range l.Levels {
			switch {
			case lv.Change == Added:
				added = append(added, lv.Code)
			case lv.Change == Removed:
				removed = append(removed, lv.OldCode)
			case lv.Change == Renamed && lv.OldCode != lv.Code:
				added, removed = append(added, lv.Code), append(removed, lv.OldCode)
			}
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

// TestHistory diffs every consecutive pair of versions of every page of the
// Sourcegraph history and checks the levels the diff says were added and
// removed against the MANIFEST's level lists of the two versions.
func TestHistory(t *testing.T) {
	pages := history(t)
	pairs, changed, kinds := 0, 0, map[string]int{}
	for _, vs := range pages {
		for i := 1; i < len(vs); i++ {
			a, b := vs[i-1], vs[i]
			r := Pages([]Page{readVersion(t, a)}, []Page{readVersion(t, b)}, Options{})
			pairs++
			if len(r.Ladders) > 0 {
				changed++
			}
			count(r, kinds)
			added, removed := levelsAddedRemoved(r)
			wantAdded, wantRemoved := minus(b.codes, a.codes), minus(a.codes, b.codes)
			if !slices.Equal(added, wantAdded) || !slices.Equal(removed, wantRemoved) {
				t.Errorf("%s → %s:\n  added   %q, want %q\n  removed %q, want %q", a.file, b.file, added, wantAdded, removed, wantRemoved)
			}
		}
	}
	keys := make([]string, 0, len(kinds))
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%d", k, kinds[k])
	}
	t.Logf("%d pages, %d consecutive pairs, %d with ladder changes;%s", len(pages), pairs, changed, b.String())
	if pairs < 150 {
		t.Errorf("only %d pairs: the corpus should give about 200", pairs)
	}
}

// count tallies the change kinds of r, for the log.
func count(r *Report, kinds map[string]int) {
	for _, l := range r.Ladders {
		kinds["ladder-"+string(l.Change)]++
		for _, c := range l.Categories {
			kinds["category-"+string(c.Change)]++
		}
		for _, lv := range l.Levels {
			kinds["level-"+string(lv.Change)]++
			for _, e := range lv.Expectations {
				kinds["expectation-"+string(e.Change)]++
			}
		}
	}
}

// historyGoldens are real changes kept as golden files: a level ladder
// reworded, levels removed, a ladder split into a table per page.
var historyGoldens = []struct{ name, path, from, to string }{
	// Two manager levels (M1, M2) taken out of the leveling guide.
	{"levels-removed", "content/benefits-pay-perks/pay-expenses/compensation/leveling-guide.md", "2022-10-15_12b3d6f8", "2022-10-15_375bf2e9"},
	// Both level tables replaced by images: two ladders removed.
	{"ladders-removed", "content/benefits-pay-perks/pay-expenses/compensation/leveling-guide.md", "2022-10-15_e176d079", "2022-10-16_6d3f1ff0"},
	// Six value columns folded into one "Our Values" column: every bullet moved.
	{"categories-folded", "content/departments/ce-support/ce/career-growth/index.md", "2022-08-10_399fa807", "2022-08-10_3ce9085d"},
	// A category dropped from the engineering framework; one bullet kept elsewhere.
	{"category-removed", "content/departments/engineering/dev/career-development/framework.md", "2023-03-14_209fecab", "2023-03-14_641b5407"},
}

// TestHistoryGoldens keeps a few real diffs of the history as golden text.
func TestHistoryGoldens(t *testing.T) {
	pages := history(t)
	for _, g := range historyGoldens {
		t.Run(g.name, func(t *testing.T) {
			var a, b *version
			for i, v := range pages[g.path] {
				if strings.Contains(v.file, g.from) {
					a = &pages[g.path][i]
				}
				if strings.Contains(v.file, g.to) {
					b = &pages[g.path][i]
				}
			}
			if a == nil || b == nil {
				t.Fatalf("versions %s and %s of %s not in the MANIFEST", g.from, g.to, g.path)
			}
			r := Pages([]Page{readVersion(t, *a)}, []Page{readVersion(t, *b)}, Options{})
			r.Base = a.file
			var out bytes.Buffer
			if err := Text(&out, r, false); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "history", g.name+".txt"), out.String())
		})
	}
}

// BenchmarkHistory diffs the whole history the way the command line does:
// every version parsed once, then every consecutive pair compared. The
// ms/100pairs metric is wall time per 100 pairs.
func BenchmarkHistory(b *testing.B) {
	benchHistory(b, true)
}

// BenchmarkHistoryDiff is the comparison alone, on pages parsed beforehand.
func BenchmarkHistoryDiff(b *testing.B) {
	benchHistory(b, false)
}

func benchHistory(b *testing.B, parse bool) {
	pages := history(b)
	type file struct {
		path string
		data []byte
	}
	var seqs [][]file
	pairs := 0
	for _, vs := range pages {
		var seq []file
		for _, v := range vs {
			data, err := os.ReadFile(filepath.Join(historyDir, v.file))
			if err != nil {
				b.Fatal(err)
			}
			seq = append(seq, file{v.path, data})
		}
		seqs = append(seqs, seq)
		pairs += len(vs) - 1
	}
	opt := ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders}
	parseAll := func() [][]Page {
		out := make([][]Page, len(seqs))
		for i, seq := range seqs {
			for _, f := range seq {
				out[i] = append(out[i], Parse(f.path, f.data, opt))
			}
		}
		return out
	}
	parsed := parseAll()
	b.ResetTimer()
	for range b.N {
		if parse {
			parsed = parseAll()
		}
		for _, seq := range parsed {
			for i := 1; i < len(seq); i++ {
				Pages(seq[i-1:i], seq[i:i+1], Options{})
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(pairs)*100, "ms/100pairs")
}

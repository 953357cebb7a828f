package ladder_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// addCorpusSeeds adds the corpus's ladder pages as seeds when the corpus is
// there: every public ladder, the first version of each Sourcegraph ladder
// page and the snapshot's ladder pages.
func addCorpusSeeds(f *testing.F) {
	var paths []string
	m, _ := filepath.Glob(filepath.Join(corpus, "public-ladders", "*.md"))
	paths = append(paths, m...)
	m, _ = filepath.Glob(filepath.Join(corpus, "public-ladders-2", "pages", "*progression-framework*.md"))
	paths = append(paths, m...)
	dirs, _ := filepath.Glob(filepath.Join(corpus, "sourcegraph-handbook", "*-md"))
	for _, d := range dirs {
		if m, _ := filepath.Glob(filepath.Join(d, "*.md")); len(m) > 0 {
			sort.Strings(m)
			paths = append(paths, m[0])
		}
	}
	for p := range snapshotLadderPages {
		paths = append(paths, filepath.Join(corpus, "sourcegraph-handbook-snapshot", p))
	}
	sort.Strings(paths)
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

var tableSeeds = []string{
	"## Engineering\n\n| Level | Delivery | Teamwork |\n|---|---|---|\n| IC1 | ships | helps |\n| IC2 | TBD | mentors |\n| IC4 | leads | - |\n",
	"| | IC1 | IC2 | IC3 |\n|---|---|---|---|\n| Delivery | a | b | c |\n| Teamwork | d | | f |\n",
	"<table>\n<tr><th>Level</th><th>Delivery</th><th>Teamwork</th></tr>\n<tr><td id=\"IC1\">IC1</td><td><ul><li>ships</li><li>ships</li></ul></td><td>helps</td></tr>\n<tr><td rowspan=2><a href=\"#ic2\">IC2</a></td><td colspan=2>summary</td></tr>\n<tr><td>x</td><td>y</td></tr>\n<tr><td>M3</td><td>TBD</td><td>(not in use)</td></tr>\n</table>\n",
	"<table><tr><th>IC1<th>IC2<th>IC3<tr><td>a<td>b<td>c<tr><th>M3<th>M4<tr><td>d<td>e</table>",
	"<table><tr><td rowspan=65534 colspan=1000>IC1</td><td>IC2</td></tr><tr><td>IC3</td></tr></table>",
}

var headingSeeds = []string{
	"# Ladder\n\n## IC1\n\n- Impact: does things\n- Teamwork: helps\n\n## IC2\n\n- Impact: more things\n- Teamwork:\n  - mentors\n  - reviews\n\n## IC3\n\n- Impact: TBD\n",
	"### L1 Engineer\n* **Delivery**: x\n* Scope: y\n### L2 Senior\n* Delivery: z\n### L4 Staff\n* Scope: w\n## Other\n",
	"## M3\n- Hiring: a\n\n## M4\n- Hiring: b\n\n### IC1\n- x: y\n",
}

var frontMatterSeeds = []string{
	"---\ntitle: \"Backend\"\nlevels: 3\ntopics:\n  - name: \"communication\"\n    title:\n    content:\n      - level: 1\n        criteria:\n          - \"Gives updates\"\n      - level: 2\n        criteria: []\n        exampleCriteria:\n          - criteria: \"Reviews code\"\n            examples:\n              - \"e.g. kindly\"\n  - name: impact\n    content:\n      - level: 4\n        criteria: TBD\n---\n# Backend\n",
	"\xef\xbb\xbf---\r\ntopics: [{name: a, content: [{level: 1, criteria: ['x', \"y\\\"z\"]}, {level: 2, criteria: [w]}]}]\r\n---\r\n",
	"---\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria:\n          -\t\"tab\"\n      - level: 2\n        criteria: |\n          block\n          text\n---\n",
	"---\ns: &s x\nc: &c [*s, *s, *s]\ne: &e {level: 1, criteria: *c}\nt: &t {name: a, content: [*e, *e, {level: 3, criteria: *c}]}\ntopics: [*t, *t, &u [*u]]\n---\n",
	"---\ntopics:\n  - name: a\n    content:\n      - level: 0\n        criteria: [x]\n      - level: 1A\n        criteria: [y]\n      - level: 1\n        criteria: {a: b}\n      - level: 2\n---\n",
	"---\ntopics:\n  - content:\n      - level: 1\n        criteria: [x]\n      - level: 2\n        criteria: [x\n---\n",
}

// FuzzExtract runs a page through the whole pipeline (markdown.Parse,
// ladder.Extract, Document, check.Run): no panic, every span and finding
// range inside the page, and the same ladders and findings twice.
func FuzzExtract(f *testing.F) {
	for _, s := range append(append(append([]string{}, tableSeeds...), headingSeeds...), frontMatterSeeds...) {
		f.Add([]byte(s))
	}
	addCorpusSeeds(f)
	fuzzPipeline(f)
}

// FuzzHeadingLadder is FuzzExtract seeded only with heading + list ladders,
// so the fuzzer spends its time mutating that format.
func FuzzHeadingLadder(f *testing.F) {
	for _, s := range headingSeeds {
		f.Add([]byte(s))
	}
	fuzzPipeline(f)
}

// FuzzFrontMatterLadder is FuzzExtract seeded only with YAML front matter
// ladders (aliases, flow style, tabs, bad levels, broken YAML).
func FuzzFrontMatterLadder(f *testing.F) {
	for _, s := range frontMatterSeeds {
		f.Add([]byte(s))
	}
	fuzzPipeline(f)
}

func fuzzPipeline(f *testing.F) {
	m := ladder.NewDefaultMatcher()
	opt := ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders}
	isLevel := m.Signals
	cfg, err := config.Parse("fuzz.yml", []byte("categories:\n  required: [Delivery]\nareas:\n  - name: teamwork\n    terms: [help, mentor]\n"))
	if err != nil {
		f.Fatal(err)
	}
	chk, err := check.New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	lim := markdown.Limits{MaxGridCells: 1 << 12, MaxColumns: 64}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer noHang(t, time.Now(), data)
		run := func() string {
			file := source.NewFile("fuzz.md", data)
			ladders := ladder.Extract(markdown.Parse(file, lim), opt)
			if len(ladders) > 0 && !markdown.MayHoldLadder(data, isLevel) {
				t.Fatalf("%d ladders on a page MayHoldLadder rejects", len(ladders))
			}
			var b strings.Builder
			for _, l := range ladders {
				checkLadder(t, l, len(data))
				d := l.Document(file, chk.Areas())
				doc, err := json.Marshal(d)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(any(d.Value()), roundTrip(t, d)) {
					t.Fatalf("the document's Value is not its JSON round trip:\n%s", doc)
				}
				b.Write(doc)
				b.WriteByte('\n')
			}
			for _, fd := range chk.Run(file, ladders) {
				checkRange(t, "finding "+fd.Rule, fd.Range, len(data))
				for _, r := range fd.Related {
					checkRange(t, "related of "+fd.Rule, r.Range, len(data))
				}
				fmt.Fprintf(&b, "%s %v %q\n", fd.Rule, fd.Range, fd.Message)
			}
			return b.String()
		}
		if first, again := run(), run(); first != again {
			t.Fatalf("extraction is not deterministic:\n%s\n---\n%s", first, again)
		}
	})
}

func checkSpan(t *testing.T, what string, s source.Span, n int) {
	t.Helper()
	if s.Start < 0 || s.Start > s.End || s.End > n {
		t.Fatalf("%s span [%d,%d) outside the %d-byte page", what, s.Start, s.End, n)
	}
}

func checkRange(t *testing.T, what string, r source.Range, n int) {
	t.Helper()
	if r.IsZero() {
		return
	}
	if r.Start.Offset < 0 || r.Start.Offset > r.End.Offset || r.End.Offset > n ||
		r.Start.Line < 1 || r.Start.Column < 1 || r.End.Line < r.Start.Line {
		t.Fatalf("%s range %+v outside the %d-byte page", what, r, n)
	}
}

func checkLadder(t *testing.T, l *ladder.Ladder, n int) {
	t.Helper()
	checkSpan(t, "ladder", l.Span, n)
	for _, c := range l.Categories {
		checkSpan(t, "category", c.Span, n)
	}
	for _, p := range l.Problems {
		checkSpan(t, "problem", p.Span, n)
	}
	cell := func(c *ladder.Cell) {
		if c == nil {
			return
		}
		checkSpan(t, "cell", c.Span, n)
		for _, it := range c.Items {
			checkSpan(t, "item", it.Span, n)
		}
	}
	for _, lv := range l.Levels {
		checkSpan(t, "level", lv.Span, n)
		checkSpan(t, "level block", lv.Block, n)
		checkSpan(t, "level id", lv.ID.Span, n)
		checkSpan(t, "level href", lv.Href.Span, n)
		cell(lv.Summary)
		for _, c := range lv.Cells {
			cell(c)
		}
		if len(lv.Cells) != len(l.Categories) {
			t.Fatalf("level %q has %d cells for %d categories", lv.Label, len(lv.Cells), len(l.Categories))
		}
	}
}

// slowInput is how long one input may take before the fuzzer calls it a hang.
const slowInput = 10 * time.Second

// noHang fails t when an input took longer than slowInput.
func noHang(t *testing.T, start time.Time, data []byte) {
	t.Helper()
	if took := time.Since(start); took > slowInput {
		t.Fatalf("%d-byte input took %v (more than %v)", len(data), took, slowInput)
	}
}

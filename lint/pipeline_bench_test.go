package lint_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// snapshot is the whole Sourcegraph handbook (≈890 pages): the benchmarks
// run every stage over all of it, so ns/op is per handbook.
const snapshot = "../../shared/corpus/sourcegraph-handbook-snapshot"

// ladderPage is the snapshot's largest ladder page, for the single-page benchmarks.
const ladderPagePath = snapshot + "/content/departments/engineering/dev/career-development/framework.md"

type page struct {
	path string
	data []byte
}

func loadSnapshot(b *testing.B) []page {
	b.Helper()
	if _, err := os.Stat(snapshot); err != nil {
		b.Skipf("corpus %s not available: %v", snapshot, err)
	}
	var pages []page
	var size int64
	filepath.WalkDir(snapshot, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, page{p, data})
			size += int64(len(data))
		}
		return nil
	})
	b.SetBytes(size)
	b.ReportAllocs()
	return pages
}

func matcher(b *testing.B) (*ladder.Matcher, ladder.Options) {
	m := ladder.NewDefaultMatcher()
	return m, ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders}
}

// BenchmarkRead reads every page of the handbook: the floor for the others.
func BenchmarkRead(b *testing.B) {
	pages := loadSnapshot(b)
	for b.Loop() {
		for _, p := range pages {
			if _, err := os.ReadFile(p.path); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkScan runs the cheap pre-scan over every page.
func BenchmarkScan(b *testing.B) {
	pages := loadSnapshot(b)
	m, _ := matcher(b)
	isLevel := m.Signals
	kept := 0
	for b.Loop() {
		kept = 0
		for _, p := range pages {
			if markdown.MayHoldLadder(p.data, isLevel) {
				kept++
			}
		}
	}
	b.ReportMetric(float64(kept), "pages-parsed")
}

// BenchmarkParse parses every page with markdown.Parse (no pre-scan).
func BenchmarkParse(b *testing.B) {
	pages := loadSnapshot(b)
	for b.Loop() {
		for _, p := range pages {
			markdown.Parse(source.NewFile(p.path, p.data), markdown.DefaultLimits)
		}
	}
}

// BenchmarkExtract runs ladder.Extract over every page, parsed beforehand.
func BenchmarkExtract(b *testing.B) {
	pages := loadSnapshot(b)
	_, opt := matcher(b)
	var parsed []*markdown.Page
	for _, p := range pages {
		parsed = append(parsed, markdown.Parse(source.NewFile(p.path, p.data), markdown.DefaultLimits))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range parsed {
			ladder.Extract(p, opt)
		}
	}
}

// BenchmarkCheck runs every rule over the handbook's ladders, extracted beforehand.
func BenchmarkCheck(b *testing.B) {
	pages := loadSnapshot(b)
	_, opt := matcher(b)
	chk, err := check.New(config.Default())
	if err != nil {
		b.Fatal(err)
	}
	type item struct {
		f       *source.File
		ladders []*ladder.Ladder
	}
	var items []item
	for _, p := range pages {
		f := source.NewFile(p.path, p.data)
		if l := ladder.Extract(markdown.Parse(f, markdown.DefaultLimits), opt); len(l) > 0 {
			items = append(items, item{f, l})
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			chk.Run(it.f, it.ladders)
		}
	}
}

// BenchmarkRun is the whole pipeline, files to findings, as the CLI runs it.
func BenchmarkRun(b *testing.B) {
	loadSnapshot(b)
	for b.Loop() {
		if _, err := lint.Run(lint.Options{Paths: []string{snapshot}, Root: snapshot}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunOnePage is a pre-commit run on one ladder page, configuration
// and schema compilation included.
func BenchmarkRunOnePage(b *testing.B) {
	if _, err := os.Stat(ladderPagePath); err != nil {
		b.Skipf("corpus page %s not available: %v", ladderPagePath, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Run(lint.Options{Paths: []string{ladderPagePath}}); err != nil {
			b.Fatal(err)
		}
	}
}

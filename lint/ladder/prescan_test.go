package ladder_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// TestPrescanKeepsEveryLadder checks markdown.MayHoldLadder against the whole
// corpus: no page on which Extract finds a ladder may be rejected by the scan
// that lint.Run uses to skip parsing.
func TestPrescanKeepsEveryLadder(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus %s not available: %v", corpus, err)
	}
	prescanKeepsEveryLadder(t, corpus)
}

// TestPrescanKeepsEveryFixture is TestPrescanKeepsEveryLadder on the
// repository's fixtures: one small page per shape and edge case.
func TestPrescanKeepsEveryFixture(t *testing.T) {
	prescanKeepsEveryLadder(t, "../../testdata")
}

func prescanKeepsEveryLadder(t *testing.T, root string) {
	m := ladder.NewDefaultMatcher()
	isLevel := m.Signals
	pages, kept, withLadders := 0, 0, 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		may := markdown.MayHoldLadder(data, isLevel)
		if may {
			kept++
		}
		if n := len(extractFile(t, p)); n > 0 {
			withLadders++
			if !may {
				t.Errorf("%s: %d ladders, but the scan would skip the page", p, n)
			}
		}
		return nil
	})
	t.Logf("%d pages, %d with ladders, %d kept by the scan", pages, withLadders, kept)
}

// TestPrescanFrontMatter: a page whose front matter mentions levels is
// parsed (its ladder is out of goldmark's sight, so no heading or table
// announces it); front matter without them is no reason to parse.
func TestPrescanFrontMatter(t *testing.T) {
	none := func(string) bool { return false }
	for _, tc := range []struct {
		name, page string
		want       bool
	}{
		{"topics with levels", "---\ntopics:\n  - name: a\n    content:\n      - level: 1\n---\n", true},
		{"bom and crlf", "\xef\xbb\xbf---\r\ntopics: [{content: [{level: 1}]}]\r\n---\r\n", true},
		{"flow mapping, quoted key", "---\n{\"topics\": [{\"content\": [{\"level\": 1}]}]}\n...\n", true},
		{"hugo title only", "---\ntitle: Levels\nweight: 3\n---\n\nSee the level guide.\n", false},
		{"level only below the front matter", "---\ntitle: x\n---\nlevel: 1\n", false},
		{"unclosed front matter", "---\nlevel: 1\n", false},
		{"not at the top", "\n---\nlevel: 1\n---\n", false},
	} {
		if got := markdown.MayHoldLadder([]byte(tc.page), none); got != tc.want {
			t.Errorf("%s: MayHoldLadder = %v, want %v", tc.name, got, tc.want)
		}
	}
	pages, _ := filepath.Glob("../../testdata/extract/yaml-*.md")
	if len(pages) == 0 {
		t.Fatal("no yaml-*.md extract fixtures")
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(extractFile(t, p)); n > 0 && !markdown.MayHoldLadder(data, none) {
			t.Errorf("%s: %d ladders, but the scan would skip the page", p, n)
		}
	}
}

// FuzzPrescanTables mutates the table fixtures (pipe and HTML) looking for a
// page with a ladder that markdown.MayHoldLadder would skip: its table
// clauses read cells without goldmark.
func FuzzPrescanTables(f *testing.F) {
	pages, _ := filepath.Glob("../../testdata/extract/*.md")
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if bytes.Contains(data, []byte("|")) || bytes.Contains(data, []byte("<t")) {
			f.Add(data)
		}
	}
	m := ladder.NewDefaultMatcher()
	opt := ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders}
	f.Fuzz(func(t *testing.T, data []byte) {
		ladders := ladder.Extract(markdown.Parse(source.NewFile("fuzz.md", data), markdown.DefaultLimits), opt)
		if len(ladders) > 0 && !markdown.MayHoldLadder(data, m.Signals) {
			t.Fatalf("%d ladders on a page MayHoldLadder rejects", len(ladders))
		}
	})
}

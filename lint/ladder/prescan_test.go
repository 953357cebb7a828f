package ladder_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
)

// TestPrescanKeepsEveryLadder checks markdown.MayHoldLadder against the whole
// corpus: no page on which Extract finds a ladder may be rejected by the scan
// that lint.Run uses to skip parsing.
func TestPrescanKeepsEveryLadder(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus %s not available: %v", corpus, err)
	}
	m := ladder.NewDefaultMatcher()
	isLevel := func(h string) bool { _, ok := m.Match(h); return ok }
	pages, kept, withLadders := 0, 0, 0
	filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
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

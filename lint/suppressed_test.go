package lint

import (
	"path/filepath"
	"testing"
)

// TestSuppressedCounted: findings hidden by ladderlint-disable comments are
// counted, so the totals can say how many there were.
func TestSuppressedCounted(t *testing.T) {
	dir := filepath.Join("..", "testdata", "rules", "suppression")
	for _, c := range []struct {
		page       string
		suppressed int
	}{
		{"disable-next-line.md", 1},
		{"misplaced-next-line.md", 0},
	} {
		res, err := Run(Options{Paths: []string{filepath.Join(dir, c.page)}, Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		if res.Suppressed != c.suppressed {
			t.Errorf("%s: %d findings suppressed, want %d", c.page, res.Suppressed, c.suppressed)
		}
	}
}

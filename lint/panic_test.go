package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkerPanic: a bug that panics while a worker lints a page ends the
// run with an InternalError naming the page, instead of killing the
// process from a goroutine the CLI's recover cannot see.
func TestWorkerPanic(t *testing.T) {
	page := filepath.Join(t.TempDir(), "p.md")
	if err := os.WriteFile(page, []byte("# IC1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// No configuration: reading the page's profile dereferences nil.
	r := &run{opt: Options{MaxFileSize: 1 << 20, Root: "."}, profs: &profiles{}}
	pr := r.lintPageSafely(discovered{path: page, rel: "p.md"})
	var ie *InternalError
	if err := r.profs.err(); !errors.As(err, &ie) || ie.Path != page || !strings.Contains(err.Error(), "while linting "+page) {
		t.Fatalf("err = %v, want an InternalError naming %s", err, page)
	}
	if pr.ladders != 0 || len(pr.findings) != 0 || !pr.context {
		t.Errorf("the panicked page counts as linted: %+v", pr)
	}
}

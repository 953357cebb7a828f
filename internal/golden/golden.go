// Package golden compares test output with a golden file. With the
// environment variable UPDATE_GOLDEN set, it rewrites the file instead;
// review the result with `git diff testdata/`.
package golden

import (
	"os"
	"testing"
)

// Check compares got with the file at path.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run UPDATE_GOLDEN=1 go test ./... to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it; review with git diff)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

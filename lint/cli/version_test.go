package cli

import (
	"strings"
	"testing"
)

// TestVersion: `ladderlint version` and `ladderlint -version` print the same
// line, exit 0, and -ldflags' Version wins over the tree's release.
func TestVersion(t *testing.T) {
	runVersion := func(args ...string) string {
		var out, errOut strings.Builder
		if code := Main(args, &out, &errOut, func(string) string { return "" }); code != ExitClean || errOut.Len() > 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
		return out.String()
	}
	sub, flag := runVersion("version"), runVersion("-version")
	if sub != flag || !strings.HasPrefix(sub, "ladderlint v") || !strings.HasSuffix(sub, "\n") {
		t.Errorf("version = %q, -version = %q", sub, flag)
	}
	// Test binaries record no module version, so the tree's release shows.
	if !strings.HasPrefix(sub, "ladderlint "+release) {
		t.Errorf("version = %q, want the tree's %s", sub, release)
	}
	old := Version
	t.Cleanup(func() { Version = old })
	Version = "v9.8.7"
	if got := runVersion("version"); !strings.HasPrefix(got, "ladderlint v9.8.7") {
		t.Errorf("with -X Version=v9.8.7: %q", got)
	}
}

package check

import (
	"strings"
	"testing"
)

// FuzzNormalize holds normalize to the composition of library calls it
// replaces.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "  Ships  features.\n", "- Owns *THE* roadmap;", "Café — Größe", "\x85 x\u00a0y", "\xff A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), normalizeTrim)
		if got := normalize(s); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	})
}

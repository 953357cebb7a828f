package source

import "testing"

// TestLineSpan: the span of a line without its ending, whatever the
// ending, with n clamped to the file.
func TestLineSpan(t *testing.T) {
	f := NewFile("p.md", []byte("one\r\ntwo\rthree\n"))
	for n, want := range map[int]string{0: "one", 1: "one", 2: "two", 3: "three", 4: "", 9: ""} {
		s := f.LineSpan(n)
		if got := string(f.Data[s.Start:s.End]); got != want {
			t.Errorf("LineSpan(%d) = %q, want %q", n, got, want)
		}
	}
}

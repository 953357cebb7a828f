package lint

import (
	"math"
	"os"
	"testing"
)

// TestReadFileUnknownSize: a file whose size Stat does not know (0, as on
// /proc) is read to its end, also with the largest -max-file-size (one byte
// past it must not overflow into a negative limit).
func TestReadFileUnknownSize(t *testing.T) {
	const p = "/proc/self/status"
	if info, err := os.Stat(p); err != nil || info.Size() != 0 {
		t.Skip("no /proc file of unknown size here")
	}
	for _, max := range []int64{DefaultMaxFileSize, math.MaxInt64} {
		f, err := readFile(p, max, nil, false)
		if err != nil {
			t.Errorf("max %d: %v", max, err)
		} else if len(f.Data) == 0 {
			t.Errorf("max %d: nothing read; want the file's text", max)
		}
	}
}

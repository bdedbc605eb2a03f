package engine

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestReadAllSizes reads with the size right, too small (the file grew
// after it was measured), too large (it shrank) and unknown.
func TestReadAllSizes(t *testing.T) {
	want := strings.Repeat("0123456789", 1000)
	for _, size := range []int64{int64(len(want)), 10, int64(len(want)) + 500, 0, -1} {
		got, err := readAll(io.LimitReader(strings.NewReader(want), 1<<20), size)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if !bytes.Equal(got, []byte(want)) {
			t.Errorf("size %d: read %d bytes, want %d", size, len(got), len(want))
		}
	}
}

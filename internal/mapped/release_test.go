//go:build linux

package mapped

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestReleaseDropsPagesKeepsBytes: released pages of a mapping leave the
// process's resident set (as /proc/self/smaps counts it) and read back the
// file's bytes; a heap slice is left alone (advice to drop anonymous pages
// would zero them).
func TestReleaseDropsPagesKeepsBytes(t *testing.T) {
	page := os.Getpagesize()
	text := bytes.Repeat([]byte("0123456789abcdef"), 64*page/16)
	path := filepath.Join(t.TempDir(), "profiles.json")
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, ok := Map(f, int64(len(text)))
	if !ok {
		t.Fatal("not mapped")
	}
	if !bytes.Equal(data, text) { // touches every page
		t.Fatal("mapping differs from the file")
	}
	before := residentKiB(t, data)
	Release(data, 0, len(data))
	after := residentKiB(t, data)
	if after >= before || after > int64(page/1024) {
		t.Errorf("resident %d KiB before Release, %d after: the pages stayed", before, after)
	}
	if !bytes.Equal(data, text) {
		t.Fatal("released pages read back other bytes")
	}
	// A part that covers no whole page releases nothing and breaks nothing.
	Release(data, 1, page-1)
	Release(data, 10, 5)
	if !bytes.Equal(data, text) {
		t.Fatal("bytes changed")
	}

	heap := bytes.Repeat([]byte{'x'}, 8*page)
	Release(heap, 0, len(heap))
	if bytes.Count(heap, []byte{'x'}) != len(heap) {
		t.Fatal("Release changed a heap slice")
	}
}

// TestReleaseReadReachesAround: what reading a stretch may have mapped
// around it goes too, FaultReach on each side.
func TestReleaseReadReachesAround(t *testing.T) {
	size := 4 * FaultReach
	path := filepath.Join(t.TempDir(), "users.json")
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, ok := Map(f, int64(size))
	if !ok {
		t.Fatal("not mapped")
	}
	if bytes.Count(data, []byte("x")) != size { // touches every page
		t.Fatal("mapping differs from the file")
	}
	before := residentKiB(t, data)
	ReleaseRead(data, 2*FaultReach, 2*FaultReach+1)
	after := residentKiB(t, data)
	if dropped := before - after; dropped < int64(2*FaultReach/1024)-4 {
		t.Errorf("resident %d KiB before ReleaseRead of one byte, %d after: want the %d KiB around it gone", before, after, 2*FaultReach/1024)
	}
	if after < int64(FaultReach/1024)-4 {
		t.Errorf("resident %d KiB after: the pages beyond FaultReach went too", after)
	}
}

// residentKiB reads the Rss of the mapping that holds data from smaps.
func residentKiB(t *testing.T, data []byte) int64 {
	t.Helper()
	addr := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(data))))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line + " ")[0], "-"); ok {
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = addr >= a && addr < b
				continue
			}
		}
		if in && strings.HasPrefix(line, "Rss:") {
			var kib int64
			fmt.Sscanf(strings.TrimPrefix(line, "Rss:"), "%d", &kib)
			return kib
		}
	}
	t.Fatal("mapping not in smaps")
	return 0
}

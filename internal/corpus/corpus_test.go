package corpus

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestWriteCorpus writes the scales named in $RBACLINT_CORPUS_SCALES
// (space-separated; every scale when empty) under $RBACLINT_CORPUS_DIR (bench/
// compare.sh uses it; without the directory it does nothing).
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("RBACLINT_CORPUS_DIR")
	if dir == "" {
		t.Skip("RBACLINT_CORPUS_DIR is not set")
	}
	scales := Scales
	if names := strings.Fields(os.Getenv("RBACLINT_CORPUS_SCALES")); len(names) > 0 {
		scales = nil
		for _, n := range names {
			if _, ok := sizes[Scale(n)]; !ok {
				t.Fatalf("unknown scale %q (known: %v)", n, Scales)
			}
			scales = append(scales, Scale(n))
		}
	}
	for _, s := range scales {
		paths, err := Write(dir, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			t.Logf("wrote %s", p)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, e := range Files(Small) {
		a, err := Generate(Small, e)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Generate(Small, e)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", e)
		}
		if len(a) < 20<<10 || len(a) > 30<<10 {
			t.Errorf("%s: %d bytes, want about 20 KB", e, len(a))
		}
	}
}

func TestUnknown(t *testing.T) {
	if _, err := Generate(Small, TenantUsers); err == nil {
		t.Error("small has no tenant users, want an error")
	}
}

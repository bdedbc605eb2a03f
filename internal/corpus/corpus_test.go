package corpus

import (
	"bytes"
	"os"
	"testing"
)

// TestWriteCorpus writes every scale under $RBACLINT_CORPUS_DIR (bench/
// compare.sh uses it; without the variable it does nothing). It needs
// nothing else; it writes small, medium and large.
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("RBACLINT_CORPUS_DIR")
	if dir == "" {
		t.Skip("RBACLINT_CORPUS_DIR is not set")
	}
	for _, s := range Scales {
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

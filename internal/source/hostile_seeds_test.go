package source

import (
	"os"
	"path/filepath"
	"testing"
)

// addHostileSeeds seeds a fuzz target with the committed attacks of the
// given extensions (testdata/hostile), so that each one the corpus holds is
// also where the fuzzer starts mutating from.
func addHostileSeeds(f *testing.F, exts ...string) {
	f.Helper()
	for _, ext := range exts {
		ps, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*"+ext))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range ps {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

package source

import (
	"os"
	"path/filepath"
	"testing"
)

// addSeeds seeds a fuzz target with seeds and with the committed attacks of
// the given extensions (testdata/hostile), so that each one the corpus
// holds is also where the fuzzer starts mutating from.
func addSeeds(f *testing.F, seeds []string, hostileExts ...string) {
	f.Helper()
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, ext := range hostileExts {
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

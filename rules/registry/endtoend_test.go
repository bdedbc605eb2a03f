package registry_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rbaclint/rbaclint/rules/registry"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

// The end-to-end goldens run every rule: the hostile corpus (each file
// alone) and each directory of examples/ as one run, as the README's first
// command does.
func TestHostile(t *testing.T) {
	ruletest.Run(t, filepath.Join("..", "..", "testdata", "hostile"), registry.All()...)
}

func TestExamples(t *testing.T) {
	root := filepath.Join("..", "..", "examples")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			t.Run(d.Name(), func(t *testing.T) {
				ruletest.Case(t, filepath.Join(root, d.Name()), filepath.Join("..", "..", "testdata", "examples", d.Name()+".want"), registry.All()...)
			})
		}
	}
}

// The access policy rules read the grants every pack maps (and their
// fixtures' configurations tune the packs' rules), so their fixtures run
// end to end, with every rule.
func TestAccessFixtures(t *testing.T) {
	ruletest.Run(t, filepath.Join("..", "..", "testdata", "access"), registry.All()...)
}

// The vendor corpus (one folder per kind of testdata/vendor) runs end to
// end: its cases reproduce the vendors' own examples, which no rule may
// misjudge (internal/engine's TestVendorCorpus holds the verdicts).
func TestVendorCorpusGoldens(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "vendor")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			t.Run(d.Name(), func(t *testing.T) { ruletest.Run(t, filepath.Join(root, d.Name()), registry.All()...) })
		}
	}
}

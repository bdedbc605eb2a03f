package fix_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/fix"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// lintFixed lints path with every rule and applies the planned fixes in
// memory, round after round, until none is left; it returns the final text
// and the number of rounds that changed it.
func lintFixed(t *testing.T, path string) ([]byte, *engine.Result, int) {
	t.Helper()
	overlay := map[string][]byte{}
	for round := 0; round < 10; round++ {
		res, err := engine.Run([]string{path}, engine.Options{Rules: registry.All(), Overlay: overlay})
		if err != nil {
			t.Fatal(err)
		}
		plan := fix.Plan(res.Findings)
		if len(plan) == 0 {
			return res.Texts[path], res, round
		}
		for p, file := range plan {
			out := fix.Apply(res.Texts[p], file.Edits)
			if out == nil {
				t.Fatalf("%s: edits outside the text", p)
			}
			overlay[p] = out
		}
	}
	t.Fatalf("%s: fixes still planned after 10 rounds", path)
	return nil, nil, 0
}

// TestFixGolden applies every fix to each fixture under testdata/ and
// compares the result with <fixture>.fixed, byte for byte; what remains has
// no fix left.
func TestFixGolden(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "*"))
	n := 0
	for _, p := range fixtures {
		if strings.HasSuffix(p, ".fixed") {
			continue
		}
		n++
		t.Run(filepath.Base(p), func(t *testing.T) {
			path := filepath.ToSlash(p)
			got, res, rounds := lintFixed(t, path)
			if rounds == 0 {
				t.Fatal("no fix applied: the fixture tests nothing")
			}
			for _, f := range res.Findings {
				if f.Fix != nil {
					t.Errorf("a fix remains after fixing: %s %s", f.RuleID, f.Message)
				}
			}
			golden.Check(t, p+".fixed", got)
		})
	}
	if n == 0 {
		t.Fatal("no fixtures")
	}
}

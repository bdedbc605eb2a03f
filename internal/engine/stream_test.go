package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// TestStreamMatchesWhole: a run that checks the JSON lists of the streamed
// kinds a window of entities at a time reports exactly what a run that loads
// them whole reports (findings with their positions, messages,
// fingerprints, related locations and fix edits; the cap's note and counts;
// the files checked and skipped), over the examples and testdata together
// (the set-level rules relate files), each testdata folder, and each
// streamable file alone, with windows of one entity and of a few, with the
// default cap and a cap of 3.
func TestStreamMatchesWhole(t *testing.T) {
	root := filepath.Join("..", "..")
	examples, testdata := filepath.Join(root, "examples"), filepath.Join(root, "testdata")
	runs := [][]string{{examples, testdata}}
	dirs, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			runs = append(runs, []string{filepath.Join(testdata, d.Name())})
		}
	}
	streamable := 0
	for _, dir := range []string{examples, testdata} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if source.OpenStream(p, data, "", 0, streamsKind, nil) != nil {
				streamable++
				runs = append(runs, []string{p})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if streamable < 30 {
		t.Fatalf("only %d files of examples/ and testdata/ can be checked by windows: the comparison proves too little", streamable)
	}
	for _, paths := range runs {
		for _, max := range []int{0, 3} {
			whole := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2, MaxFindings: max}
			want, err := Run(paths, whole)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{1, 700} {
				opts := whole
				opts.Stream, opts.StreamMin, opts.WindowBytes = true, 1, size
				got, err := Run(paths, opts)
				if err != nil {
					t.Fatal(err)
				}
				if d := resultDiff(got, want); d != "" {
					t.Errorf("%v (cap %d, windows of %d bytes): by windows %s", paths, max, size, d)
				}
			}
		}
	}
}

// streamsKind is checkStream's choice of kinds.
func streamsKind(k rules.Kind) bool {
	_, ok := kinds.FactKeep(registry.All(), k, &rules.Options{})
	return streamedKinds[k] && ok
}

// resultDiff says how got differs from want in what users see.
func resultDiff(got, want *Result) string {
	switch {
	case !reflect.DeepEqual(got.Files, want.Files):
		return fmt.Sprintf("checks files %v, whole %v", got.Files, want.Files)
	case !reflect.DeepEqual(got.Skipped, want.Skipped) || !reflect.DeepEqual(got.SkipReasons, want.SkipReasons):
		return fmt.Sprintf("skips %v, whole %v", got.SkipReasons, want.SkipReasons)
	case !reflect.DeepEqual(got.Capped, want.Capped):
		return fmt.Sprintf("caps %v, whole %v", got.Capped, want.Capped)
	case len(got.Findings) != len(want.Findings):
		return fmt.Sprintf("has %d findings, whole %d", len(got.Findings), len(want.Findings))
	}
	for i := range got.Findings {
		if g, w := got.Findings[i], want.Findings[i]; !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("finding %d differs:\n got %+v\nwant %+v", i, g, w)
		}
	}
	return ""
}

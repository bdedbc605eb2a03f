package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// vendorRow is one row of testdata/vendor/SOURCES.md: | `kind/file` | verdict | follows |.
var vendorRow = regexp.MustCompile("^\\| `([^`]+)` \\| (valid|sample) \\| (.+) \\|$")

// TestVendorCorpus holds the vendor corpus to its promise: every fixture
// names its source in SOURCES.md, a fixture that follows an example the
// vendor presents as valid gets no warning and no error (a note, such as
// "this export cannot be judged", is allowed), each folder is a document
// kind, and each kind has at least three fixtures. rules/registry compares
// every fixture with its golden.
func TestVendorCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "vendor")
	b, err := os.ReadFile(filepath.Join(root, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if m := vendorRow.FindStringSubmatch(line); m != nil {
			verdicts[m[1]] = m[2]
		}
	}
	folders, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, k := range folders {
		if !k.IsDir() {
			continue
		}
		if kinds.Of(rules.Kind(k.Name())) == nil {
			t.Errorf("testdata/vendor/%s: not a document kind", k.Name())
		}
		names := fixtureFiles(t, filepath.Join(root, k.Name()))
		for _, name := range names {
			rel := k.Name() + "/" + name
			seen[rel] = true
			verdict, ok := verdicts[rel]
			if !ok {
				t.Errorf("%s: no row in SOURCES.md", rel)
				continue
			}
			if verdict != "valid" {
				continue
			}
			for _, f := range runCase(t, filepath.Join(root, k.Name(), name), false).Findings {
				if f.Severity >= rules.SeverityWarning {
					t.Errorf("%s follows an example its vendor calls valid, but rbaclint reports %s %s: %s",
						rel, f.Severity, f.RuleID, f.Message)
				}
			}
		}
		if len(names) < 3 {
			t.Errorf("testdata/vendor/%s: %d fixtures, want at least 3", k.Name(), len(names))
		}
	}
	for rel := range verdicts {
		if !seen[rel] {
			t.Errorf("SOURCES.md names %s, which is not a fixture", rel)
		}
	}
}

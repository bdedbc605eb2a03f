package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// TestGeneratedDocs fails when docs/rules.md or the README's rule table is
// stale; -update regenerates both.
func TestGeneratedDocs(t *testing.T) {
	var b bytes.Buffer
	if err := RulesMarkdown(&b, registry.All()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("..", "..", "docs", "rules.md"), b.Bytes())
	readmePath := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatal("README.md lacks the generated rules table markers")
	}
	golden.Check(t, readmePath, []byte(s[:i+len(begin)]+RulesTable(registry.All(), "docs/rules.md")+s[j:]))
}

// TestManPageIsCurrent fails when docs/rbaclint.1 is not what rbaclint man
// prints; -update rewrites it.
func TestManPageIsCurrent(t *testing.T) {
	golden.Check(t, filepath.Join("..", "..", "docs", "rbaclint.1"), []byte(manPage().Roff()))
}

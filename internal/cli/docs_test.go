package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules/registry"
)

var updateDocs = flag.Bool("update", false, "rewrite docs/rules.md and the README rule table")

// TestGeneratedDocs fails when docs/rules.md or the README's rule table is
// stale. Regenerate both with: go test ./internal/cli -run TestGeneratedDocs -update
func TestGeneratedDocs(t *testing.T) {
	var b bytes.Buffer
	if err := RulesMarkdown(&b, registry.All()); err != nil {
		t.Fatal(err)
	}
	docsPath := filepath.Join("..", "..", "docs", "rules.md")
	readmePath := filepath.Join("..", "..", "README.md")
	if *updateDocs {
		if err := os.WriteFile(docsPath, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, b.Bytes()) {
		t.Errorf("docs/rules.md is stale: run go test ./internal/cli -run TestGeneratedDocs -update")
	}
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
	table := RulesTable(registry.All(), "docs/rules.md")
	if *updateDocs {
		s = s[:i+len(begin)] + table + s[j:]
		if err := os.WriteFile(readmePath, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if s[i+len(begin):j] != table {
		t.Errorf("README.md rule table is stale: run go test ./internal/cli -run TestGeneratedDocs -update")
	}
}

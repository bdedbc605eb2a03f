package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// The fixtures' goldens are compared by rules/ruletest; the engine's own
// tests (hostile corpus, vendor corpus) lint the same cases for properties.

// fixtureFiles lists the file cases of dir (not its directory cases).
func fixtureFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && golden.IsFixture(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// runCase lints one fixture (a file, or a directory as one run) with its
// configuration, as the CLI would.
func runCase(t *testing.T, p string, isDir bool) *Result {
	t.Helper()
	opts := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2}
	cfgPath := strings.TrimSuffix(p, filepath.Ext(p)) + ".rbaclint.yaml"
	if isDir {
		cfgPath = filepath.Join(p, ".rbaclint.yaml")
	}
	if _, err := os.Stat(cfgPath); err == nil {
		var ids []string
		for _, r := range registry.All() {
			ids = append(ids, r.ID)
		}
		cfg, err := config.Load(cfgPath, ids)
		if err != nil {
			t.Fatalf("fixture config: %v", err)
		}
		opts.RuleOptions = cfg.RuleOptions()
		opts.Level, opts.KindFor, opts.Exclude, opts.Ignore = cfg.Level, cfg.KindFor, cfg.Excluded, cfg.ApplyIgnores
	}
	res, err := Run([]string{p}, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return res
}

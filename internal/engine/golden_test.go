package engine

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

var update = flag.Bool("update", false, "rewrite the .want golden files from the current output")

// TestGolden lints every fixture under testdata/<area>/ and compares its
// findings with the .want file beside it: a file <case>.json|xml|yaml is
// linted alone, a directory <case>/ is linted as one run (set-level rules see
// all its files).
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	n := 0
	for _, area := range goldenAreas(t, root) {
		dir := filepath.Join(root, area)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			var want string
			switch {
			case e.IsDir():
				want = p + ".want"
			case isFixture(name):
				want = strings.TrimSuffix(p, filepath.Ext(p)) + ".want"
			default:
				continue
			}
			n++
			t.Run(area+"/"+name, func(t *testing.T) {
				got := goldenLines(t, p, e.IsDir())
				if *update {
					if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				b, err := os.ReadFile(want)
				if err != nil {
					t.Fatalf("missing golden file: %v (run with -update, then review it)", err)
				}
				if string(b) != got {
					t.Errorf("findings differ from %s\n--- want\n%s--- got\n%s", want, b, got)
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no fixtures found")
	}
}

// goldenAreas lists the fixture folders under root: each testdata/<area>/,
// and for the vendor corpus each testdata/vendor/<kind>/ (one folder per
// document kind, so that its cases read as that kind's real exports).
func goldenAreas(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	for _, parent := range []string{"", "vendor"} {
		entries, err := os.ReadDir(filepath.Join(root, parent))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() || e.Name() == "fuzz" || parent == "" && e.Name() == "vendor" {
				continue
			}
			out = append(out, filepath.ToSlash(filepath.Join(parent, e.Name())))
		}
	}
	return out
}

// fixtureFiles lists the file cases of dir (not its directory cases).
func fixtureFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && isFixture(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func isFixture(name string) bool {
	if strings.HasSuffix(name, ".rbaclint.yaml") {
		return false // a case's configuration, not a case
	}
	switch filepath.Ext(name) {
	case ".json", ".xml", ".yaml", ".yml", ".env":
		return !strings.HasPrefix(name, ".")
	}
	return false
}

// goldenLines runs the engine like the CLI does and renders each finding as
// `line:col: rule-id: message`, prefixed by the file relative to the case
// directory for directory cases. A case may carry a configuration:
// <case>.rbaclint.yaml beside a file case, or .rbaclint.yaml inside a
// directory case.
func goldenLines(t *testing.T, p string, isDir bool) string {
	t.Helper()
	res := runCase(t, p, isDir)
	base := filepath.ToSlash(filepath.Clean(p))
	var lines []string
	for _, f := range res.Findings {
		loc := fmt.Sprintf("%d:%d", f.Span.Start.Line, f.Span.Start.Column)
		if isDir {
			loc = strings.TrimPrefix(f.Path, base+"/") + ":" + loc
		}
		lines = append(lines, fmt.Sprintf("%s: %s: %s\n", loc, f.RuleID, f.Message))
	}
	return strings.Join(lines, "")
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

package diff

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

var update = flag.Bool("update", false, "rewrite the .want golden files from the current output")

// TestGolden compares every pair testdata/<case>/old and testdata/<case>/new
// through the real loaders and rules, and checks the visible findings (with
// their related places) and the changed files against <case>.want.
func TestGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		dir := filepath.ToSlash(filepath.Join("testdata", c.Name()))
		t.Run(c.Name(), func(t *testing.T) {
			got := render(t, dir)
			want := dir + ".want"
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
				t.Errorf("differs from %s\n--- want\n%s--- got\n%s", want, b, got)
			}
		})
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}

func render(t *testing.T, dir string) string {
	t.Helper()
	side := func(name string) Side {
		p := dir + "/" + name
		return Side{Label: name, Paths: []string{p}, Root: p}
	}
	res, err := Run(side("old"), side("new"), engine.Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2}, registry.GrantSources())
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	var b strings.Builder
	rel := func(p string) string { return strings.TrimPrefix(p, dir+"/") }
	for _, f := range res.Findings {
		if f.Suppressed != nil {
			continue
		}
		if f.Fingerprint == "" {
			t.Errorf("%s: finding without fingerprint", f.RuleID)
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", rel(f.Path), f.Span.Start.Line, f.Span.Start.Column, f.RuleID, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "  related %s:%d:%d: %s\n", rel(r.Path), r.Span.Start.Line, r.Span.Start.Column, r.Message)
		}
	}
	for _, fc := range res.Summary.Files {
		fmt.Fprintf(&b, "%s %s: added %v, removed %v, modified %v\n", fc.Status, rel(fc.Path), fc.Added, fc.Removed, fc.Modified)
	}
	for _, a := range res.Summary.Access {
		fmt.Fprintf(&b, "access %s: gained %v, lost %v\n", a.Principal, a.Gained, a.Lost)
	}
	if res.Summary.PreExisting > 0 {
		fmt.Fprintf(&b, "%d lint findings already in old\n", res.Summary.PreExisting)
	}
	return b.String()
}

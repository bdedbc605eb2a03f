package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

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
			golden.Check(t, dir+".want", []byte(render(t, dir)))
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
	res, err := Run(side("old"), side("new"), engine.Options{Rules: goldenRules(t), RuleOptions: &rules.Options{}, Jobs: 2}, registry.GrantSources())
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

// lintRules are the lint rules the goldens run beside every change rule:
// their findings show how diff mode treats lint findings (new in an added
// file, already in old). Naming them keeps a new lint rule from rewriting
// these goldens; its fixtures are its pack's.
var lintRules = []string{"tenant/user-admin-required", "pcce/reserved-feature", "webex/permissions-required"}

func goldenRules(t *testing.T) []*rules.Rule {
	t.Helper()
	var out []*rules.Rule
	for _, r := range registry.All() {
		if r.CheckChange != nil || r.CheckChangeSet != nil {
			out = append(out, r)
		}
	}
	for _, id := range lintRules {
		r := registry.ByID(id)
		if r == nil {
			t.Fatalf("no rule %s", id)
		}
		out = append(out, r)
	}
	return out
}

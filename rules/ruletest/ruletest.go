// Package ruletest is the rule-test harness, in the role analysistest plays
// for go/analysis: a test names a fixture directory and the rules under test;
// every fixture goes through the real loaders, the schema and the engine's
// processing, and the findings of those rules must equal the golden .want
// file beside it. `go test -update` rewrites the goldens (internal/golden).
//
// A file <case>.json|xml|yaml|env is linted alone; a directory <case>/ is linted
// as one run, for set-level rules. A case may carry a configuration:
// <case>.rbaclint.yaml beside a file case, .rbaclint.yaml inside a directory
// case. Each golden line is `line:col: rule-id: message`, prefixed by the
// file for directory cases, with ` (severity)` after the rule ID when the
// finding's severity is not the rule's default, and one indented `related`
// line per related location.
package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules"
)

// Run checks every case in dir with only the rules rs.
func Run(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		var want string
		switch {
		case e.IsDir():
			want = p + ".want"
		case golden.IsFixture(name):
			want = strings.TrimSuffix(p, filepath.Ext(p)) + ".want"
		default:
			continue
		}
		// Cases differing only in extension (crlf.json, crlf.xml) would
		// share one golden and -update would keep only the last.
		if prev, ok := seen[want]; ok {
			t.Errorf("%s and %s share the golden file %s; rename one", prev, name, want)
		}
		seen[want] = name
		n++
		t.Run(name, func(t *testing.T) { Case(t, p, want, rs...) })
	}
	if n == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}

// Case checks one input, a file or a directory linted as one run, against
// the golden file want.
func Case(t *testing.T, input, want string, rs ...*rules.Rule) {
	t.Helper()
	info, err := os.Stat(input)
	if err != nil {
		t.Fatal(err)
	}
	// The output must not depend on scheduling: one worker and several
	// give the same lines.
	got := lines(t, input, info.IsDir(), 1, rs)
	if again := lines(t, input, info.IsDir(), 3, rs); again != got {
		t.Fatalf("--jobs 1 and --jobs 3 differ:\n%s---\n%s", got, again)
	}
	golden.Check(t, want, []byte(got))
}

// lines runs the engine as the CLI does, with the case's configuration, and
// renders the findings of the rules under test.
func lines(t *testing.T, p string, isDir bool, jobs int, rs []*rules.Rule) string {
	t.Helper()
	opts := engine.Options{Rules: rs, RuleOptions: &rules.Options{}, Jobs: jobs}
	cfgPath := strings.TrimSuffix(p, filepath.Ext(p)) + ".rbaclint.yaml"
	if isDir {
		cfgPath = filepath.Join(p, config.FileName)
	}
	byID := map[string]*rules.Rule{}
	var ids []string
	for _, r := range rs {
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	if _, err := os.Stat(cfgPath); err == nil {
		cfg, err := config.Load(cfgPath, ids)
		if err != nil {
			t.Fatalf("fixture config: %v", err)
		}
		opts.RuleOptions = cfg.RuleOptions()
		opts.Level, opts.KindFor, opts.Exclude, opts.Ignore = cfg.Level, cfg.KindFor, cfg.Excluded, cfg.ApplyIgnores
	}
	res, err := engine.Run([]string{p}, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	base := filepath.ToSlash(filepath.Clean(p))
	loc := func(path string, s rules.Span) string {
		l := fmt.Sprintf("%d:%d", s.Start.Line, s.Start.Column)
		if isDir {
			l = strings.TrimPrefix(path, base+"/") + ":" + l
		}
		return l
	}
	var b strings.Builder
	for _, f := range res.Findings {
		r := byID[f.RuleID]
		if r == nil {
			continue // a loader's or another pack's finding
		}
		if strings.Contains(f.Message, "\n") {
			t.Errorf("%s: a message is one line: %q", r.ID, f.Message)
		}
		id := f.RuleID
		if f.Severity != r.DefaultSeverity {
			id += " (" + f.Severity.String() + ")"
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", loc(f.Path, f.Span), id, f.Message)
		for _, rel := range f.Related {
			fmt.Fprintf(&b, "\trelated %s: %s\n", loc(rel.Path, rel.Span), rel.Message)
		}
	}
	return b.String()
}

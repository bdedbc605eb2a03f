// Package ruletest is the rule-test harness, in the role analysistest plays
// for go/analysis: every case goes through the real loaders, the schema and
// the engine's processing, and the findings of the rules under test must
// equal the golden .want file beside it. `go test -update` rewrites the
// goldens (internal/golden).
//
// A pack's fixtures (Pack) are one directory per rule, named after the rule
// ID without its pack prefix (testdata/pcce/empty-role/ for pcce/empty-role,
// testdata/general/schema/ for schema); its cases run with that rule alone,
// so a new rule adds its own directory and changes no other golden. The one
// other directory, _pack/, holds the cases about the pack as a whole
// (malformed or odd input that no rule may trip on) and runs every rule of
// the pack. Cases runs every case of one directory with the rules it is
// given: the all-rules end-to-end goldens.
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

// PackDir is the directory of a pack's cases about the pack as a whole.
const PackDir = "_pack"

// Dir is the name of a rule's fixture directory: its ID without the pack
// prefix.
func Dir(r *rules.Rule) string { return r.ID[strings.LastIndex(r.ID, "/")+1:] }

// Pack checks a pack's fixtures under dir: each rule directory with its rule
// alone, _pack/ with every rule of rs. A directory that names no rule of rs
// fails, so that no case silently stops running; that every rule has cases
// is held by the registry's tests.
func Pack(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	byDir := map[string]*rules.Rule{}
	for _, r := range rs {
		byDir[Dir(r)] = r
	}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		switch r := byDir[name]; {
		case !e.IsDir():
			t.Errorf("%s: a pack's fixtures are in one directory per rule (or %s/), not at the top", p, PackDir)
		case name == PackDir:
			t.Run(name, func(t *testing.T) { cases(t, p, rs, rs) })
		case r == nil:
			t.Errorf("%s names no rule of the pack", p)
		default:
			t.Run(name, func(t *testing.T) { cases(t, p, rs, []*rules.Rule{r}) })
		}
	}
}

// Cases checks every case in dir with the rules rs.
func Cases(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	cases(t, dir, rs, rs)
}

// cases checks every case in dir with the rules run; known are the rule IDs
// a case's configuration may name.
func cases(t *testing.T, dir string, known, run []*rules.Rule) {
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
		t.Run(name, func(t *testing.T) { check(t, p, want, known, run) })
	}
	if n == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}

// Case checks one input, a file or a directory linted as one run, against
// the golden file want.
func Case(t *testing.T, input, want string, rs ...*rules.Rule) {
	t.Helper()
	check(t, input, want, rs, rs)
}

func check(t *testing.T, input, want string, known, rs []*rules.Rule) {
	t.Helper()
	info, err := os.Stat(input)
	if err != nil {
		t.Fatal(err)
	}
	// The output must not depend on scheduling: one worker and several
	// give the same lines.
	got := lines(t, input, info.IsDir(), 1, known, rs)
	if again := lines(t, input, info.IsDir(), 3, known, rs); again != got {
		t.Fatalf("--jobs 1 and --jobs 3 differ:\n%s---\n%s", got, again)
	}
	golden.Check(t, want, []byte(got))
}

// lines runs the engine as the CLI does, with the case's configuration, and
// renders the findings of the rules under test, rs.
func lines(t *testing.T, p string, isDir bool, jobs int, known, rs []*rules.Rule) string {
	t.Helper()
	opts := engine.Options{Rules: rs, RuleOptions: &rules.Options{}, Jobs: jobs}
	cfgPath := strings.TrimSuffix(p, filepath.Ext(p)) + ".rbaclint.yaml"
	if isDir {
		cfgPath = filepath.Join(p, config.FileName)
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	var ids []string
	for _, r := range known {
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

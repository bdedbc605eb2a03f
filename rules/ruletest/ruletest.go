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
// other directory, _pack/, holds inputs about the pack as a whole (malformed
// or odd input that no rule may trip on): every rule runs over all of them,
// alone, and its findings there are its own golden, <rule>/_pack.want. Cases
// runs every case of one directory with the rules it is given: the all-rules
// end-to-end goldens.
//
// A file <case>.json|xml|yaml|env is linted alone; a directory <case>/ is linted
// as one run, for set-level rules. A case may carry a configuration:
// <case>.rbaclint.yaml beside a file case, .rbaclint.yaml inside a directory
// case. Each golden line is `line:col: rule-id: message`, prefixed by the
// file for directory cases and for a finding outside the case's file (in its
// configuration), with ` (severity)` after the rule ID when the
// finding's severity is not the rule's default, and one indented `related`
// line per related location.
package ruletest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/config"
	"github.com/rbaclint/rbaclint/internal/engine"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// PackDir is the directory of a pack's inputs about the pack as a whole.
const PackDir = "_pack"

// Dir is the name of a rule's fixture directory: its ID without the pack
// prefix.
func Dir(r *rules.Rule) string { return r.ID[strings.LastIndex(r.ID, "/")+1:] }

// Pack checks a pack's fixtures under dir: each rule directory's cases with
// its rule alone, and each rule alone over the _pack/ inputs against the
// rule's _pack.want. A directory that names no rule of rs fails, so that no
// case silently stops running; that every rule has cases is held by the
// registry's tests.
func Pack(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var shared []fixture
	if _, err := os.Stat(filepath.Join(dir, PackDir)); err == nil {
		shared = fixtures(t, filepath.Join(dir, PackDir))
	}
	byDir := map[string]*rules.Rule{}
	for _, r := range rs {
		byDir[Dir(r)] = r
	}
	tested := map[*rules.Rule]bool{}
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(dir, name)
		r := byDir[name]
		switch {
		case name == PackDir && e.IsDir():
			continue
		case !e.IsDir():
			t.Errorf("%s: a pack's fixtures are in one directory per rule (or %s/), not at the top", p, PackDir)
			continue
		case r == nil:
			t.Errorf("%s names no rule of the pack", p)
			continue
		}
		tested[r] = true
		t.Run(name, func(t *testing.T) {
			run := []*rules.Rule{r}
			for _, f := range fixtures(t, p) {
				t.Run(f.name, func(t *testing.T) { golden.Check(t, f.want, []byte(render(t, f, rs, run, ""))) })
			}
			want := filepath.Join(p, PackDir+".want")
			if shared == nil {
				if _, err := os.Stat(want); err == nil {
					t.Errorf("%s: the pack has no %s/ inputs", want, PackDir)
				}
				return
			}
			t.Run(PackDir, func(t *testing.T) { golden.Check(t, want, []byte(renderAll(t, shared, rs, run))) })
		})
	}
	for _, r := range rs {
		if !tested[r] && shared != nil {
			if got := renderAll(t, shared, rs, []*rules.Rule{r}); got != "" {
				t.Errorf("%s reports on the %s/ inputs but has no fixture directory to hold its %s.want:\n%s", r.ID, PackDir, PackDir, got)
			}
		}
	}
}

// Cases checks every case in dir with the rules rs.
func Cases(t *testing.T, dir string, rs ...*rules.Rule) {
	t.Helper()
	CasesOf(t, dir, rs, rs...)
}

// CasesOf checks every case in dir with only the rules run; a case's
// configuration may name any rule of known.
func CasesOf(t *testing.T, dir string, known []*rules.Rule, run ...*rules.Rule) {
	t.Helper()
	for _, f := range fixtures(t, dir) {
		t.Run(f.name, func(t *testing.T) { golden.Check(t, f.want, []byte(render(t, f, known, run, ""))) })
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
	f := fixture{name: filepath.Base(input), path: input, want: want, isDir: info.IsDir()}
	golden.Check(t, want, []byte(render(t, f, rs, rs, "")))
}

// fixture is one case: a file linted alone or a directory linted as one
// run, with its golden.
type fixture struct {
	name, path, want string
	isDir            bool
}

// fixtures lists the cases in dir.
func fixtures(t *testing.T, dir string) []fixture {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		f := fixture{name: name, path: filepath.Join(dir, name), isDir: e.IsDir()}
		switch {
		case e.IsDir():
			f.want = f.path + ".want"
		case golden.IsFixture(name):
			f.want = strings.TrimSuffix(f.path, filepath.Ext(f.path)) + ".want"
		default:
			continue
		}
		// Cases differing only in extension (crlf.json, crlf.xml) would
		// share one golden and -update would keep only the last.
		if prev, ok := seen[f.want]; ok {
			t.Errorf("%s and %s share the golden file %s; rename one", prev, name, f.want)
		}
		seen[f.want] = name
		out = append(out, f)
	}
	if len(out) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	return out
}

// renderAll renders the findings of rs over every input of fs, each line
// prefixed by the input's name.
func renderAll(t *testing.T, fs []fixture, known, rs []*rules.Rule) string {
	t.Helper()
	var b strings.Builder
	for _, f := range fs {
		prefix := f.name + ":"
		if f.isDir {
			prefix = f.name + "/"
		}
		b.WriteString(render(t, f, known, rs, prefix))
	}
	return b.String()
}

// render runs one case with one worker and with three, which must give the
// same lines, and returns them; known are the rule IDs the case's
// configuration may name, and prefix starts every location.
func render(t *testing.T, f fixture, known, rs []*rules.Rule, prefix string) string {
	t.Helper()
	got := lines(t, f.path, f.isDir, 1, known, rs, prefix)
	if again := lines(t, f.path, f.isDir, 3, known, rs, prefix); again != got {
		t.Fatalf("%s: --jobs 1 and --jobs 3 differ:\n%s---\n%s", f.path, got, again)
	}
	return got
}

// lines runs the engine as the CLI does, with the case's configuration, and
// renders the findings of the rules under test, rs.
func lines(t *testing.T, p string, isDir bool, jobs int, known, rs []*rules.Rule, prefix string) string {
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
	if jobs == 1 {
		checkFacts(t, p, res.Docs, rs, opts.RuleOptions)
	}
	base := filepath.ToSlash(filepath.Clean(p))
	loc := func(path string, s rules.Span) string {
		l := fmt.Sprintf("%d:%d", s.Start.Line, s.Start.Column)
		switch {
		case isDir:
			l = strings.TrimPrefix(path, base+"/") + ":" + l
		case path != base:
			// Not in the case's file: in its configuration (an unused ignore).
			l = filepath.Base(path) + ":" + l
		}
		return prefix + l
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

// checkFacts runs each set-level rule of rs alone over the case's
// documents twice: whole, and projected onto the facts the rule declares
// (kinds.FactKeep, kinds.Project) with its summary read window by window,
// as a big file checked a window of entities at a time gives them. Both
// runs must report the same findings, every field, with the same
// fingerprints.
func checkFacts(t *testing.T, p string, byPath map[string]*rules.Document, rs []*rules.Rule, ro *rules.Options) {
	t.Helper()
	var docs []*rules.Document
	for _, d := range byPath {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	for _, r := range rs {
		if r.CheckSet == nil {
			continue
		}
		var whole, facts []*rules.Document
		projected := map[string]*rules.Document{}
		for _, d := range docs {
			if !r.AppliesTo(d.Kind) {
				continue
			}
			keep, ok := kinds.FactKeep([]*rules.Rule{r}, d.Kind, ro)
			if !ok {
				continue
			}
			whole = append(whole, d)
			projected[d.Path] = kinds.Project(d, keep)
			if r.Summary != nil {
				summarizeByWindows(projected[d.Path], d, r.Summary)
			}
			facts = append(facts, projected[d.Path])
		}
		if len(whole) == 0 {
			continue
		}
		want, got := runSet(r, whole, ro), runSet(r, facts, ro)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s on its facts reports\n%v\nwant, as on whole documents,\n%v", p, r.ID, got, want)
			continue
		}
		for i := range want {
			if a, b := engine.Fingerprint(got[i], projected[got[i].Path]), engine.Fingerprint(want[i], byPath[want[i].Path]); a != b {
				t.Errorf("%s: %s: the fingerprint of %q on facts is %s, on whole documents %s", p, r.ID, want[i].Message, a, b)
			}
		}
	}
}

// summarizeByWindows gives facts the summary s of doc as a big file's
// windows give it: read from windows of one entity each, then joined.
func summarizeByWindows(facts, doc *rules.Document, s *rules.Summary) {
	parts := make([]any, len(doc.Entities))
	for i := range doc.Entities {
		w := &rules.Document{Path: doc.Path, Kind: doc.Kind, Shape: doc.Shape, Format: doc.Format,
			Data: doc.Data, Entities: doc.Entities[i : i+1], EntityBase: i, Source: doc.Source}
		parts[i] = s.Read(w)
	}
	rules.SetSummary(facts, s, s.Join(facts, parts))
}

// runSet runs a set-level rule over docs and returns its findings.
func runSet(r *rules.Rule, docs []*rules.Document, ro *rules.Options) []rules.Finding {
	var out []rules.Finding
	r.CheckSet(rules.NewSetPass(r, docs, ro, func(f rules.Finding) { out = append(out, f) }))
	return out
}

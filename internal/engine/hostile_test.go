package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// hangGuard is how long one hostile file may take before the test reports a
// hang. It is a guard against blocking CI, not a performance assertion: real
// cases finish in well under a second, so it is generous for a loaded runner.
const hangGuard = 10 * time.Second

// runGuarded runs the engine over paths on another goroutine and fails the
// test if it has not returned within hangGuard, or if it panicked. A hung run
// keeps its goroutine (Go cannot kill it), but the test fails with the file's
// name instead of blocking until the package timeout.
func runGuarded(t *testing.T, paths []string, opts Options) (*Result, error) {
	t.Helper()
	type outcome struct {
		res   *Result
		err   error
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o.panic = p
			}
			done <- o
		}()
		o.res, o.err = Run(paths, opts)
	}()
	timer := time.NewTimer(hangGuard)
	defer timer.Stop()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Fatalf("engine panicked on %v: %v", paths, o.panic)
		}
		return o.res, o.err
	case <-timer.C:
		t.Fatalf("engine did not finish %v within %v: hang (or pathological slowness) on hostile input", paths, hangGuard)
	}
	return nil, nil
}

func hostileOptions() Options {
	return Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2}
}

// cleanHostile lists the committed hostile files that legitimately have no
// finding, and why; any other file without a finding fails the test.
var cleanHostile = map[string]string{
	"number-negative-zero.json": "-0 and -0.0 are valid JSON numbers with an integral value, so the int64 createdTime/lastUpdatedTime accept them",
	"yaml-odd-keys.yaml":        "a complex YAML key and a !!binary-tagged key are legal YAML; the loader turns the complex key into its JSON text",
}

// TestHostileCorpus lints every committed file under testdata/hostile alone
// (like TestGolden, which pins the exact findings) under a hang guard, and
// checks the properties every hostile input must have whatever its exact
// findings: no panic, no hang, no error for the run, and either at least one
// finding on the file with a real position or a documented clean result.
func TestHostileCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) == ".want" {
			continue // the corpus holds cases and their goldens only
		}
		n++
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			res, err := runGuarded(t, []string{p}, hostileOptions())
			if err != nil {
				t.Fatalf("a hostile file must become a finding, not a failed run: %v", err)
			}
			checkFindings(t, p, res)
			if why, ok := cleanHostile[name]; ok {
				if len(res.Findings) != 0 {
					t.Errorf("documented as clean (%s) but got %d findings; update cleanHostile", why, len(res.Findings))
				}
				return
			}
			if len(res.Findings) == 0 {
				t.Errorf("no finding: a hostile file must get one (syntax, limit-exceeded, duplicate-key, schema, unknown-document...) or be listed in cleanHostile with the reason")
			}
		})
	}
	if n < 20 {
		t.Fatalf("only %d hostile fixtures found in %s", n, dir)
	}
	for name := range cleanHostile {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("cleanHostile names %s, which is not in the corpus", name)
		}
	}
}

// checkFindings asserts what every finding must satisfy: it is on the file,
// has a 1-based position, and its message is one line of valid UTF-8 (the
// JSON, SARIF and JUnit reports embed it verbatim).
func checkFindings(t *testing.T, p string, res *Result) {
	t.Helper()
	want := filepath.ToSlash(filepath.Clean(p))
	for _, f := range res.Findings {
		if f.Path != want {
			t.Errorf("finding on %q, want %q: %s", f.Path, want, f.Message)
		}
		if f.Span.Start.Line < 1 || f.Span.Start.Column < 1 {
			t.Errorf("finding without a position (%d:%d): %s: %s", f.Span.Start.Line, f.Span.Start.Column, f.RuleID, f.Message)
		}
		if !utf8.ValidString(f.Message) || strings.ContainsAny(f.Message, "\n\r\x00") {
			t.Errorf("message is not one line of valid UTF-8: %q", f.Message)
		}
		if strings.Contains(f.Message, "goroutine ") || strings.Contains(f.Message, "runtime error") {
			t.Errorf("message leaks a Go panic or stack: %q", f.Message)
		}
	}
}

// generated hostile inputs too large to commit. want is the first finding
// (in the golden `line:col: rule-id` form) that the file must produce.
var generatedHostile = []struct {
	name string
	gen  func() string
	want string
}{
	{
		// 100,000 nested arrays: a recursive parser would overflow the stack.
		name: "deep-array-100000.json",
		gen:  func() string { return strings.Repeat("[", 100000) + strings.Repeat("]", 100000) },
		want: "1:513: limit-exceeded",
	},
	{
		name: "deep-unclosed-100000.json",
		gen:  func() string { return strings.Repeat("[", 100000) },
		want: "1:513: limit-exceeded",
	},
	{
		name: "deep-object-100000.json",
		gen:  func() string { return strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000) },
		want: "1:2561: limit-exceeded",
	},
	{
		name: "deep-100000.xml",
		gen:  func() string { return strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) },
		want: "1:1537: limit-exceeded",
	},
	{
		// The same limit and position as testdata/hostile/deep-600.yaml:
		// the 513th level opens at column 515 of line 2.
		name: "deep-100000.yaml",
		gen: func() string {
			return "url: /finesse/api/x\nv: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
		},
		want: "2:515: limit-exceeded",
	},
	{
		// A 1 MiB single-line string, then a finding after it on the same
		// line: columns must still be right (and cheap) on a long line.
		name: "long-string-1MiB.json",
		gen: func() string {
			return `{"url": "/finesse/api/ReasonCodes", "note": "` + strings.Repeat("x", 1<<20) + `", "password": "p"}` + "\n"
		},
		want: fmt.Sprintf("1:%d: plaintext-secret", 1<<20+61),
	},
	{
		// 50,000 duplicate keys in one object, minified on one line as
		// exports often are.
		name: "duplicate-keys-50000.json",
		gen: func() string {
			var b strings.Builder
			b.WriteString(`{"url": "/finesse/api/ReasonCodes"`)
			for i := 0; i < 50000; i++ {
				fmt.Fprintf(&b, `, "k": %d`, i)
			}
			b.WriteString("}\n")
			return b.String()
		},
		want: "1:45: duplicate-key",
	},
	{
		name: "duplicate-keys-50000.yaml",
		gen: func() string {
			var b strings.Builder
			b.WriteString("url: /finesse/api/ReasonCodes\n")
			for i := 0; i < 50000; i++ {
				fmt.Fprintf(&b, "k: %d\n", i)
			}
			return b.String()
		},
		want: "3:1: duplicate-key",
	},
	{
		// The XML counterpart: 50,000 repeated child elements in one role.
		name: "duplicate-elements-50000.xml",
		gen: func() string {
			return "<role><name>A</name>" + strings.Repeat("<description>d</description>", 50000) + "</role>\n"
		},
		want: "1:49: duplicate-key",
	},
}

// TestHostileGenerated lints the large generated inputs under the hang
// guard and checks the finding each must produce, at its position.
func TestHostileGenerated(t *testing.T) {
	dir := t.TempDir()
	for _, c := range generatedHostile {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, []byte(c.gen()), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := runGuarded(t, []string{p}, hostileOptions())
			if err != nil {
				t.Fatalf("a hostile file must become a finding, not a failed run: %v", err)
			}
			checkFindings(t, p, res)
			var got []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%d:%d: %s", f.Span.Start.Line, f.Span.Start.Column, f.RuleID))
			}
			found := false
			for _, g := range got {
				if g == c.want {
					found = true
				}
			}
			if !found {
				if len(got) > 5 {
					got = append(got[:5], "...")
				}
				t.Errorf("want a finding %q, got %q", c.want, got)
			}
		})
	}
}

// TestHostileMessagesBounded: a finding message quotes names from the file
// (a role name, a key), so a hostile file with a 1 MiB name must not turn
// into megabytes of output per finding, repeated in every report format.
func TestHostileMessagesBounded(t *testing.T) {
	const limit = 4096
	dir := t.TempDir()
	files := map[string]string{
		"long-role-name.xml": "<role><name>" + strings.Repeat("x", 1<<20) + "</name></role>\n",
		"long-key.json":      `{"url": "/finesse/api/ReasonCodes", "` + strings.Repeat("k", 1<<20) + `": 1, "` + strings.Repeat("k", 1<<20) + `": 2}` + "\n",
	}
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := runGuarded(t, []string{p}, hostileOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) == 0 {
				t.Fatal("no finding")
			}
			for _, f := range res.Findings {
				if len(f.Message) > limit {
					t.Errorf("%s: message of %d bytes (limit %d) echoes the hostile value: %.120s...", f.RuleID, len(f.Message), limit, f.Message)
				}
			}
		})
	}
}

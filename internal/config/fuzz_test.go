package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// fuzzKnown is the rule catalog the fuzzed configurations are checked
// against (a fixed list keeps the target independent of the registry).
var fuzzKnown = []string{"schema", "syntax", "plaintext-secret", "webex/unknown-permission", "tenant/realtime-auto-assign", "unused-ignore"}

// FuzzConfigParse feeds arbitrary bytes to Parse. Whatever the input:
// Parse never panics or hangs; it returns either a Config or Errors, never
// both and never neither; every error names the configuration file and has
// a message; when the text parsed as YAML (so every problem is about a
// place in it), every error has a position inside the file; and a Config
// that validated can be used (levels, kinds, excludes, ignores) without
// panicking, whatever globs it holds.
//
// Seeds: testdata/fuzz/FuzzConfigParse (the starter, a full configuration,
// broken YAML, wrong types, bad globs, alias bombs, deep nesting).
// Run: go test ./internal/config -run '^$' -fuzz FuzzConfigParse -fuzztime 60s
func FuzzConfigParse(f *testing.F) {
	f.Add([]byte(Starter))
	f.Add([]byte("version: 1\n"))
	f.Add([]byte("version: 1\nexclude: [\"a/[b\"]\n"))
	const path = "/work/project/.rbaclint.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(path, data, fuzzKnown)
		if (c == nil) == (err == nil) {
			t.Fatalf("Parse returned config %v and error %v: want exactly one", c != nil, err)
		}
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is %T (%v), want non-empty config.Errors", err, err)
			}
			doc, findings := source.Load(path, data, source.Options{MaxDepth: 64})
			parsed := doc != nil && len(findings) == 0
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, e := range es {
				if e.Path != path {
					t.Errorf("error %q names %q, want the configuration file %q", e.Msg, e.Path, path)
				}
				if strings.TrimSpace(e.Msg) == "" {
					t.Errorf("error without a message: %+v", e)
				}
				if strings.Contains(e.Msg, "goroutine ") || strings.Contains(e.Msg, "runtime error") {
					t.Errorf("error leaks a Go panic: %q", e.Msg)
				}
				if parsed && (e.Pos.Line < 1 || e.Pos.Column < 1 || e.Pos.Line > lines) {
					t.Errorf("the YAML parsed, but error %q has no position inside the file (%d:%d, file has %d lines)", e.Msg, e.Pos.Line, e.Pos.Column, lines)
				}
				if !strings.HasPrefix(e.Error(), path+":") {
					t.Errorf("Error() = %q, want it to start with the path", e.Error())
				}
			}
			return
		}
		if c.Path != path {
			t.Errorf("config path %q, want %q", c.Path, path)
		}
		// Exercise what the engine asks of a config with the fuzzed globs.
		for _, p := range []string{"/work/project/a.json", "/work/project/exports/webex/x.json", "/work/project/deep/a/b/c.xml", "/elsewhere/x.json", "rel/x.json", ""} {
			c.Level("schema", p)
			c.KindFor(p)
			c.Excluded(p)
		}
		c.RuleOptions()
		fs := reported.Of([]rules.Finding{{RuleID: "schema", Path: "/work/project/exports/webex/x.json", Pointer: "/data/4/name"}})
		c.ApplyIgnores(fs, []string{"/work/project/exports/webex/x.json"})
	})
}

package engine

import (
	"testing"

	"github.com/rbaclint/rbaclint/internal/fix"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// TestResolveFixes turns changes into edits on real loaded documents and
// checks the text they make, in each syntax's own style.
func TestResolveFixes(t *testing.T) {
	yaml := "name: sync\nroles:\n  - a\n  - \"b\"\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"
	json := "{\"r\": [\"a\", \"b\",\n  \"c\"], \"solo\": [\"x\"], \"n\": \"v\"}"
	cases := []struct {
		name, file, text string
		change           rules.Change
		want             string // "" when no fix may be made
	}{
		{"yaml remove middle", "a.yaml", yaml, rules.RemoveElement("/roles/1"), "name: sync\nroles:\n  - a\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml remove last", "a.yaml", yaml, rules.RemoveElement("/roles/3"), "name: sync\nroles:\n  - a\n  - \"b\"\n  - 'c'\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml remove only", "a.yaml", yaml, rules.RemoveElement("/solo/0"), ""},
		{"yaml insert first", "a.yaml", yaml, rules.InsertBefore("/roles/0", "z"), "name: sync\nroles:\n  - z\n  - a\n  - \"b\"\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml replace double-quoted", "a.yaml", yaml, rules.ReplaceValue("/roles/1", "y"), "name: sync\nroles:\n  - a\n  - \"y\"\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml replace single-quoted", "a.yaml", yaml, rules.ReplaceValue("/roles/2", "it's"), "name: sync\nroles:\n  - a\n  - \"b\"\n  - 'it''s'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml replace plain with a word YAML reads as bool", "a.yaml", yaml, rules.ReplaceValue("/roles/0", "yes"), "name: sync\nroles:\n  - \"yes\"\n  - \"b\"\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [p, q]\n"},
		{"yaml flow remove first", "a.yaml", yaml, rules.RemoveElement("/flow/0"), "name: sync\nroles:\n  - a\n  - \"b\"\n  - 'c'\n  - d\nsolo:\n  - x\nflow: [q]\n"},
		{"json remove last keeps the line break before it", "a.json", json, rules.RemoveElement("/r/2"), "{\"r\": [\"a\", \"b\"], \"solo\": [\"x\"], \"n\": \"v\"}"},
		{"json remove only", "a.json", json, rules.RemoveElement("/solo/0"), "{\"r\": [\"a\", \"b\",\n  \"c\"], \"solo\": [], \"n\": \"v\"}"},
		{"json insert copies the separator", "a.json", json, rules.InsertBefore("/r/2", "é<&>"), "{\"r\": [\"a\", \"b\",\n  \"é<&>\",\n  \"c\"], \"solo\": [\"x\"], \"n\": \"v\"}"},
		{"json replace a non-element", "a.json", json, rules.ReplaceValue("/n", true), "{\"r\": [\"a\", \"b\",\n  \"c\"], \"solo\": [\"x\"], \"n\": true}"},
		{"json remove a non-element", "a.json", json, rules.RemoveElement("/n"), ""},
		{"json pointer that does not exist", "a.json", json, rules.RemoveElement("/r/7"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, fs := source.Load(c.file, []byte(c.text), source.Options{Kind: rules.KindFinesseIntegration})
			if doc == nil || len(fs) > 0 {
				t.Fatalf("load: %v", fs)
			}
			f := reported.Of([]rules.Finding{{Path: c.file, Fix: rules.NewFix("test", c.change)}})
			resolveFixes(f, map[string]*rules.Document{c.file: doc}, map[string][]byte{c.file: []byte(c.text)}, nil)
			if c.want == "" {
				if f[0].Fix != nil {
					t.Fatalf("want no fix, got edits %+v", f[0].Fix.Edits)
				}
				return
			}
			if f[0].Fix == nil {
				t.Fatal("the fix was dropped")
			}
			got := fix.Apply([]byte(c.text), f[0].Fix.Edits)
			if string(got) != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			for _, e := range f[0].Fix.Edits {
				if e.Span.Start.Line == 0 || e.Span.End.Line == 0 {
					t.Errorf("edit without line/column: %+v", e)
				}
			}
		})
	}
}

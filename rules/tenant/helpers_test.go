package tenant

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// parseDoc builds a tenant-users document the way the loader does: the
// data model decoded with UseNumber, the shape and the user entities.
func parseDoc(t *testing.T, path, text string) *rules.Document {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc := &rules.Document{Path: path, Kind: rules.KindTenantUsers, Format: rules.FormatJSON, Root: root}
	entities := func(base string, items []any) {
		for i, it := range items {
			if m, ok := it.(map[string]any); ok {
				doc.Entities = append(doc.Entities, rules.Entity{Pointer: base + "/" + strconv.Itoa(i), Value: m})
			}
		}
	}
	switch v := root.(type) {
	case []any:
		doc.Shape = rules.ShapeArray
		entities("", v)
	case map[string]any:
		if data, ok := v["data"].([]any); ok {
			doc.Shape = rules.ShapeList
			entities("/data", data)
		} else {
			doc.Shape = rules.ShapeObject
			doc.Entities = []rules.Entity{{Pointer: "", Value: v}}
		}
	}
	return doc
}

// run applies a per-document rule to one document.
func run(t *testing.T, r *rules.Rule, opts *rules.Options, text string) []rules.Finding {
	t.Helper()
	var got []rules.Finding
	r.Check(rules.NewPass(r, parseDoc(t, "users.json", text), opts, func(f rules.Finding) { got = append(got, f) }))
	return got
}

// runSet applies a set-level rule to several files, given in path order.
func runSet(t *testing.T, r *rules.Rule, opts *rules.Options, files ...string) []rules.Finding {
	t.Helper()
	if len(files)%2 != 0 {
		t.Fatal("runSet wants path, text pairs")
	}
	var docs []*rules.Document
	for i := 0; i < len(files); i += 2 {
		docs = append(docs, parseDoc(t, files[i], files[i+1]))
	}
	var got []rules.Finding
	r.CheckSet(rules.NewSetPass(r, docs, opts, func(f rules.Finding) { got = append(got, f) }))
	return got
}

// expect is one finding a test wants: where, and words its message must hold.
type expect struct {
	path     string // "" for "users.json"
	pointer  string
	words    []string
	severity rules.Severity // SeverityDefault unless the finding says it is less certain
}

// match checks the findings against the wanted ones, in order. Every rule
// of this pack reports values, so the target is fixed; the severity is the
// rule's default unless the expectation says otherwise.
func match(t *testing.T, r *rules.Rule, got []rules.Finding, want ...expect) {
	t.Helper()
	if len(got) != len(want) {
		for _, f := range got {
			t.Logf("got %s %s: %s", f.Path, f.Pointer, f.Message)
		}
		t.Fatalf("%s: got %d findings, want %d", r.ID, len(got), len(want))
	}
	for i, w := range want {
		f := got[i]
		path := w.path
		if path == "" {
			path = "users.json"
		}
		if f.RuleID != r.ID || f.Path != path || f.Pointer != w.pointer {
			t.Errorf("finding %d at %s %s %q, want %s %s %q", i, f.RuleID, f.Path, f.Pointer, r.ID, path, w.pointer)
		}
		if f.Target != rules.TargetValue || f.Severity != w.severity {
			t.Errorf("finding %d: target %v severity %v, want the value at severity %v", i, f.Target, f.Severity, w.severity)
		}
		if strings.Contains(f.Message, "\n") {
			t.Errorf("finding %d: message is not one line: %q", i, f.Message)
		}
		for _, word := range w.words {
			if !strings.Contains(f.Message, word) {
				t.Errorf("finding %d: message %q lacks %q", i, f.Message, word)
			}
		}
	}
}

// rolesOptions configures catalog.tenant.roles as the configuration's data
// model holds it.
func rolesOptions(roles ...map[string]any) *rules.Options {
	records := make([]any, len(roles))
	for i, r := range roles {
		records[i] = r
	}
	return rules.NewOptions(map[*rules.Option]any{rolesOption: records})
}

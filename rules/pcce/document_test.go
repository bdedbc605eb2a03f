package pcce

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// newDoc builds a document from JSON the way the XML loader shapes PCCE
// exports (see the data model in DESIGN.md and the loader): a single item is
// the root entity; a <results> list holds its items under the plural key; a
// bare available_features <accessList> is an array.
func newDoc(t *testing.T, kind rules.Kind, path, text string) *rules.Document {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("bad test JSON for %s: %v", path, err)
	}
	doc := &rules.Document{Path: path, Kind: kind, Format: rules.FormatXML, Root: root, Shape: rules.ShapeObject}
	plural := map[rules.Kind]string{
		rules.KindPCCERoles:          "roles",
		rules.KindPCCEAdministrators: "administrators",
		rules.KindPCCEFeatures:       "accessList",
	}[kind]
	var items []any
	base := ""
	switch r := root.(type) {
	case []any:
		doc.Shape, items = rules.ShapeArray, r
	case map[string]any:
		if list, ok := r[plural].([]any); ok {
			doc.Shape, items, base = rules.ShapeList, list, "/"+plural
		} else {
			doc.Entities = []rules.Entity{{Pointer: "", Value: r}}
		}
	}
	for i, v := range items {
		if m, ok := v.(map[string]any); ok {
			doc.Entities = append(doc.Entities, rules.Entity{Pointer: rules.PointerJoin(base, i), Value: m})
		}
	}
	return doc
}

// run runs a rule the way the engine does: Check per document of its
// kinds, or CheckSet once over all of them.
func run(t *testing.T, r *rules.Rule, opts *rules.Options, docs ...*rules.Document) []rules.Finding {
	t.Helper()
	var got []rules.Finding
	report := func(f rules.Finding) { got = append(got, f) }
	if r.CheckSet != nil {
		var mine []*rules.Document
		for _, d := range docs {
			if r.AppliesTo(d.Kind) {
				mine = append(mine, d)
			}
		}
		r.CheckSet(rules.NewSetPass(r, mine, opts, report))
		return got
	}
	for _, d := range docs {
		if r.AppliesTo(d.Kind) {
			r.Check(rules.NewPass(r, d, opts, report))
		}
	}
	return got
}

// want is the part of a finding a test asserts.
type want struct {
	path     string // "" means any
	pointer  string
	target   rules.Target
	severity rules.Severity
	message  []string // substrings the message must contain
}

func expect(t *testing.T, got []rules.Finding, wants ...want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, f := range got {
			t.Logf("got %s %s %q", f.Path, f.Pointer, f.Message)
		}
		t.Fatalf("got %d findings, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		f := got[i]
		if w.path != "" && f.Path != w.path {
			t.Errorf("finding %d: path %q, want %q", i, f.Path, w.path)
		}
		if f.Pointer != w.pointer || f.Target != w.target || f.Severity != w.severity {
			t.Errorf("finding %d: at %q target %d severity %v, want %q target %d severity %v",
				i, f.Pointer, f.Target, f.Severity, w.pointer, w.target, w.severity)
		}
		for _, s := range w.message {
			if !strings.Contains(f.Message, s) {
				t.Errorf("finding %d: message %q lacks %q", i, f.Message, s)
			}
		}
		if strings.Contains(f.Message, "\n") || f.Entity == "" {
			t.Errorf("finding %d: message must be one line and name its entity: %+v", i, f)
		}
	}
}

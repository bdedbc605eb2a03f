package finesse

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// docOf round-trips v through JSON with UseNumber, so numbers are
// json.Number as the loaders make them.
func docOf(t *testing.T, kind rules.Kind, v any) *rules.Document {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	d := &rules.Document{Path: "f", Kind: kind, Format: rules.FormatJSON, Root: root}
	switch r := root.(type) {
	case []any:
		d.Shape = rules.ShapeArray
		for i, e := range r {
			if m, ok := e.(map[string]any); ok {
				d.Entities = append(d.Entities, rules.Entity{Pointer: rules.PointerJoin("", i), Value: m})
			}
		}
	case map[string]any:
		d.Shape = rules.ShapeObject
		d.Entities = []rules.Entity{{Pointer: "", Value: r}}
	}
	return d
}

func run(r *rules.Rule, d *rules.Document, opts *rules.Options) []rules.Finding {
	var out []rules.Finding
	r.Check(rules.NewPass(r, d, opts, func(f rules.Finding) { out = append(out, f) }))
	return out
}

func wantOne(t *testing.T, fs []rules.Finding) rules.Finding {
	t.Helper()
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	return fs[0]
}

func wantNone(t *testing.T, fs []rules.Finding) {
	t.Helper()
	if len(fs) != 0 {
		t.Fatalf("got %d findings, want none: %+v", len(fs), fs)
	}
}

// TestRuleMetadata checks each rule is complete and documented.
func TestRuleMetadata(t *testing.T) {
	for _, r := range Rules {
		if !strings.HasPrefix(r.ID, "finesse/") || r.Title == "" || r.Check == nil || r.DefaultSeverity == 0 {
			t.Errorf("%s: incomplete rule", r.ID)
		}
		for _, s := range []string{"## Why", "## Bad", "## Good"} {
			if !strings.Contains(r.Doc, s) {
				t.Errorf("%s: doc lacks %q", r.ID, s)
			}
		}
		if got := strings.Contains(r.Doc, "\nInferred:"); got != r.Inferred {
			t.Errorf("%s: Inferred is %v but the doc's Inferred paragraph present is %v", r.ID, r.Inferred, got)
		}
		if r.Category == rules.CategorySecurity && (r.SecuritySeverity == 0 || len(r.Tags) == 0) {
			t.Errorf("%s: security rule without security-severity or tag", r.ID)
		}
	}
}

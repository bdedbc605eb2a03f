package cxone

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// scriptBuilder writes Studio scripts in the web Studio JSON form.
type scriptBuilder struct {
	actions  map[string]any
	props    map[string]map[string]any
	branches map[string][]any
}

func newScript() *scriptBuilder {
	return &scriptBuilder{actions: map[string]any{}, props: map[string]map[string]any{}, branches: map[string][]any{}}
}

func (b *scriptBuilder) act(id int, typ, label string) *scriptBuilder {
	b.actions[strconv.Itoa(id)] = map[string]any{"actionId": id, "name": typ, "label": label, "version": 1}
	return b
}

func (b *scriptBuilder) prop(id int, name string, value any) *scriptBuilder {
	k := strconv.Itoa(id)
	if b.props[k] == nil {
		b.props[k] = map[string]any{}
	}
	b.props[k][strconv.Itoa(len(b.props[k]))] = map[string]any{"name": name, "value": value}
	return b
}

// branch adds a branch; to may be an int (as exports write it) or a string.
func (b *scriptBuilder) branch(from int, to any, label string) *scriptBuilder {
	k := strconv.Itoa(from)
	typ := "branch"
	switch label {
	case "Default":
		typ = "default"
	case "1", "2", "3":
		typ = "case"
	}
	b.branches[k] = append(b.branches[k], map[string]any{"to": to, "label": label, "type": typ, "index": len(b.branches[k])})
	return b
}

func (b *scriptBuilder) root() map[string]any {
	return map[string]any{
		"header":     map[string]any{"scriptName": "Test", "mediaType": 4},
		"actions":    b.actions,
		"properties": b.props,
		"branches":   b.branches,
	}
}

func (b *scriptBuilder) doc(t *testing.T) *rules.Document { return docOf(t, b.root()) }

// docOf round-trips v through JSON with UseNumber, so numbers are
// json.Number exactly as the loader makes them.
func docOf(t *testing.T, v any) *rules.Document {
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
	d := &rules.Document{Path: "script.json", Kind: rules.KindCXoneScript, Shape: rules.ShapeObject, Format: rules.FormatJSON, Root: root}
	if m, ok := root.(map[string]any); ok {
		d.Entities = []rules.Entity{{Pointer: "", Value: m}}
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

func TestActionIDForms(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
		ok   bool
	}{
		{json.Number("12"), "12", true},
		{"12", "12", true},
		{" 7 ", "7", true},
		{12, "12", true},
		{12.0, "12", true},
		{json.Number("-1"), "", false},
		{"", "", false},
		{nil, "", false},
		{true, "", false},
		{12.5, "", false},
	} {
		got, ok := actionID(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("actionID(%#v) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestLessIDOrdersNumerically(t *testing.T) {
	ids := []string{"10", "b", "2", "a", "1"}
	sortIDs(ids)
	want := []string{"1", "2", "10", "a", "b"}
	for i := range ids {
		if ids[i] != want[i] {
			t.Fatalf("sorted %v, want %v", ids, want)
		}
	}
}

// Malformed scripts never panic and never hang, whatever rule reads them.
func TestMalformedScripts(t *testing.T) {
	roots := []any{
		nil, "text", []any{1, 2},
		map[string]any{},
		map[string]any{"actions": []any{"x"}},
		map[string]any{"actions": map[string]any{"1": "BEGIN"}, "branches": map[string]any{"1": "x"}},
		map[string]any{
			"actions":    map[string]any{"1": map[string]any{"name": 5}, "2": map[string]any{"name": "BEGIN"}},
			"branches":   map[string]any{"2": []any{"x", map[string]any{"to": map[string]any{}}, map[string]any{"to": 2}}, "9": []any{map[string]any{"to": 1}}},
			"properties": map[string]any{"2": []any{map[string]any{"name": "x", "value": []any{1, "{SecurityUser}"}}}, "1": "junk"},
		},
	}
	for _, root := range roots {
		d := docOf(t, root)
		for _, r := range Rules {
			run(r, d, nil)
		}
	}
}

package kinds_test

import (
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/testfiles"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Every entity of the repository's examples and test data, loaded by the
// real loaders, has the same label when projected onto its kind's
// LabelReads: the lists beside the Label funcs are complete. A projection
// that keeps everything is the document itself, and one that keeps nothing
// leaves the envelope whole.
func TestProjectionKeepsLabels(t *testing.T) {
	n := 0
	testfiles.Walk(t, source.Supported, func(path string, data []byte) {
		doc, _ := source.Load(path, data, source.Options{})
		if doc == nil || doc.Kind == "" || !doc.Data.Exists() {
			return
		}
		spec := kinds.Of(doc.Kind)
		reads := map[string]bool{}
		for _, k := range spec.LabelReads {
			reads[k] = true
		}
		labelled := kinds.Project(doc, func(k string) bool { return reads[k] })
		whole := kinds.Project(doc, func(string) bool { return true })
		if !reflect.DeepEqual(whole.Data.Any(), doc.Data.Any()) {
			t.Errorf("%s: a projection keeping every member differs", path)
		}
		if len(labelled.Entities) != len(doc.Entities) {
			t.Fatalf("%s: %d entities projected, want %d", path, len(labelled.Entities), len(doc.Entities))
		}
		for i, e := range doc.Entities {
			p := labelled.Entities[i]
			if p.Pointer != e.Pointer || p.Data.Kind() != e.Data.Kind() {
				t.Errorf("%s: entity %d projected as %s %s, want %s %s", path, i, p.Pointer, p.Data.Kind(), e.Pointer, e.Data.Kind())
				continue
			}
			if got, want := spec.LabelOf(p, i), spec.LabelOf(e, i); got != want {
				t.Errorf("%s: entity %s projected on %v is labelled %q, want %q", path, e.Pointer, spec.LabelReads, got, want)
			}
			for k := range p.Data.Members() {
				if !reads[k] {
					t.Errorf("%s: entity %s kept %q", path, e.Pointer, k)
				}
			}
			off, end := p.Data.Span()
			if o, e := e.Data.Span(); o != off || e != end {
				t.Errorf("%s: entity %d's span moved", path, i)
			}
		}
		n++
	}, "../../examples", "../../testdata")
	if n < 100 {
		t.Errorf("projected %d documents, want the repository's hundreds", n)
	}
}

func TestFactKeep(t *testing.T) {
	set := &rules.Rule{ID: "a", Kinds: []rules.Kind{rules.KindTenantUsers}, CheckSet: func(*rules.SetPass) {}, Facts: []string{"roles"}}
	whole := &rules.Rule{ID: "b", Kinds: []rules.Kind{rules.KindPCCERoles}, CheckSet: func(*rules.SetPass) {}}
	when := &rules.Rule{ID: "c", CheckSet: func(*rules.SetPass) {}, Facts: []string{},
		WholeWhen: func(o *rules.Options) bool { return len(o.AccessPolicies) > 0 }}
	perDoc := &rules.Rule{ID: "d", Check: func(*rules.Pass) {}}
	rs := []*rules.Rule{set, whole, when, perDoc}
	keep, ok := kinds.FactKeep(rs, rules.KindTenantUsers, nil)
	if !ok {
		t.Fatal("tenant users need whole documents")
	}
	for k, want := range map[string]bool{"roles": true, "email": true, "displayName": true, "id": true, "name": true, "isParent": false, "x": false} {
		if keep(k) != want {
			t.Errorf("keep(%q) = %v, want %v", k, !want, want)
		}
	}
	if _, ok := kinds.FactKeep(rs, rules.KindPCCERoles, nil); ok {
		t.Error("a rule with nil Facts allowed windows")
	}
	if _, ok := kinds.FactKeep(rs, rules.KindTenantUsers, &rules.Options{AccessPolicies: []rules.AccessPolicy{{Capability: "x"}}}); ok {
		t.Error("WholeWhen was not asked")
	}
}

package schemacheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// listKey is where each kind's list envelope keeps its entities.
var listKey = map[rules.Kind]string{
	rules.KindWebexUserProfile:   "data",
	rules.KindTenantUsers:        "data",
	rules.KindPCCERoles:          "roles",
	rules.KindPCCEAdministrators: "administrators",
	rules.KindPCCEFeatures:       "accessList",
}

// document builds a document of the given kind and shape from JSON (the
// data model, also for the XML kinds), with Entities where the loaders put
// them.
func document(t testing.TB, kind rules.Kind, shape rules.Shape, src string) *rules.Document {
	t.Helper()
	root := tree.FromAny(jsontest.Decode(t, src)).Root()
	doc := &rules.Document{Path: "test", Kind: kind, Shape: shape, Format: rules.FormatJSON, Data: root}
	switch kind {
	case rules.KindPCCERoles, rules.KindPCCEAdministrators, rules.KindPCCEFeatures, rules.KindFinesseReasonCodes:
		doc.Format = rules.FormatXML
	}
	add := func(ptr string, v tree.Value) {
		if v.IsObject() {
			doc.Entities = append(doc.Entities, rules.Entity{Pointer: ptr, Data: v})
		}
	}
	switch shape {
	case rules.ShapeObject:
		add("", root)
	case rules.ShapeArray:
		for i, v := range root.Elems() {
			add(fmt.Sprintf("/%d", i), v)
		}
	case rules.ShapeList:
		for i, v := range root.Get(listKey[kind]).Elems() {
			add(fmt.Sprintf("/%s/%d", listKey[kind], i), v)
		}
	case rules.ShapeBulk:
		for i, v := range root.Get("items").Elems() {
			if v.IsObject() {
				add(fmt.Sprintf("/items/%d/item", i), v.Get("item"))
			}
		}
	}
	return doc
}

// lines renders findings as "pointer [key]: message" for comparison.
func lines(fs []rules.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		target := ""
		if f.Target == rules.TargetKey {
			target = " [key]"
		}
		out[i] = f.Pointer + target + ": " + f.Message
	}
	return out
}

func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings differ\n--- got\n%s\n--- want\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package schemacheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/internal/source"
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
	root := jsontest.Decode(t, src)
	doc := &rules.Document{Path: "test", Kind: kind, Shape: shape, Format: rules.FormatJSON, Root: root}
	switch kind {
	case rules.KindPCCERoles, rules.KindPCCEAdministrators, rules.KindPCCEFeatures, rules.KindFinesseReasonCodes:
		doc.Format = rules.FormatXML
	}
	add := func(ptr string, v any) {
		if m, ok := v.(map[string]any); ok {
			doc.Entities = append(doc.Entities, rules.Entity{Pointer: ptr, Value: m})
		}
	}
	switch shape {
	case rules.ShapeObject:
		add("", root)
	case rules.ShapeArray:
		arr, _ := root.([]any)
		for i, v := range arr {
			add(fmt.Sprintf("/%d", i), v)
		}
	case rules.ShapeList:
		m, _ := root.(map[string]any)
		arr, _ := m[listKey[kind]].([]any)
		for i, v := range arr {
			add(fmt.Sprintf("/%s/%d", listKey[kind], i), v)
		}
	case rules.ShapeBulk:
		m, _ := root.(map[string]any)
		arr, _ := m["items"].([]any)
		for i, v := range arr {
			if item, ok := v.(map[string]any); ok {
				add(fmt.Sprintf("/items/%d/item", i), item["item"])
			}
		}
	}
	source.AttachTree(doc) // the labels and the rules read the compact model
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

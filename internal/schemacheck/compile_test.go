package schemacheck

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/schemas"
)

// shapesOf is the shapes detection gives a kind's documents, read from its
// spec as internal/source reads it: Object when a root entity is recognised
// (IsEntity, a bare XML entity), Array when a root array of entities or a
// bare XML collection is, and each envelope's shape.
func shapesOf(s *kinds.Spec) []rules.Shape {
	var out []rules.Shape
	if s.IsEntity != nil || s.XML != nil && s.XML.BareEntity {
		out = append(out, rules.ShapeObject)
	}
	if s.EntityArrays || s.XML != nil && s.XML.BareCollection {
		out = append(out, rules.ShapeArray)
	}
	for _, e := range s.Envelopes {
		out = append(out, e.Shape)
	}
	return out
}

// allShapes are the shapes a schema may define, as <shape> and
// <shape>-envelope.
var allShapes = []rules.Shape{rules.ShapeObject, rules.ShapeArray, rules.ShapeList, rules.ShapeBulk, rules.ShapeItem}

func TestEverySchemaCompiles(t *testing.T) {
	for _, k := range kinds.Names() {
		ls := bySchema[k]
		if k == rules.KindFinesseIntegration {
			if ls != nil {
				t.Errorf("%s: has a schema, but its documents are any JSON or YAML", k)
			}
			continue
		}
		if ls == nil {
			t.Errorf("%s: no schema file", k)
			continue
		}
		c, err := ls.get()
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		if id, _ := c.raw.(map[string]any)["$id"].(string); id != c.url {
			t.Errorf("%s: $id %q, want %q", k, id, c.url)
		}
		if _, err := c.library(); err != nil {
			t.Errorf("%s: %v", k, err)
		}
		if !c.defs["entity"] {
			t.Errorf("%s: no entity definition", k)
		}
		// Every shape the kind has is defined, and no other: a definition
		// of a shape detection never gives the kind is never used.
		has := shapesOf(kinds.Of(k))
		for _, s := range allShapes {
			want := slices.Contains(has, s)
			if want && !c.defs[string(s)] {
				t.Errorf("%s: no definition for shape %s", k, s)
			}
			for _, def := range []string{string(s), string(s) + "-envelope"} {
				if !want && c.defs[def] {
					t.Errorf("%s: defines %s, but detection never gives it the %s shape", k, def, s)
				}
			}
		}
	}
}

// TestSchemaFilesAreKinds keeps the embedded directory and the kind list in
// step: a schema file no kind uses is dead weight. The configuration file's
// schema (internal/config) is the one other file.
func TestSchemaFilesAreKinds(t *testing.T) {
	entries, err := schemas.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "rbaclint-config.schema.json" {
			continue
		}
		kind := rules.Kind(strings.TrimSuffix(e.Name(), ".schema.json"))
		if bySchema[kind] == nil {
			t.Errorf("%s: not the schema of any kind", e.Name())
		}
	}
}

// TestExternalReferencesAreRefused: schemas compile without disk or
// network, even when a schema points elsewhere.
func TestExternalReferencesAreRefused(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.json")
	if err := os.WriteFile(other, []byte(`{"type": "string"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"file://" + filepath.ToSlash(other), "https://example.com/other.json", "other.json"} {
		src, _ := json.Marshal(map[string]any{
			"$schema": "https://json-schema.org/draft/2020-12/schema",
			"$defs":   map[string]any{"entity": map[string]any{"$ref": ref}},
		})
		c, err := compile("https://github.com/rbaclint/rbaclint/schemas/test.schema.json", src)
		if err == nil {
			_, err = c.library()
		}
		if err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("$ref %s: want a refusal, got %v", ref, err)
		}
	}
}

func TestKindWithoutSchemaIsNeverCompiled(t *testing.T) {
	doc := document(t, rules.KindFinesseIntegration, rules.ShapeObject, `{"url": "https://h/finesse/api/ReasonCodes"}`)
	if fs := Validate(doc, nil); fs != nil {
		t.Errorf("want nothing, got %v", lines(fs))
	}
	if fs := Validate(nil, nil); fs != nil {
		t.Errorf("nil document: want nothing, got %v", lines(fs))
	}
}

// TestLibraryOnlyWhenNeeded: a value the fast check proves valid never makes
// the validator library compile the schema (the largest fixed cost of a
// small file's run); an invalid one does, for the wording.
func TestLibraryOnlyWhenNeeded(t *testing.T) {
	file := kinds.TenantUsers.Schema
	data, _ := fs.ReadFile(schemas.FS, file)
	c, err := compile(baseURL+file, data)
	if err != nil {
		t.Fatal(err)
	}
	clean := document(t, rules.KindTenantUsers, rules.ShapeObject, `{"email": "a@b.io", "displayName": "A B", "roles": ["user.admin"]}`)
	v := &validator{doc: clean, c: c}
	if fs := finish(clean.Path, v.run(v.plan(nil))); len(fs) != 0 {
		t.Fatalf("clean user: got %v", lines(fs))
	}
	if c.libraryCompiled.Load() {
		t.Error("a clean document compiled the library")
	}
	bad := document(t, rules.KindTenantUsers, rules.ShapeObject, `{"email": 7}`)
	v = &validator{doc: bad, c: c}
	if fs := finish(bad.Path, v.run(v.plan(nil))); len(fs) == 0 {
		t.Fatal("invalid user: no findings")
	}
	if !c.libraryCompiled.Load() {
		t.Error("an invalid document was worded without the library")
	}
}

package schemacheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/rbaclint/rbaclint/internal/corpus"
	"github.com/rbaclint/rbaclint/internal/source"
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
		lib, err := c.library()
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		for name := range c.defs {
			if _, err := lib.schema(name); err != nil {
				t.Errorf("%s: %s: %v", k, name, err)
			}
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
		var lib *library
		if err == nil {
			lib, err = c.library()
		}
		if err == nil {
			_, err = lib.schema("entity")
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

// TestDefinitionOnlyAgrees holds each definition compiled from its cut-down
// file (definitionOnly) to the same definition compiled from the whole
// file: on generated entities and their mutations, both give the same
// errors, with the same keyword and instance locations.
func TestDefinitionOnlyAgrees(t *testing.T) {
	for _, e := range []corpus.Export{corpus.WebexProfiles, corpus.TenantUsers, corpus.PCCERoles} {
		data, err := corpus.Generate(corpus.Medium, e)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := source.Load(string(e), data, source.Options{})
		values := []any{doc.Data.Any()}
		for i, ent := range doc.Entities[:min(len(doc.Entities), 3)] {
			obj, _ := ent.Data.Any().(map[string]any)
			values = append(values, obj)
			if i == 0 {
				values = append(values, mutations(obj)...)
			}
		}
		if len(values) < 10 {
			t.Fatalf("%s: only %d values", e, len(values))
		}
		file := kinds.Of(doc.Kind).Schema
		src, _ := fs.ReadFile(schemas.FS, file)
		url := baseURL + file
		var top map[string]any
		if err := json.Unmarshal(src, &top); err != nil {
			t.Fatal(err)
		}
		if !onlyLocalRefs(top) {
			t.Fatalf("%s: the schema is compiled whole; this test needs one that is cut down", file)
		}
		defs := top["$defs"].(map[string]any)
		for name := range defs {
			whole, err := compileDefinition(url, src, name)
			if err != nil {
				t.Fatal(err)
			}
			cut, err := compileDefinition(url, definitionOnly(top, defs, name), name)
			if err != nil {
				t.Fatalf("%s: %s cut down: %v", file, name, err)
			}
			for i, v := range values {
				a, b := errorTree(whole.Validate(v)), errorTree(cut.Validate(v))
				if a != b {
					t.Errorf("%s: %s, value %d: whole file gives\n%s\ncut down gives\n%s", file, name, i, a, b)
				}
			}
		}
	}
}

// errorTree prints a validation error with every cause and location. The
// library lists unexpected properties in map order, so each message's words
// are sorted.
func errorTree(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Sprint(err)
	}
	var b strings.Builder
	var walk func(e *jsonschema.ValidationError, depth int)
	walk = func(e *jsonschema.ValidationError, depth int) {
		words := strings.Fields(strings.ReplaceAll(e.Message, ",", " "))
		slices.Sort(words)
		fmt.Fprintf(&b, "%*s%s %s %s %q\n", depth*2, "", e.KeywordLocation, e.AbsoluteKeywordLocation, e.InstanceLocation, words)
		for _, c := range e.Causes {
			walk(c, depth+1)
		}
	}
	walk(ve, 0)
	return b.String()
}

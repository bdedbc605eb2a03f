package schemacheck

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/corpus"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// TestFastCompiles checks that the fast check covers the schemas of the
// big exports (a schema it cannot handle silently loses the speed-up).
func TestFastCompiles(t *testing.T) {
	for _, k := range []rules.Kind{rules.KindWebexUserProfile, rules.KindTenantUsers, rules.KindPCCERoles, rules.KindPCCEAdministrators} {
		c, err := bySchema[k].get()
		if err != nil {
			t.Fatal(err)
		}
		if c.fast == nil {
			t.Errorf("%s: the fast check does not handle this schema", k)
		}
	}
}

// fastAgrees checks, for every definition of the document's schema, that
// the fast check and the library give the same answer. It returns how many
// values both found valid.
func fastAgrees(t *testing.T, where string, kind rules.Kind, values map[string]tree.Value) (both int) {
	t.Helper()
	for ptr, v := range values {
		if hasUncheckable(v) {
			continue // reported, never checked (numbers.go)
		}
		compareFast(t, kind, v, func(def string, fast, lib bool) {
			switch {
			case fast && !lib:
				t.Errorf("%s%s against %s: fast check says valid, the library does not", where, ptr, def)
			case !fast && lib:
				t.Errorf("%s%s against %s: fast check says invalid, the library says valid", where, ptr, def)
			case fast:
				both++
			}
		})
	}
	return both
}

// compareFast gives v to the fast check and to the library (as its map
// form) against every definition of kind's schema that the fast check
// compiled, in name order, and hands both answers to fn.
func compareFast(t testing.TB, kind rules.Kind, v tree.Value, fn func(def string, fast, lib bool)) {
	t.Helper()
	ls := bySchema[kind]
	if ls == nil {
		return
	}
	c, err := ls.get()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := c.library()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(c.defs))
	for name := range c.defs {
		names = append(names, name)
	}
	sort.Strings(names)
	value := v.Any()
	for _, name := range names {
		if f := c.fast[name]; f != nil {
			fn(name, f.check(v, 0), safeValidate(lib, name, value))
		}
	}
}

func safeValidate(lib *library, name string, v any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	s, err := lib.schema(name)
	return err == nil && s.Validate(v) == nil
}

// valuesOf returns the root, every entity and every value one level below
// an entity (so that definitions of parts get exercised too).
func valuesOf(doc *rules.Document) map[string]tree.Value {
	out := map[string]tree.Value{"": doc.Data}
	for _, e := range doc.Entities {
		out[e.Pointer] = e.Data
		for k, v := range e.Data.Members() {
			out[e.Pointer+"/"+k] = v
			for i, x := range v.Elems() {
				if i < 3 {
					out[e.Pointer+"/"+k+"/"+string(rune('0'+i))] = x
				}
			}
		}
	}
	return out
}

// TestFastAgreesOnFixtures runs the comparison over every fixture and
// example.
func TestFastAgreesOnFixtures(t *testing.T) {
	n := 0
	for _, dir := range []string{"../../testdata", "../../examples"} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !source.Supported(path) {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			doc, _ := source.Load(path, data, source.Options{})
			if doc == nil || doc.Kind == "" {
				return nil
			}
			fastAgrees(t, path+"#", doc.Kind, valuesOf(doc))
			n++
			return nil
		})
	}
	if n < 20 {
		t.Errorf("only %d fixtures checked", n)
	}
}

// TestFastAgreesOnMutations breaks generated entities in the ways exports
// break (a member dropped, retyped, lengthened, duplicated or added) and
// compares the two answers on each.
func TestFastAgreesOnMutations(t *testing.T) {
	perExport := 4
	if testing.Short() {
		perExport = 2
	}
	for _, e := range []corpus.Export{corpus.WebexProfiles, corpus.TenantUsers, corpus.PCCERoles} {
		data, err := corpus.Generate(corpus.Medium, e)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := source.Load(string(e), data, source.Options{})
		values := map[string]tree.Value{"": doc.Data}
		for i, ent := range doc.Entities {
			if i >= perExport {
				break
			}
			values[ent.Pointer] = ent.Data
			for j, m := range mutations(ent.Data.Map()) {
				values[ent.Pointer+"~mut"+string(rune('a'+j%26))+strings.Repeat("'", j/26)] = tree.FromAny(m).Root()
			}
		}
		both := fastAgrees(t, string(e)+"#", doc.Kind, values)
		t.Logf("%s: %d values; %d (value, definition) pairs valid", e, len(values), both)
	}
}

// mutations returns copies of obj, each broken (or not) in one way.
func mutations(obj map[string]any) []any {
	var out []any
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	clone := func() map[string]any {
		c := make(map[string]any, len(obj))
		for k, v := range obj {
			c[k] = v
		}
		return c
	}
	replacements := []any{
		nil, true, "", "x", strings.Repeat("long name ", 30), "bad/char", "UNKNOWN_VALUE",
		json.Number("0"), json.Number("-1"), json.Number("1.5"), json.Number("1e3"), json.Number("99999999999"),
		json.Number("99999999999999999999999"), []any{}, []any{"a", "a"}, map[string]any{},
	}
	for _, k := range keys {
		c := clone()
		delete(c, k)
		out = append(out, c)
		for _, r := range replacements {
			c := clone()
			c[k] = r
			out = append(out, c)
		}
		if arr, ok := obj[k].([]any); ok && len(arr) > 0 {
			c := clone()
			c[k] = append(append([]any{}, arr...), arr[0]) // a duplicate element
			out = append(out, c)
			if m, ok := arr[0].(map[string]any); ok {
				for mk := range m {
					for _, r := range replacements[:10] {
						cm := make(map[string]any, len(m))
						for kk, vv := range m {
							cm[kk] = vv
						}
						cm[mk] = r
						c := clone()
						c[k] = append([]any{cm}, arr[1:]...)
						out = append(out, c)
					}
				}
			}
		}
	}
	c := clone()
	c["unexpectedMember"] = "x"
	out = append(out, c)
	out = append(out, "a string", json.Number("1"), []any{obj}, nil)
	return out
}

package schemacheck

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// FuzzValidate feeds arbitrary JSON to every kind and shape: whatever the
// input, Validate returns findings that point into the document and never
// panics.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{seedProfile, seedRole, validAdmin, validReasonCodes, validScript,
		`{"data": [1, {"name": "a.b"}]}`, `{"items": [{"item": {"version": 1e400}}]}`, `[{"code": "x", "#text": "y"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var root any
		if dec.Decode(&root) != nil {
			return
		}
		for _, k := range kinds.Names() {
			for _, s := range []rules.Shape{rules.ShapeObject, rules.ShapeArray, rules.ShapeList, rules.ShapeBulk} {
				doc := document(t, k, s, string(data))
				for _, fd := range Validate(doc, rules.NewOptions(map[*rules.Option]any{kinds.FinessePlatform: "uccx"})) {
					if fd.RuleID == rules.IDLimit {
						continue
					}
					if _, ok := rules.SplitPointer(fd.Pointer); !ok {
						t.Fatalf("%s/%s: finding pointer %q is malformed", k, s, fd.Pointer)
					} else if !doc.Data.At(fd.Pointer).Exists() {
						t.Fatalf("%s/%s: finding %q points at %q, which is not in the document", k, s, fd.Message, fd.Pointer)
					}
				}
			}
		}
	})
}

// FuzzFastAgrees holds the fast checker to the library on arbitrary JSON:
// the same value goes to both, against every definition of every kind's
// schema, and they must agree in both directions (the checker is exact for
// the keywords it compiles; fast.go).
func FuzzFastAgrees(f *testing.F) {
	for _, s := range []string{seedProfile, seedRole, validAdmin, validReasonCodes, validScript,
		`{"name": "a", "profileType": "STANDARD_AGENT", "permissions": [{"name": "x", "access": "EDIT"}, {"name": "x", "access": "EDIT"}]}`,
		`{"email": "a@b.c", "roles": ["customer.user", "customer.user"], "id": 1e2}`,
		`{"name": "R", "accessList": [{"name": "agent"}], "changeStamp": -0, "systemDefined": "true"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var x any
		if dec.Decode(&x) != nil {
			return
		}
		v := tree.FromAny(x).Root()
		if hasUncheckable(v) {
			return // reported, never checked (numbers.go)
		}
		for _, k := range kinds.Names() {
			compareFast(t, k, v, func(def string, fast, lib bool) {
				if fast != lib {
					t.Fatalf("%s %s: the fast check says valid=%v, the library valid=%v, for %s", k, def, fast, lib, data)
				}
			})
		}
	})
}

package schemacheck

import (
	"bytes"
	"encoding/json"
	"testing"

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
					if toks, ok := rules.SplitPointer(fd.Pointer); !ok {
						t.Fatalf("%s/%s: finding pointer %q is malformed", k, s, fd.Pointer)
					} else if _, ok := rules.Lookup(doc.Root, toks); !ok {
						t.Fatalf("%s/%s: finding %q points at %q, which is not in the document", k, s, fd.Message, fd.Pointer)
					}
				}
			}
		}
	})
}

// FuzzFastAgrees holds the fast checker to the library: the same mutated
// value goes to both, against every definition of every kind's schema, and
// the fast path must never call valid what the library rejects ("valid" is
// the only answer of the fast path that is trusted).
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
		var v any
		if dec.Decode(&v) != nil || hasUncheckable(v) {
			return
		}
		for _, k := range kinds.Names() {
			compareFast(t, k, v, func(def string, fast verdict, lib bool) {
				if fast == valid && !lib {
					t.Fatalf("%s %s: the fast check calls %s valid; the library rejects it", k, def, data)
				}
			})
		}
	})
}

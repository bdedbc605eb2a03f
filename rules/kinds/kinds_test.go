package kinds

import (
	"io/fs"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/schemas"
)

// TestSpecsAreConsistent checks what the loaders and the validator assume
// of every spec, so that a new kind or shape that breaks it fails here
// rather than as a document that silently loads without entities.
func TestSpecsAreConsistent(t *testing.T) {
	seen := map[rules.Kind]bool{}
	for _, s := range All() {
		if s.Name == "" || seen[s.Name] {
			t.Fatalf("kind %q: empty or listed twice", s.Name)
		}
		seen[s.Name] = true
		if Of(s.Name) != s {
			t.Errorf("%s: Of does not find it", s.Name)
		}
		if len(s.Identity) == 0 {
			t.Errorf("%s: no identity keys for fingerprints", s.Name)
		}
		if s.IsEntity == nil && s.XML == nil && s.Matches == nil {
			t.Errorf("%s: nothing detects it", s.Name)
		}
		if s.EntityArrays && s.IsEntity == nil {
			t.Errorf("%s: EntityArrays needs IsEntity", s.Name)
		}
		for _, e := range s.Envelopes {
			if e.Shape != rules.ShapeList && e.Shape != rules.ShapeBulk && e.Shape != rules.ShapeItem || e.Member == "" {
				t.Errorf("%s: envelope %+v: want a list, bulk or item shape on a member", s.Name, e)
			}
			if (e.Shape == rules.ShapeItem) != e.Single || e.Single && (e.Detect == nil || e.Item != "") {
				t.Errorf("%s: envelope %+v: the item shape holds one entity (Single), recognised by Detect", s.Name, e)
			}
		}
		if s.Schema != "" {
			if _, err := fs.Stat(schemas.FS, s.Schema); err != nil {
				t.Errorf("%s: schema file: %v", s.Name, err)
			}
		}
		if x := s.XML; x != nil {
			if x.Entity == "" || x.Collection == "" {
				t.Errorf("%s: XML needs an entity and a collection element", s.Name)
			}
			// An XML list is read into {collection: [...]}, the same model
			// as a JSON document of the kind's list envelope.
			if x.Results != nil {
				if e := s.EnvelopeOf(rules.ShapeList); e == nil || e.Member != x.Collection || e.Item != "" {
					t.Errorf("%s: an XML <%s> list needs a list envelope on %q", s.Name, x.Results.Tag, x.Collection)
				}
			}
		}
	}
}

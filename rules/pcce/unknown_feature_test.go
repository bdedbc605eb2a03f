package pcce

import "testing"

func TestCatalogStatus(t *testing.T) {
	c := mustCatalog(catalogJSON)
	if len(c.BuiltinRoles) != 4 || len(c.ReservedFeatures) != 3 || len(c.Subfeatures) != 4 {
		t.Errorf("catalog sizes: %d built-in roles, %d reserved, %d subfeatures", len(c.BuiltinRoles), len(c.ReservedFeatures), len(c.Subfeatures))
	}
	known := newFeatureSet(c.knownNames())
	for _, f := range c.KnownFeatures {
		if f.Status != "confirmed" && f.Status != "inferred" {
			t.Errorf("feature %q: status %q, want confirmed or inferred", f.Name, f.Status)
		}
	}
	// Every name a rule treats specially must be a known feature too.
	for _, n := range c.ReservedFeatures {
		if !known.has(n) {
			t.Errorf("reserved feature %q is not in knownFeatures", n)
		}
	}
	for _, s := range c.Subfeatures {
		if !known.has(s.Name) || s.API == "" || s.Items == "" {
			t.Errorf("subfeature %+v incomplete or not in knownFeatures", s)
		}
	}
	for _, r := range c.BuiltinRoles {
		if r.Name == "" || r.Allows == "" {
			t.Errorf("built-in role %+v incomplete", r)
		}
	}
}

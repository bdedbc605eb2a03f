package pcce

import (
	"strings"
	"testing"
)

func TestCatalogStatus(t *testing.T) {
	c := builtin()
	if len(c.BuiltinRoles) != 4 || len(c.ReservedFeatures) != 3 || len(c.Subfeatures) != 4 {
		t.Errorf("catalog sizes: %d built-in roles, %d reserved, %d subfeatures", len(c.BuiltinRoles), len(c.ReservedFeatures), len(c.Subfeatures))
	}
	known := newFeatureSet(c.knownNames())
	for _, f := range append(c.KnownFeatures, c.KnownCategories...) {
		if c.StatusSources[f.Status] == "" {
			t.Errorf("feature or category %q: status %q has no source in statusSources", f.Name, f.Status)
		}
	}
	for _, want := range []string{"confirmed", "inferred", "reported"} {
		if c.StatusSources[want] == "" {
			t.Errorf("statusSources has no %q", want)
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
		for _, sp := range s.Spellings {
			if got, ok := c.subfeatureNamed(strings.ToUpper(sp)); !ok || got.Name != s.Name || !known.has(sp) {
				t.Errorf("spelling %q of subfeature %s: not found case-insensitively, or not in knownFeatures", sp, s.Name)
			}
		}
	}
	for _, r := range c.BuiltinRoles {
		if r.Name == "" || r.Allows == "" {
			t.Errorf("built-in role %+v incomplete", r)
		}
	}
}

package pcce

import (
	"strings"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// The PCCE facts the rules rely on are data (catalog.json), not code, so
// that they can be reviewed against the vendor documentation and extended
// without touching a rule (see domain/pcce-cxone-finesse.md §1.5).
type catalog struct {
	StatusSources    map[string]string `json:"statusSources"` // where each status's names come from
	BuiltinRoles     []builtinRole     `json:"builtinRoles"`
	ReservedFeatures []string          `json:"reservedFeatures"`
	KnownFeatures    []knownFeature    `json:"knownFeatures"`
	KnownCategories  []knownFeature    `json:"knownCategories"`
	Subfeatures      []subfeature      `json:"subfeatures"`
}

// builtinRole is one of the four system-defined roles.
type builtinRole struct {
	Name   string `json:"name"`
	Allows string `json:"allows"` // what the role gives full access to
}

// knownFeature is a feature (or category) name believed to exist in
// available_features.
type knownFeature struct {
	Name string `json:"name"`
	// Status is "confirmed" (a vendor page), "inferred" (from the API's item
	// types) or "reported" (seen in real exports, per issue 12, with no public
	// source); statusSources says which source each stands for.
	Status string `json:"status"`
}

// subfeature turns an API into update-only access when a custom role enables it.
type subfeature struct {
	Name      string   `json:"name"`      // as the Role API notes spell it
	Spellings []string `json:"spellings"` // other names it is reported under
	API       string   `json:"api"`       // the API that becomes update-only
	Items     string   `json:"items"`     // what can no longer be created or deleted
}

// builtin is the embedded catalog.
var builtin = rules.LazyJSON[*catalog](files, "catalog.json", nil)

// knownFeatures is the built-in feature set of a run that configures no
// extra names (the usual case), built once and shared read-only.
var knownFeatures = sync.OnceValue(func() *featureSet { return newFeatureSet(builtin().knownNames()) })

// builtinRoleNamed returns the built-in role with that name, case-insensitive.
func (c *catalog) builtinRoleNamed(name string) (builtinRole, bool) {
	for _, r := range c.BuiltinRoles {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return builtinRole{}, false
}

// isReserved reports whether only SystemAdmin may hold the feature.
func (c *catalog) isReserved(feature string) bool {
	for _, f := range c.ReservedFeatures {
		if strings.EqualFold(f, feature) {
			return true
		}
	}
	return false
}

// subfeatureNamed returns the update-only subfeature with that name or one
// of its spellings, case-insensitive.
func (c *catalog) subfeatureNamed(name string) (subfeature, bool) {
	for _, s := range c.Subfeatures {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
		for _, sp := range s.Spellings {
			if strings.EqualFold(sp, name) {
				return s, true
			}
		}
	}
	return subfeature{}, false
}

// isCategory reports whether name is a known feature category,
// case-insensitive.
func (c *catalog) isCategory(name string) bool {
	for _, k := range c.KnownCategories {
		if strings.EqualFold(k.Name, name) {
			return true
		}
	}
	return false
}

// knownNames lists the built-in known feature names.
func (c *catalog) knownNames() []string {
	names := make([]string, len(c.KnownFeatures))
	for i, f := range c.KnownFeatures {
		names[i] = f.Name
	}
	return names
}

// featureSet is a case-insensitive set of feature names that keeps the
// spelling first seen, for "did you mean" suggestions.
type featureSet struct {
	lower map[string]bool
	names []string
	// suggest is the vocabulary of names, built on the first suggestion,
	// once every name is added.
	suggest func() *rules.Vocabulary
}

func newFeatureSet(lists ...[]string) *featureSet {
	s := &featureSet{lower: map[string]bool{}}
	s.suggest = sync.OnceValue(func() *rules.Vocabulary { return rules.NewVocabulary(s.names) })
	for _, l := range lists {
		for _, n := range l {
			s.add(n)
		}
	}
	return s
}

func (s *featureSet) add(name string) {
	k := strings.ToLower(name)
	if name == "" || s.lower[k] {
		return
	}
	s.lower[k] = true
	s.names = append(s.names, name)
}

func (s *featureSet) has(name string) bool { return s.lower[strings.ToLower(name)] }

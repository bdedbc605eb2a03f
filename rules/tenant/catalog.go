package tenant

import (
	"embed"
	"errors"
	"sort"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// The role catalog and the French-to-English key segments are data, kept
// with their sources, so that correcting a reconstructed key means editing
// JSON, not code.
//
//go:embed data/*.json
var data embed.FS

// Role is one catalog entry.
type Role struct {
	Key           string   `json:"key"`
	Name          string   `json:"name"`
	Group         string   `json:"group"` // user-access, supervisor, permission, client, reseller; custom for configured roles
	Prerequisites []string `json:"prerequisites"`
	Exclusive     string   `json:"exclusive,omitempty"` // at most one role of this group per user
	Rank          int      `json:"rank,omitempty"`      // within Exclusive: a higher rank includes the lower ones
	Chargeable    bool     `json:"chargeable,omitempty"`
	ReadOnly      bool     `json:"readOnly,omitempty"`  // the vendor's Read Only tick: not assigned by hand
	Level         string   `json:"level,omitempty"`     // "account": reseller-level, only on parent users
	Region        string   `json:"region,omitempty"`    // a regional variant ("uk")
	StandsFor     []string `json:"standsFor,omitempty"` // roles whose place this one takes as a prerequisite
	Status        string   `json:"status"`              // confirmed, reconstructed or custom
	Source        string   `json:"source"`
}

// reseller reports whether only parent (reseller-level) users hold the role.
func (r *Role) reseller() bool { return r.Level == "account" }

type roleFile struct {
	Roles []*Role `json:"roles"`
}

type translationFile struct {
	Segments map[string]string `json:"segments"`
}

// The embedded data is parsed on first use, not at start-up: a run that
// meets no tenant export never pays for it.
var (
	roleData = rules.LazyJSON(data, "data/roles.json", func(f *roleFile) error {
		if len(f.Roles) == 0 {
			return errors.New("no roles")
		}
		return nil
	})
	translationData = rules.LazyJSON(data, "data/translations.json", func(f *translationFile) error {
		// Keyed by folded French segment, the form lookups use.
		m := make(map[string]string, len(f.Segments))
		for fr, en := range f.Segments {
			m[fold(fr)] = en
		}
		f.Segments = m
		return nil
	})
)

func builtinRoles() []*Role { return roleData().Roles }

// segments returns the translation table keyed by folded French segment.
func segments() map[string]string { return translationData().Segments }

// catalog is the built-in roles plus the configured ones, indexed.
type catalog struct {
	roles  map[string]*Role
	folded map[string]string // fold(key) → key, only where unambiguous
	keys   []string          // sorted, for suggestions
	// candidates are the keys a user may hold: [1] a parent-tenant user,
	// [0] any other; sorted.
	candidates [2][]string

	// corrections keeps correct's answers: an export repeats the same
	// unknown key thousands of times, and several rules ask about each.
	mu          sync.Mutex
	corrections map[correctionQuestion]correctionAnswer
}

// builtinCatalog is the catalog of a run that configures no roles (the
// usual case), built once and shared read-only by every rule and document.
var builtinCatalog = sync.OnceValue(func() *catalog { return buildCatalog(nil) })

// catalogFor returns the catalog a run sees. A configured role with a
// built-in key replaces that entry's name and prerequisites, so a user can
// correct a reconstructed entry without waiting for a release.
func catalogFor(opts *rules.Options) *catalog {
	custom := customRoles(opts)
	if len(custom) == 0 {
		return builtinCatalog()
	}
	return buildCatalog(custom)
}

// customRole is an entry of catalog.tenant.roles.
type customRole struct {
	Key           string
	Name          string
	Prerequisites []string
}

// customRoles reads catalog.tenant.roles (the configuration schema has
// checked its entries).
func customRoles(opts *rules.Options) []customRole {
	var out []customRole
	for _, r := range opts.Records(rolesOption) {
		key, _ := r["key"].(string)
		name, _ := r["name"].(string)
		var pre []string
		switch v := r["prerequisites"].(type) {
		case []string:
			pre = v
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					pre = append(pre, s)
				}
			}
		}
		out = append(out, customRole{Key: key, Name: name, Prerequisites: pre})
	}
	return out
}

func buildCatalog(custom []customRole) *catalog {
	builtin := builtinRoles()
	c := &catalog{roles: make(map[string]*Role, len(builtin))}
	for _, r := range builtin {
		c.roles[r.Key] = r
	}
	for _, tr := range custom {
		if tr.Key == "" {
			continue
		}
		r := &Role{Key: tr.Key, Name: tr.Name, Group: "custom", Status: "custom", Source: "configuration"}
		if old, ok := c.roles[tr.Key]; ok {
			copied := *old
			r = &copied
			if tr.Name != "" {
				r.Name = tr.Name
			}
			r.Source = "configuration (overrides the built-in entry)"
		}
		r.Prerequisites = tr.Prerequisites
		c.roles[tr.Key] = r
	}
	c.folded = make(map[string]string, len(c.roles))
	ambiguous := map[string]bool{}
	for k := range c.roles {
		c.keys = append(c.keys, k)
		f := fold(k)
		if _, dup := c.folded[f]; dup {
			ambiguous[f] = true
		}
		c.folded[f] = k
	}
	for f := range ambiguous {
		delete(c.folded, f)
	}
	sort.Strings(c.keys)
	for _, k := range c.keys {
		for i, parent := range []bool{false, true} {
			if _, ok := c.known(k, parent); ok {
				c.candidates[i] = append(c.candidates[i], k)
			}
		}
	}
	return c
}

// known returns the role for key when a user of that level may hold it.
func (c *catalog) known(key string, parent bool) (*Role, bool) {
	r, ok := c.roles[key]
	if !ok || (r.reseller() && !parent) {
		return nil, false
	}
	return r, true
}

// regionalVariants maps each role key to the variant a region uses instead.
func (c *catalog) regionalVariants(region string) map[string]string {
	m := map[string]string{}
	for _, k := range c.keys {
		r := c.roles[k]
		if r.Region != region {
			continue
		}
		for _, s := range r.StandsFor {
			m[s] = r.Key
		}
	}
	return m
}

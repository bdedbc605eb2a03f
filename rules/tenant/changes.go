package tenant

import (
	"slices"

	"github.com/rbaclint/rbaclint/rules"
)

// PBXRoleChanged reports customer.user.pbx (or its regional variant), or a
// read-only role, added to or removed from an existing user.
var PBXRoleChanged = &rules.Rule{
	ID:              "tenant/pbx-role-changed",
	Title:           "The PBX user role or a read-only role is added or removed by hand",
	Doc:             doc("pbx-role-changed"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	CheckChange:     checkPBXRoleChanged,
}

// ChargeableRoleAdded reports a user-access or supervisor role that a user
// did not have.
var ChargeableRoleAdded = &rules.Rule{
	ID:              "tenant/chargeable-role-added",
	Title:           "A role that may incur charges is added",
	Doc:             doc("chargeable-role-added"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityNote,
	Category:        rules.CategorySuggestion,
	CheckChange:     checkChargeableRoleAdded,
}

// roleEntry is one string entry of a user's roles array. It keeps the
// entry's user and index, not its pointer: few entries are ever reported.
type roleEntry struct {
	key   string
	of    *rules.Entity
	index int
}

// pointer is the entry's pointer, built for a finding.
func (r roleEntry) pointer() string { return rules.PointerJoin(r.of.Pointer, "roles", r.index) }

func roleEntries(e *rules.Entity) []roleEntry {
	if e == nil {
		return nil
	}
	var out []roleEntry
	for i, v := range e.Data.Get("roles").Elems() {
		if s, ok := v.Str(); ok {
			out = append(out, roleEntry{s, e, i})
		}
	}
	return out
}

// without returns the entries of a whose key b lacks.
func without(a, b []roleEntry) []roleEntry {
	var out []roleEntry
	for _, r := range a {
		if !slices.ContainsFunc(b, func(x roleEntry) bool { return x.key == r.key }) {
			out = append(out, r)
		}
	}
	return out
}

func entityLabel(e *rules.Entity) string {
	return (&user{pointer: e.Pointer, data: e.Data}).entity()
}

// lazyLabel returns entityLabel(e), worded on the first call: most pairs
// are never reported.
func lazyLabel(e *rules.Entity) func() string {
	label := ""
	return func() string {
		if label == "" {
			label = entityLabel(e)
		}
		return label
	}
}

// isPBXRole reports whether key is the PBX-synchronised role or a regional
// variant that stands for it.
func isPBXRole(c *catalog, key string) bool {
	if key == keyPBX {
		return true
	}
	r, ok := c.roles[key]
	return ok && slices.Contains(r.StandsFor, keyPBX)
}

// notByHand says why a role cannot be changed by hand, or "": the PBX role
// is synchronised from the PBX (tenant Patch User page), a read-only one is
// ticked Read Only in the vendor's role table (data/roles.json, readOnly).
func notByHand(c *catalog, key string) string {
	if isPBXRole(c, key) {
		return "it is synchronised from the PBX"
	}
	if r, ok := c.roles[key]; ok && r.ReadOnly {
		return "it is read-only (Read Only in the vendor's role table)"
	}
	return ""
}

func checkPBXRoleChanged(pass *rules.ChangePass) {
	c := catalogFor(pass.Options)
	for _, p := range pass.Pairs {
		if p.Old == nil || p.New == nil {
			continue // a user created or deleted brings its PBX role along
		}
		was, now := roleEntries(p.Old), roleEntries(p.New)
		label := lazyLabel(p.New)
		for _, r := range without(now, was) {
			if isPBXRole(c, r.key) {
				pass.Report(rules.Finding{
					Pointer: r.pointer(),
					Entity:  label(),
					Message: label() + ": " + r.key + " is added by hand, but it is synchronised from the PBX (given to every user on it); remove it here and add the user on the PBX",
				})
			} else if why := notByHand(c, r.key); why != "" {
				pass.Report(rules.Finding{
					Pointer: r.pointer(),
					Entity:  label(),
					Message: label() + ": " + r.key + " is added by hand, but " + why + ": the platform assigns it; remove it here",
				})
			}
		}
		for _, r := range without(was, now) {
			msg := ""
			if isPBXRole(c, r.key) {
				msg = label() + ": " + r.key + " is removed by hand, but it is synchronised from the PBX and stays while the user is on it; remove the user from the PBX instead"
			} else if why := notByHand(c, r.key); why != "" {
				msg = label() + ": " + r.key + " is removed by hand, but " + why + ": the platform keeps it; leave it as exported"
			}
			if msg != "" {
				pass.ReportRemoved(rules.Finding{
					Pointer: r.pointer(),
					Entity:  label(),
					Message: msg,
					Related: []rules.Related{{Path: pass.New.Path, Pointer: rules.PointerJoin(p.New.Pointer, "roles"), Message: "the roles now"}},
				})
			}
		}
	}
}

func checkChargeableRoleAdded(pass *rules.ChangePass) {
	c := catalogFor(pass.Options)
	for _, p := range pass.Pairs {
		if p.New == nil {
			continue
		}
		label := lazyLabel(p.New)
		for _, r := range without(roleEntries(p.New), roleEntries(p.Old)) {
			role, ok := c.roles[r.key]
			if !ok || !role.Chargeable {
				continue
			}
			what := "user"
			if p.Old == nil {
				what = "new user"
			}
			pass.Report(rules.Finding{
				Pointer: r.pointer(),
				Entity:  label(),
				Message: label() + ": " + r.key + " (" + role.Name + ") is added to this " + what +
					"; user-access and supervisor roles may incur charges (the API asks for accept-charges: true): check the licence before merging",
			})
		}
	}
}

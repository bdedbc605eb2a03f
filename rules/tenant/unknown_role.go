package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// UnknownRole reports role keys that are not in the catalog and says what
// they probably are.
var UnknownRole = &rules.Rule{
	ID:              "tenant/unknown-role",
	Title:           "Role key not in the tenant role catalog",
	Doc:             doc("unknown-role"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Fixable:         true,
	Check:           eachUser(checkUnknownRole),
}

func checkUnknownRole(p *rules.Pass, cat *catalog, _ *struct{}, u *user) {
	for _, r := range u.roles {
		// An empty key is the schema's finding (minLength).
		if _, ok := cat.known(r.key, u.parent); ok || r.key == "" {
			continue
		}
		f := rules.Finding{Pointer: u.rolePointer(r), Entity: u.entity(), Severity: unknownRoleSeverity(cat, u, r.key),
			Message: unknownRoleMessage(cat, u, r.key)}
		if c, ok := cat.correct(r.key, u.parent); ok && c.confident && !cat.isReseller(r.key) {
			f.Fix = rules.NewFix("Replace with "+c.key, rules.ReplaceValue(f.Pointer, c.key))
		}
		p.Report(f)
	}
}

// unknownRoleSeverity is an error only where the key is a certain mistake: a
// reseller-level role on a customer user, a machine-translated or
// look-alike key, or a clear near-miss of a confirmed key. A third of the
// catalog is reconstructed, so any other unknown key may be the real one
// (RULES.md: severity follows certainty): a warning with the nearest name.
func unknownRoleSeverity(cat *catalog, u *user, key string) rules.Severity {
	if cat.isReseller(key) {
		return rules.SeverityDefault
	}
	c, ok := cat.correct(key, u.parent)
	if ok && (c.certain || c.confident && cat.roles[c.key] != nil && cat.roles[c.key].Status == "confirmed") {
		return rules.SeverityDefault
	}
	return rules.SeverityWarning
}

func unknownRoleMessage(cat *catalog, u *user, key string) string {
	who := u.entity()
	if r, ok := cat.roles[key]; ok && r.reseller() {
		if len(r.StandsFor) > 0 {
			return fmt.Sprintf("%s has reseller-level role %q, which only parent users hold: use %s instead", who, key, andList(r.StandsFor))
		}
		return fmt.Sprintf("%s has reseller-level role %q, which only parent users hold: remove it", who, key)
	}
	c, ok := cat.correct(key, u.parent)
	switch {
	case ok && c.certain:
		return fmt.Sprintf("%s has unknown role %q: it is probably %s (%s); use that key", who, key, c.key, c.reason)
	case ok:
		return fmt.Sprintf("%s has unknown role %q: did you mean %s?", who, key, c.key)
	}
	return fmt.Sprintf("%s has unknown role %q: use a key from the role catalog, or add it to catalog.tenant.roles in the configuration", who, key)
}

// isReseller reports whether key is a reseller-level role, which a user
// must not simply be given in another spelling.
func (c *catalog) isReseller(key string) bool {
	r, ok := c.roles[key]
	return ok && r.reseller()
}

package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// UserAdminRequired reports a tenant where no user holds both user.admin and
// customer.user: the platform refuses such a change.
var UserAdminRequired = &rules.Rule{
	ID:              "tenant/user-admin-required",
	Title:           "No user of the tenant holds both user.admin and customer.user",
	Doc:             doc("user-admin-required"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkUserAdminRequired,
}

func checkUserAdminRequired(p *rules.SetPass) {
	cat := catalogFor(p.Options)
	var held roleSet
	for _, t := range groupTenants(p.Docs) {
		customers, found, parentAdmin, export := 0, false, false, false
		for _, u := range t.users {
			// A bare single-user file (one user per file, as a pre-commit
			// run passes only the changed ones) cannot show who else is an
			// admin; only array and list exports speak for a tenant.
			export = export || u.doc.Shape != rules.ShapeObject
			held = cat.holdings(held, u)
			admin := held.has(keyAdmin) && held.has(keyPortal)
			if u.parent {
				parentAdmin = parentAdmin || admin
				continue
			}
			customers++
			if admin {
				found = true
				break
			}
		}
		// A file of parent users only says nothing about the tenant's own users.
		if found || customers == 0 || !export {
			continue
		}
		where := "this file"
		if t.id != "" {
			where = fmt.Sprintf("tenant %q", t.id)
		}
		msg := fmt.Sprintf("no user admin in %s: no user holds both user.admin and customer.user, and the platform refuses that (\"there must be at least one user admin\"): give one user both roles", where)
		if parentAdmin {
			msg += " (parent users do not count)"
		}
		doc, ptr := t.anchor()
		p.Report(rules.Finding{Path: doc.Path, Pointer: ptr, Entity: t.entity(), Message: msg})
	}
}

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
	Summary:         members,
	Facts:           []string{},
}

func checkUserAdminRequired(p *rules.SetPass) {
	cat := catalogFor(p.Options)
	var held roleSet
	for _, t := range tenantsOf(p.Docs) {
		customers, found, parentAdmin, export, unlisted := 0, false, false, false, false
		for _, u := range t.users {
			// A single-user file (a bare user or a Get User answer: one
			// user per file, as a pre-commit run passes only the changed
			// ones) cannot show who else is an admin; only array and list
			// exports speak for a tenant.
			export = export || u.doc.Shape != rules.ShapeObject && u.doc.Shape != rules.ShapeItem
			held = cat.holdingsOf(held, u.roles, u.parent)
			admin := held.has(keyAdmin) && held.has(keyPortal)
			if u.parent {
				parentAdmin = parentAdmin || admin
				continue
			}
			customers++
			unlisted = unlisted || !u.listed
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
		doc, ptr := t.anchor()
		if unlisted {
			// The Get All answer lists users without their roles: an
			// unlisted user may well be the admin.
			p.Report(rules.Finding{Path: doc.Path, Pointer: ptr, Entity: t.entity(), Severity: rules.SeverityNote,
				Message: fmt.Sprintf("cannot tell whether %s has a user admin: the export lists users without their roles "+
					"(the Get All answer leaves them out); export each user with Get User to verify", where)})
			continue
		}
		msg := fmt.Sprintf("no user admin in %s: no user holds both user.admin and customer.user, and the platform refuses that (\"there must be at least one user admin\"): give one user both roles", where)
		if parentAdmin {
			msg += " (parent users do not count)"
		}
		p.Report(rules.Finding{Path: doc.Path, Pointer: ptr, Entity: t.entity(), Message: msg})
	}
}

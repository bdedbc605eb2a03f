package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// AdminWithoutPortal reports user.admin on a user who cannot log in to the
// portal where users are managed.
var AdminWithoutPortal = &rules.Rule{
	ID:              "tenant/admin-without-portal",
	Title:           "user.admin without customer.user: the user cannot log in to use it",
	Doc:             doc("admin-without-portal"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           eachUser(checkAdminWithoutPortal),
}

func checkAdminWithoutPortal(p *rules.Pass, cat *catalog, held *roleSet, u *user) {
	ref, ok := u.first(keyAdmin)
	if !ok {
		return
	}
	if *held = cat.holdings(*held, u); held.has(keyPortal) {
		return
	}
	who := u.entity()
	p.Report(rules.Finding{
		Pointer: u.rolePointer(ref),
		Entity:  who,
		Message: fmt.Sprintf("%s has user.admin without customer.user, so they cannot log in to the portal to manage users: add customer.user", who),
	})
}

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
	Check:           checkAdminWithoutPortal,
}

func checkAdminWithoutPortal(p *rules.Pass) {
	cat := catalogFor(p.Options)
	var held roleSet
	for _, u := range usersOf(p.Doc) {
		ref, ok := u.first(keyAdmin)
		if !ok {
			continue
		}
		if held = cat.holdings(held, u); held.has(keyPortal) {
			continue
		}
		p.Report(rules.Finding{
			Pointer: u.rolePointer(ref),
			Entity:  u.entity(),
			Message: fmt.Sprintf("%s has user.admin without customer.user, so they cannot log in to the portal to manage users: add customer.user", u.entity()),
		})
	}
}

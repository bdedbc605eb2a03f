package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// MissingPrerequisite reports a role whose prerequisite roles the user lacks.
var MissingPrerequisite = &rules.Rule{
	ID:              "tenant/missing-prerequisite",
	Title:           "A role is held without its prerequisite role",
	Doc:             doc("missing-prerequisite"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkMissingPrerequisite,
}

func checkMissingPrerequisite(p *rules.Pass) {
	cat := catalogFor(p.Options)
	var held roleSet
	var seen map[string]bool
	for _, u := range usersOf(p.Doc) {
		held, seen = cat.holdings(held, u), rules.ReuseMap(seen)
		for _, ref := range u.roles {
			r, ok := cat.known(ref.key, u.parent)
			if !ok || seen[ref.key] {
				continue
			}
			seen[ref.key] = true
			var missing []string
			for _, pre := range r.Prerequisites {
				// user.admin without customer.user is admin-without-portal's
				// finding, with the consequence spelled out; once is enough.
				if held.has(pre) || (r.Key == keyAdmin && pre == keyPortal) {
					continue
				}
				missing = append(missing, pre)
			}
			if len(missing) == 0 {
				continue
			}
			p.Report(rules.Finding{Pointer: u.rolePointer(ref), Entity: u.entity(), Message: prerequisiteMessage(u, r.Key, missing)})
		}
	}
}

func prerequisiteMessage(u *user, key string, missing []string) string {
	if len(missing) == 1 {
		return fmt.Sprintf("%s has %s without its prerequisite %s: add %s", u.entity(), key, missing[0], missing[0])
	}
	return fmt.Sprintf("%s has %s without its prerequisites %s: add them", u.entity(), key, andList(missing))
}

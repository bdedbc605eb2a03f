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
	Fixable:         true,
	Check:           eachUser(checkMissingPrerequisite),
}

// prerequisiteScratch is what checkMissingPrerequisite refills for each
// user: the roles held, those already judged and those a fix already adds.
type prerequisiteScratch struct {
	held        roleSet
	seen, added map[string]bool
}

func checkMissingPrerequisite(p *rules.Pass, cat *catalog, s *prerequisiteScratch, u *user) {
	s.held, s.seen, s.added = cat.holdings(s.held, u), rules.ReuseMap(s.seen), rules.ReuseMap(s.added)
	for _, ref := range u.roles {
		r, ok := cat.known(ref.key, u.parent)
		if !ok || s.seen[ref.key] {
			continue
		}
		s.seen[ref.key] = true
		var missing []string
		for _, pre := range r.Prerequisites {
			// user.admin without customer.user is admin-without-portal's
			// finding, with the consequence spelled out; once is enough.
			if s.held.has(pre) || (r.Key == keyAdmin && pre == keyPortal) {
				continue
			}
			missing = append(missing, pre)
		}
		if len(missing) == 0 {
			continue
		}
		p.Report(rules.Finding{Pointer: u.rolePointer(ref), Entity: u.entity(), Message: prerequisiteMessage(u, r.Key, missing),
			Fix: addFix(u.rolePointer(ref), missing, s.added)})
	}
}

func prerequisiteMessage(u *user, key string, missing []string) string {
	if len(missing) == 1 {
		return fmt.Sprintf("%s has %s without its prerequisite %s: add %s", u.entity(), key, missing[0], missing[0])
	}
	return fmt.Sprintf("%s has %s without its prerequisites %s: add them", u.entity(), key, andList(missing))
}

// addFix inserts the missing roles before the role that needs them. A role
// two of a user's roles both lack is added by the first finding only
// (added remembers), so that applying every fix adds it once.
func addFix(ptr string, missing []string, added map[string]bool) *rules.Fix {
	var vs []any
	var names []string
	for _, m := range missing {
		if !added[m] {
			added[m] = true
			vs, names = append(vs, m), append(names, m)
		}
	}
	if len(vs) == 0 {
		return nil
	}
	return rules.NewFix("Add "+andList(names), rules.InsertBefore(ptr, vs...))
}

package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// DuplicateRole reports the same role key twice on one user.
var DuplicateRole = &rules.Rule{
	ID:              "tenant/duplicate-role",
	Title:           "The same role key twice on one user",
	Doc:             doc("duplicate-role"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Fixable:         true,
	Check:           checkDuplicateRole,
}

func checkDuplicateRole(p *rules.Pass) {
	var first map[string]roleRef
	for _, u := range usersOf(p.Doc) {
		if len(u.roles) < 2 {
			continue
		}
		first = rules.ReuseMap(first)
		for _, ref := range u.roles {
			f, dup := rules.Repeat(first, ref.key, ref)
			if !dup {
				continue
			}
			who := u.entity()
			p.Report(rules.Finding{
				Pointer: u.rolePointer(ref),
				Entity:  who,
				Message: fmt.Sprintf("%s has role %q twice: remove the repeated entry", who, ref.key),
				Related: []rules.Related{{Path: p.Doc.Path, Pointer: u.rolePointer(f), Message: "first occurrence"}},
				Fix:     rules.NewFix(fmt.Sprintf("Remove the repeated role %s", ref.key), rules.RemoveElement(u.rolePointer(ref))),
			})
		}
	}
}

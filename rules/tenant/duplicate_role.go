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
	Check:           checkDuplicateRole,
}

func checkDuplicateRole(p *rules.Pass) {
	for _, u := range usersOf(p.Doc) {
		first := map[string]roleRef{}
		for _, ref := range u.roles {
			f, dup := first[ref.key]
			if !dup {
				first[ref.key] = ref
				continue
			}
			p.Report(rules.Finding{
				Pointer: ref.pointer,
				Entity:  u.entity(),
				Message: fmt.Sprintf("%s has role %q twice: remove the repeated entry", u.entity(), ref.key),
				Related: []rules.Related{{Path: p.Doc.Path, Pointer: f.pointer, Message: "first occurrence"}},
			})
		}
	}
}

package tenant

import (
	"github.com/rbaclint/rbaclint/rules"
)

// HandAssignedRole reports a new-user payload that lists a role the
// platform assigns itself: the PBX-synchronised role or a read-only one.
var HandAssignedRole = &rules.Rule{
	ID:              "tenant/hand-assigned-role",
	Title:           "A new user is given the PBX-synchronised or a read-only role by hand",
	Doc:             doc("hand-assigned-role"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkHandAssignedRole,
}

// A new-user payload is a bare user or array of users without an id: every
// answer of the API (Get User, Get All, Create User 201) carries the id and
// comes in its {"data", "status"} envelope, so those exports, which hold the
// PBX role because the platform gave it, are never judged.
func checkHandAssignedRole(pass *rules.Pass) {
	if pass.Doc.Shape != rules.ShapeObject && pass.Doc.Shape != rules.ShapeArray {
		return
	}
	c := catalogFor(pass.Options)
	for i := range pass.Doc.Entities {
		e := &pass.Doc.Entities[i]
		if e.Data.Has("id") {
			continue
		}
		for _, r := range roleEntries(e) {
			why := notByHand(c, r.key)
			if why == "" {
				continue
			}
			label := entityLabel(e) // worded only for a finding
			pass.Report(rules.Finding{
				Pointer: r.pointer(),
				Entity:  label,
				Message: label + " has no id, so this reads as a new user, and it is given " + r.key + " by hand, but " + why +
					": the platform assigns it; leave it out of the payload",
			})
		}
	}
}

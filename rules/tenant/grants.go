package tenant

import (
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Access is the tenant-users part of the access model: each user (by
// e-mail, else display name) holds what its role keys grant.
//
// Which role key grants which capability is data (grants.json), with a source
// per row (domain/webex-and-tenant-users.md §B3, B8).
var Access = access.NewSource("tenant", []rules.Kind{rules.KindTenantUsers}, files, access.EachDocument(grants))

func grants(doc *rules.Document, rows []access.Mapping) []access.Grant {
	var out []access.Grant
	for _, u := range usersOf(doc) {
		name, _ := u.data.Get("email").Str()
		at := "/email"
		if name == "" {
			name, _ = u.data.Get("displayName").Str()
			at = "/displayName"
		}
		if name == "" {
			continue
		}
		who := access.Link{Kind: "user", Name: name, Path: doc.Path, Pointer: u.pointer + at}
		for _, r := range u.roles {
			role := access.Link{Kind: "role key", Name: r.key, Path: doc.Path, Pointer: u.rolePointer(r)}
			out = append(out, access.FindGrants(rows, "role key", r.key, "", access.PrincipalUser, who, role)...)
		}
	}
	return out
}

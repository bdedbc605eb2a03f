package webex

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Access is the Webex part of the access model. A profile is the
// principal. With permissionAccessLevel ALL it holds what its profile type
// allows (the type caps the modules: an agent profile with ALL administers
// nothing); with SPECIFIC it holds what its permissions grant. An inactive
// profile (active: false) grants nothing.
//
// Which permission, or which profile type under permissionAccessLevel ALL,
// grants which capability is data (grants.json), with a source per row
// (domain/webex-and-tenant-users.md §A2–A4, vendor-audit.md §2).
var Access = access.NewSource("webex", []rules.Kind{rules.KindWebexUserProfile}, files, access.EachDocument(grants))

func grants(doc *rules.Document, rows []access.Mapping) []access.Grant {
	var out []access.Grant
	for _, p := range profiles(doc) {
		if active, ok := rules.Bool(p.obj, "active"); ok && !active {
			continue
		}
		name, _ := rules.String(p.obj, "name")
		at := p.at("name")
		if strings.TrimSpace(name) == "" {
			name, _ = rules.String(p.obj, "id")
			at = p.at("id")
		}
		if name == "" {
			continue
		}
		who := access.Link{Kind: "profile", Name: name, Path: doc.Path, Pointer: at}
		level, _ := rules.String(p.obj, "permissionAccessLevel")
		switch level {
		case levelAll:
			typ, _ := rules.String(p.obj, "profileType")
			out = append(out, access.FindGrants(rows, "profile type", typ, "", access.PrincipalProfile, who,
				access.Link{Kind: "profile type", Name: typ, Path: doc.Path, Pointer: p.at("profileType")},
				access.Link{Kind: "access level", Name: "ALL", Path: doc.Path, Pointer: p.at("permissionAccessLevel")})...)
		case levelSpecific:
			list, _ := rules.Array(p.obj["permissions"])
			for i, v := range list {
				perm, _ := rules.Object(v)
				pname, _ := rules.String(perm, "name")
				acc, _ := rules.String(perm, "access")
				out = append(out, access.FindGrants(rows, "permission", pname, acc, access.PrincipalProfile, who,
					access.Link{Kind: "permission", Name: pname + " " + acc, Path: doc.Path, Pointer: p.at("permissions", i, "access")})...)
			}
		}
	}
	return out
}

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
		if active, ok := p.obj.Get("active").Bool(); ok && !active {
			continue
		}
		name, _ := p.obj.Get("name").Str()
		at := p.at("name")
		if strings.TrimSpace(name) == "" {
			name, _ = p.obj.Get("id").Str()
			at = p.at("id")
		}
		if name == "" {
			continue
		}
		who := access.Link{Kind: "profile", Name: name, Path: doc.Path, Pointer: at}
		level, _ := p.obj.Get("permissionAccessLevel").Str()
		switch level {
		case levelAll:
			typ, _ := p.obj.Get("profileType").Str()
			out = append(out, access.FindGrants(rows, "profile type", typ, "", access.PrincipalProfile, who,
				access.Link{Kind: "profile type", Name: typ, Path: doc.Path, Pointer: p.at("profileType")},
				access.Link{Kind: "access level", Name: "ALL", Path: doc.Path, Pointer: p.at("permissionAccessLevel")})...)
		case levelSpecific:
			for i, perm := range p.obj.Get("permissions").Elems() {
				pname, _ := perm.Get("name").Str()
				acc, _ := perm.Get("access").Str()
				out = append(out, access.FindGrants(rows, "permission", pname, acc, access.PrincipalProfile, who,
					access.Link{Kind: "permission", Name: pname + " " + acc, Path: doc.Path, Pointer: p.at("permissions", i, "access")})...)
			}
		}
	}
	return out
}

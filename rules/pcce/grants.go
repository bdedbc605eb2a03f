package pcce

import (
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Access is the PCCE part of the access model. Principals are roles (by
// name) and administrators (DOMAIN\user), the latter through the role their
// own export references and through the roles whose administrators list
// names them, so that administrators in one file and roles in another are
// joined. A built-in role (systemDefined, or named by a reference when no
// roles export is in the run) grants what its place in the hierarchy
// AgentAdmin < ScriptAdmin < ConfigAdmin < SystemAdmin gives it. A read-only
// administrator changes nothing and holds no capability.
//
// Which feature or built-in role grants which capability is data
// (grants.json), with a source per row (domain/pcce-cxone-finesse.md
// §1.5–1.6).
var Access = access.NewSource("pcce", roleAndAdminKinds, files, grants)

// roleGrant is one capability of a role, with the links below the role.
type roleGrant struct {
	capability access.Capability
	links      []access.Link // after the role link: a feature, or a built-in role
	row        access.Mapping
}

func grants(docs []*rules.Document, rows []access.Mapping) []access.Grant {
	roleDocs := docsOfKind(docs, rules.KindPCCERoles)
	adminDocs := docsOfKind(docs, rules.KindPCCEAdministrators)
	ix := indexRoles(roleDocs)

	var out []access.Grant
	emit := func(principal access.Link, kind access.PrincipalKind, roleLink access.Link, rgs []roleGrant) {
		if principal.Name == "" {
			return
		}
		for _, rg := range rgs {
			via := []access.Link{principal}
			if roleLink != principal {
				via = append(via, roleLink)
			}
			out = append(out, access.Grant{
				Principal: principal.Name, PrincipalKind: kind, Capability: rg.capability,
				Via: append(via, rg.links...), Inferred: rg.row.Inferred, Source: rg.row.Source,
			})
		}
	}
	// Roles as principals.
	for _, r := range ix.all {
		l := roleLink(r)
		emit(l, access.PrincipalRole, l, roleGrants(rows, r))
	}
	// Administrators from their own exports, through their role reference.
	for _, doc := range adminDocs {
		for _, e := range doc.Entities {
			if ro, _ := e.Data.Get("readOnly").Bool(); ro {
				continue
			}
			_, refURL, name, ok := roleRef(e.Data)
			if !ok {
				continue
			}
			admin := adminLink(doc.Path, e.Pointer, e.Data)
			if r, ok := ix.find(refURL, name); ok {
				emit(admin, access.PrincipalAdministrator, roleLink(r), roleGrants(rows, r))
				continue
			}
			// The role is not in the run: only a built-in one is known.
			refLink := access.Link{Kind: "role", Name: name, Path: doc.Path, Pointer: rules.PointerJoin(e.Pointer, "role", "name")}
			emit(admin, access.PrincipalAdministrator, refLink, builtinGrants(rows, name, refLink))
		}
	}
	// Administrators named by a role's administrators list.
	for _, r := range ix.all {
		for i, ref := range r.entity.Data.Get("administrators").Elems() {
			if !ref.IsObject() {
				continue
			}
			if doc, e, ok := findAdmin(adminDocs, ref); ok {
				if ro, _ := e.Data.Get("readOnly").Bool(); ro {
					continue
				}
				emit(adminLink(doc.Path, e.Pointer, e.Data), access.PrincipalAdministrator, roleLink(r), roleGrants(rows, r))
				continue
			}
			admin := adminLink(r.doc.Path, rules.PointerJoin(r.entity.Pointer, "administrators", i), ref)
			emit(admin, access.PrincipalAdministrator, roleLink(r), roleGrants(rows, r))
		}
	}
	return out
}

// find returns the exported role a reference names: by refURL when the
// roles carry one, else by name.
func (ix *roleIndex) find(refURL, name string) (exportedRole, bool) {
	if r, ok := ix.withRefURL(refURL); ok && refURL != "" {
		return r, true
	}
	if i, ok := ix.byName[strings.ToLower(name)]; ok && name != "" {
		return ix.all[i], true
	}
	return exportedRole{}, false
}

// roleGrants lists what a role grants: its features in accessList order,
// then, for a system-defined role, its place in the built-in hierarchy.
func roleGrants(rows []access.Mapping, r exportedRole) []roleGrant {
	var out []roleGrant
	for _, f := range appendFeatures(nil, r.entity.Data) {
		for _, row := range access.Find(rows, "feature", f.name, "") {
			for _, c := range row.Capabilities {
				out = append(out, roleGrant{c, []access.Link{{Kind: "feature", Name: f.name, Path: r.doc.Path, Pointer: f.pointer(r.entity.Pointer)}}, row})
			}
		}
	}
	if systemDefined(r.entity.Data) {
		out = append(out, builtinGrants(rows, r.name, roleLink(r))...)
	}
	return out
}

// builtinGrants expands a built-in role name through the hierarchy; at is
// where the name stands. A name that is no built-in role grants nothing.
func builtinGrants(rows []access.Mapping, name string, at access.Link) []roleGrant {
	var out []roleGrant
	for _, row := range access.Expand(rows, "built-in role", name) {
		label := row.Name
		if !strings.EqualFold(row.Name, name) {
			label += " (included in " + name + ")"
		}
		for _, c := range row.Capabilities {
			out = append(out, roleGrant{c, []access.Link{{Kind: "built-in role", Name: label, Path: at.Path, Pointer: at.Pointer}}, row})
		}
	}
	return out
}

func roleLink(r exportedRole) access.Link {
	name := r.name
	if name == "" {
		name = r.refURL
	}
	ptr := r.entity.Pointer
	if r.name != "" {
		ptr = rules.PointerJoin(ptr, "name")
	}
	return access.Link{Kind: "role", Name: name, Path: r.doc.Path, Pointer: ptr}
}

// adminLink names an administrator DOMAIN\user (the form Windows logins and
// access reviews use), at its userName.
func adminLink(path, pointer string, admin tree.Value) access.Link {
	user, _ := admin.Get("userName").Str()
	domain, _ := admin.Get("domainName").Str()
	name := user
	if domain != "" && user != "" {
		name = domain + `\` + user
	}
	if name == "" {
		name, _ = admin.Get("refURL").Str()
	}
	ptr := pointer
	if user != "" {
		ptr = rules.PointerJoin(pointer, "userName")
	}
	return access.Link{Kind: "administrator", Name: name, Path: path, Pointer: ptr}
}

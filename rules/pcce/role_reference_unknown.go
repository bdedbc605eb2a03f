package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// RoleReferenceUnknown cross-checks administrators and roles exported together.
var RoleReferenceUnknown = &rules.Rule{
	ID:              "pcce/role-reference-unknown",
	Title:           "An administrator's role reference does not match the exported roles",
	Doc:             doc("role-reference-unknown"),
	Kinds:           roleAndAdminKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	CheckSet:        checkRoleReferenceUnknown,
	// Roles: indexRoles, checkRoleAdmins, roleLabel; pageInfo is read on
	// the root, which is the entity of a bare <role>. Administrators:
	// roleRef, sameAdmin, adminLabel.
	Facts: []string{"systemDefined", "name", "refURL", "administrators", "pageInfo", "role", "userName", "domainName"},
}

// exportedRole is a role of the run, with where it lies.
type exportedRole struct {
	doc    *rules.Document
	entity rules.Entity
	name   string
	refURL string
}

// roleIndex finds exported roles by refURL and by name (case-insensitive).
// The maps hold indexes in all, the first role of each refURL and name.
type roleIndex struct {
	all      []exportedRole
	byRefURL map[string]int
	byName   map[string]int
	// builtins: the export holds a built-in role (systemDefined true), so it
	// is not a custom-roles-only list (q=systemDefined:none) that leaves
	// the built-in roles out by design.
	builtins bool
	// list: some export is a list; a single-role GET could not hold another.
	list bool
}

func indexRoles(docs []*rules.Document) *roleIndex {
	n := 0
	for _, doc := range docs {
		n += len(doc.Entities)
	}
	ix := &roleIndex{all: make([]exportedRole, 0, n), byRefURL: make(map[string]int, n), byName: make(map[string]int, n)}
	for _, doc := range docs {
		ix.list = ix.list || doc.Shape != rules.ShapeObject
		for _, e := range doc.Entities {
			if systemDefined(e.Data) {
				ix.builtins = true
			}
			r := exportedRole{doc: doc, entity: e}
			r.name, _ = e.Data.Get("name").Str()
			r.refURL, _ = e.Data.Get("refURL").Str()
			i := len(ix.all)
			ix.all = append(ix.all, r)
			if _, dup := ix.byRefURL[r.refURL]; r.refURL != "" && !dup {
				ix.byRefURL[r.refURL] = i
			}
			if k := strings.ToLower(r.name); r.name != "" {
				if _, dup := ix.byName[k]; !dup {
					ix.byName[k] = i
				}
			}
		}
	}
	return ix
}

// withRefURL returns the first exported role with that refURL.
func (ix *roleIndex) withRefURL(refURL string) (exportedRole, bool) {
	i, ok := ix.byRefURL[refURL]
	if !ok {
		return exportedRole{}, false
	}
	return ix.all[i], true
}

// hasName reports whether an exported role has that name, case-insensitive.
func (ix *roleIndex) hasName(name string) bool {
	_, ok := ix.byName[strings.ToLower(name)]
	return ok
}

// distinct counts the exported roles, a role exported twice counting once.
func (ix *roleIndex) distinct() int {
	n := len(ix.byRefURL)
	for _, r := range ix.all {
		if r.refURL == "" {
			n++
		}
	}
	return n
}

// complete reports whether the run holds every role: a paged list export
// whose totalResults exceeds the roles present means some are missing, and
// a missing role must not be reported as unknown.
func (ix *roleIndex) complete(docs []*rules.Document) bool {
	for _, doc := range docs {
		if total, ok := doc.Data.Get("pageInfo").Get("totalResults").Int(); ok && total > int64(ix.distinct()) {
			return false
		}
	}
	return true
}

func checkRoleReferenceUnknown(pass *rules.SetPass) {
	roleDocs := docsOfKind(pass.Docs, rules.KindPCCERoles)
	if len(roleDocs) == 0 {
		return
	}
	ix := indexRoles(roleDocs)
	adminDocs := docsOfKind(pass.Docs, rules.KindPCCEAdministrators)
	if ix.list && ix.complete(roleDocs) {
		for _, doc := range adminDocs {
			for _, e := range doc.Entities {
				checkAdminRoleRef(pass, ix, doc, e)
			}
		}
	}
	for _, r := range ix.all {
		checkRoleAdmins(pass, r, adminDocs)
	}
}

// checkAdminRoleRef reports an administrator whose role reference matches no
// exported role: by refURL when it is a role refURL and the roles carry
// refURLs, else by name.
func checkAdminRoleRef(pass *rules.SetPass, ix *roleIndex, doc *rules.Document, e rules.Entity) {
	_, refURL, name, ok := roleRef(e.Data)
	if !ok {
		return
	}
	// The label and the pointers are worded only for a finding.
	admin := func() string { return adminLabel(e.Data) }
	rolePointer := func(member string) string { return rules.PointerJoin(e.Pointer, "role", member) }
	// A built-in role (AgentAdmin, ScriptAdmin, ConfigAdmin, SystemAdmin)
	// exists on every system, whether the export lists it or not.
	if _, builtinName := builtin().builtinRoleNamed(name); builtinName && !ix.hasName(name) {
		return
	}
	if refURLProblem(refURL, "role") == "" && !isPlaceholder(refURL) && len(ix.byRefURL) > 0 {
		if _, listed := ix.byRefURL[refURL]; !listed && !ix.builtins && name == "" {
			return // the export has no built-in role, and this may be one
		}
		r, ok := ix.withRefURL(refURL)
		switch {
		case !ok:
			pass.Report(rules.Finding{
				Path:    doc.Path,
				Pointer: rolePointer("refURL"),
				Entity:  admin(),
				Message: fmt.Sprintf("%s references role %s, which no exported role has; assign an existing role or export the missing one with the others", admin(), refURL),
			})
		case name != "" && r.name != "" && !strings.EqualFold(name, r.name):
			pass.Report(rules.Finding{
				Path:    doc.Path,
				Pointer: rolePointer("name"),
				Entity:  admin(),
				Message: fmt.Sprintf("%s references role %q, but its refURL %s is role %q in the roles export; the refURL decides, so fix the name or the refURL", admin(), name, refURL, r.name),
				Related: []rules.Related{{Path: r.doc.Path, Pointer: rules.PointerJoin(r.entity.Pointer, "name"), Message: "the role with this refURL"}},
			})
		}
		return
	}
	if name != "" && !ix.hasName(name) {
		pass.Report(rules.Finding{
			Path:    doc.Path,
			Pointer: rolePointer("name"),
			Entity:  admin(),
			Message: fmt.Sprintf("%s references role %q, which no exported role has; assign an existing role or export the missing one with the others", admin(), name),
		})
	}
}

// checkRoleAdmins reports an administrator listed by role r whose own export
// references another role: an administrator has exactly one role, so the
// two exports disagree.
func checkRoleAdmins(pass *rules.SetPass, r exportedRole, adminDocs []*rules.Document) {
	for i, ref := range r.entity.Data.Get("administrators").Elems() {
		if !ref.IsObject() {
			continue
		}
		doc, admin, ok := findAdmin(adminDocs, ref)
		if !ok {
			continue
		}
		_, refURL, name, _ := roleRef(admin.Data)
		var differs bool
		switch {
		case refURL != "" && r.refURL != "" && !isPlaceholder(refURL) && !isPlaceholder(r.refURL):
			differs = refURL != r.refURL
		case name != "" && r.name != "":
			differs = !strings.EqualFold(name, r.name)
		default:
			continue // no role (admin-without-role) or nothing to compare
		}
		if !differs {
			continue
		}
		other := name
		if other == "" {
			other = refURL
		}
		refPointer := rules.PointerJoin(r.entity.Pointer, "administrators", i)
		if ref.Has("userName") {
			refPointer = rules.PointerJoin(refPointer, "userName")
		}
		pass.Report(rules.Finding{
			Path:    r.doc.Path,
			Pointer: refPointer,
			Entity:  roleLabel(r.entity.Data),
			Message: fmt.Sprintf("%s lists %s, whose own export references role %q; an administrator has one role, so export both again or fix the assignment", roleLabel(r.entity.Data), adminLabel(ref), other),
			Related: []rules.Related{{Path: doc.Path, Pointer: rules.PointerJoin(admin.Pointer, "role"), Message: "the administrator's role reference"}},
		})
	}
}

// findAdmin returns the exported administrator a role's reference names.
func findAdmin(docs []*rules.Document, ref tree.Value) (*rules.Document, rules.Entity, bool) {
	for _, doc := range docs {
		for _, e := range doc.Entities {
			if sameAdmin(ref, e.Data) {
				return doc, e, true
			}
		}
	}
	return nil, rules.Entity{}, false
}

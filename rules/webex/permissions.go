package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// permission is one UserProfilePermissionsDTO of a profile.
type permission struct {
	ptr  string
	obj  map[string]any
	name string
}

// permissionsOf returns p's permission objects that have a name.
func permissionsOf(p profile) []permission {
	list, _ := rules.Array(p.obj["permissions"])
	out := make([]permission, 0, len(list))
	for i, v := range list {
		obj, ok := rules.Object(v)
		if !ok {
			continue
		}
		if name, ok := rules.String(obj, "name"); ok && name != "" {
			out = append(out, permission{ptr: p.at("permissions", i), obj: obj, name: name})
		}
	}
	return out
}

// DuplicatePermission reports a permission name listed twice in a profile.
var DuplicatePermission = &rules.Rule{
	ID:              "webex/duplicate-permission",
	Title:           "The same permission appears twice in one profile",
	Doc:             doc("duplicate-permission"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Inferred:        true,
	Check:           checkDuplicatePermission,
}

func checkDuplicatePermission(pass *rules.Pass) {
	for _, p := range profiles(pass.Doc) {
		first := map[string]permission{}
		for _, perm := range permissionsOf(p) {
			prev, dup := first[perm.name]
			if !dup {
				first[perm.name] = perm
				continue
			}
			pass.Report(rules.Finding{
				Pointer: rules.PointerJoin(perm.ptr, "name"),
				Entity:  p.label(),
				Message: fmt.Sprintf("%s: permission %q is listed twice%s; keep one entry with the access it needs",
					p.label(), perm.name, conflict(prev.obj, perm.obj, "access")),
				Related: []rules.Related{{Path: pass.Doc.Path, Pointer: rules.PointerJoin(prev.ptr, "name"), Message: "first entry"}},
			})
		}
	}
}

// UnknownPermission reports permission names missing from the catalog.
var UnknownPermission = &rules.Rule{
	ID:              "webex/unknown-permission",
	Title:           "A permission name is not documented",
	Doc:             doc("unknown-permission"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkUnknownPermission,
}

func checkUnknownPermission(pass *rules.Pass) {
	known := newNames(catalog.Permissions.Names, pass.Options.WebexPermissions)
	for _, p := range profiles(pass.Doc) {
		for _, perm := range permissionsOf(p) {
			if known.set[perm.name] {
				continue
			}
			pass.Report(rules.Finding{
				Pointer: rules.PointerJoin(perm.ptr, "name"),
				Entity:  p.label(),
				Message: fmt.Sprintf("%s: unknown permission %q; %s", p.label(), perm.name, suggest(perm.name, known, "catalog.webex.permissions")),
			})
		}
	}
}

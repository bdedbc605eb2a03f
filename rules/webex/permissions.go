package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// permission is one UserProfilePermissionsDTO of a profile. It keeps the
// entry's index, not its pointer: almost no entry is ever reported, so the
// pointer is built only for a finding.
type permission struct {
	index  int // in the profile's permissions array
	obj    tree.Value
	name   string
	access string // "" when absent or not a string
}

// at returns the pointer to a member of the permission.
func (perm permission) at(p profile, member string) string {
	return p.at("permissions", perm.index, member)
}

// appendPermissions appends the permission objects of profile obj that
// have a name to dst. listProfiles reads them once per document for every
// rule (profile.perms): six rules read them, most of them only the name
// and the access.
func appendPermissions(dst []permission, obj tree.Value) []permission {
	for i, o := range obj.Get("permissions").Elems() {
		if name, ok := o.Get("name").Str(); ok && name != "" {
			access, _ := o.Get("access").Str()
			dst = append(dst, permission{index: i, obj: o, name: name, access: access})
		}
	}
	return dst
}

// permissionsOf is p's permissions, for eachOf.
func permissionsOf(_ []permission, p profile) []permission { return p.perms }

// DuplicatePermission reports a permission name listed twice in a profile.
var DuplicatePermission = &rules.Rule{
	ID:              "webex/duplicate-permission",
	Title:           "The same permission appears twice in one profile",
	Doc:             doc("duplicate-permission"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Fixable:         true,
	Check:           eachProfile(checkDuplicatePermission),
}

func checkDuplicatePermission(pass *rules.Pass, s *repeats[permission], p profile) {
	perms := p.perms
	if len(perms) < 2 {
		return
	}
	s.first = rules.ReuseMap(s.first)
	for _, perm := range perms {
		prev, dup := rules.Repeat(s.first, perm.name, perm)
		if !dup {
			continue
		}
		f := rules.Finding{
			Pointer: perm.at(p, "name"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: permission %q is listed twice%s; keep one entry with the access it needs",
				p.label(), perm.name, conflict(prev.obj, perm.obj, "access")),
			Related: []rules.Related{{Path: pass.Doc.Path, Pointer: prev.at(p, "name"), Message: "first entry"}},
		}
		if equal(prev.obj, perm.obj) {
			// Only an exact repeat: with another access, which one to keep is the user's call.
			f.Fix = rules.NewFix("Remove the repeated entry", rules.RemoveElement(p.at("permissions", perm.index)))
		}
		pass.Report(f)
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
	Fixable:         true,
	Check:           checkUnknownPermission,
}

func checkUnknownPermission(pass *rules.Pass) {
	known := knownPermissions(pass.Options.Names(permissionsOption))
	eachOf(pass.Doc, permissionsOf, func(p profile, perm permission) {
		if known.set[perm.name] {
			return
		}
		f := rules.Finding{
			Pointer: perm.at(p, "name"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: unknown permission %q; %s", p.label(), perm.name, suggest(perm.name, known, "catalog.webex.permissions")),
		}
		if near := known.suggest.Confident(perm.name); near != "" {
			f.Fix = rules.NewFix("Replace with "+near, rules.ReplaceValue(f.Pointer, near))
		}
		pass.Report(f)
	})
}

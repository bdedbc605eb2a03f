package webex

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// accessList pairs a profile's access level with the array it governs.
type accessList struct {
	level string // "permissionAccessLevel"
	list  string // "permissions"
	what  string // what the list holds, for messages
}

var (
	permissionList = accessList{"permissionAccessLevel", "permissions", "every permission it needs with its access (VIEW, EDIT or NONE)"}
	collectionList = accessList{"resourceAccessLevel", "resourceCollections", "the resource collections its users may access"}
)

// The four rules below are two rules, each over both access lists.

// PermissionsRequired reports SPECIFIC permission access without permissions.
var PermissionsRequired = permissionList.rule("webex/permissions-required",
	"SPECIFIC permission access needs a permissions list", true)

// PermissionsIgnored reports permissions that ALL or NONE make meaningless.
var PermissionsIgnored = permissionList.rule("webex/permissions-ignored",
	"Permissions are listed while permission access is ALL or NONE", false)

// ResourceCollectionsRequired reports SPECIFIC resource access without
// resource collections.
var ResourceCollectionsRequired = collectionList.rule("webex/resource-collections-required",
	"SPECIFIC resource access needs resource collections", true)

// ResourceCollectionsIgnored reports resource collections that ALL or NONE
// make meaningless.
var ResourceCollectionsIgnored = collectionList.rule("webex/resource-collections-ignored",
	"Resource collections are listed while resource access is ALL or NONE", false)

// rule makes one of the two rules over the list a: with required, that a
// SPECIFIC level needs the list (an error: see the rule docs); else, that ALL
// and NONE make the list meaningless (inferred, a warning). id is "webex/"
// and the name of its doc.
func (a accessList) rule(id, title string, required bool) *rules.Rule {
	r := &rules.Rule{
		ID:              id,
		Title:           title,
		Doc:             doc(strings.TrimPrefix(id, "webex/")),
		Kinds:           kinds,
		DefaultSeverity: rules.SeverityError,
		Category:        rules.CategoryError,
		Check:           eachProfile(a.checkRequired),
	}
	if !required {
		r.DefaultSeverity, r.Category, r.Inferred = rules.SeverityWarning, rules.CategoryWarning, true
		r.Check = eachProfile(a.checkIgnored)
	}
	return r
}

// checkRequired reports at the SPECIFIC value, which is what makes the list
// required.
func (a accessList) checkRequired(pass *rules.Pass, _ *struct{}, p profile) {
	if level, _ := p.obj.Get(a.level).Str(); level != levelSpecific {
		return
	}
	list := p.obj.Get(a.list)
	isArray := list.IsArray()
	if isArray && list.Len() > 0 {
		return
	}
	f := rules.Finding{Pointer: p.at(a.level), Entity: p.label()}
	switch {
	case pass.Doc.Shape == rules.ShapeList:
		// The List API strips array fields, so absence proves nothing.
		f.Severity = rules.SeverityNote
		f.Message = p.label() + ": " + a.level + " is SPECIFIC but the list export has no " + a.list +
			" (the List API strips arrays); export the profile by id to verify"
	case isArray:
		f.Message = p.label() + ": " + a.level + " is SPECIFIC but " + a.list + " is empty; list " + a.what
	default:
		f.Message = p.label() + ": " + a.level + " is SPECIFIC but " + a.list + " is missing; add " + a.what
	}
	pass.Report(f)
}

// checkIgnored reports at the list's key: its presence is the problem.
func (a accessList) checkIgnored(pass *rules.Pass, _ *struct{}, p profile) {
	level, _ := p.obj.Get(a.level).Str()
	if level != levelAll && level != levelNone {
		return
	}
	if _, ok := nonEmptyArray(p.obj, a.list); !ok {
		return
	}
	pass.Report(rules.Finding{
		Pointer: p.at(a.list),
		Target:  rules.TargetKey,
		Entity:  p.label(),
		Message: p.label() + ": " + a.list + " probably have no effect: the API documents them only for " +
			a.level + " SPECIFIC, and it is " + level + "; remove them, or set " + a.level + " to SPECIFIC if they should apply",
		Related: []rules.Related{{Path: pass.Doc.Path, Pointer: p.at(a.level), Message: a.level + " is " + level}},
	})
}

package webex

import "github.com/rbaclint/rbaclint/rules"

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

// PermissionsRequired reports SPECIFIC permission access without permissions.
var PermissionsRequired = &rules.Rule{
	ID:              "webex/permissions-required",
	Title:           "SPECIFIC permission access needs a permissions list",
	Doc:             doc("permissions-required"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           func(p *rules.Pass) { checkRequired(p, permissionList) },
}

// PermissionsIgnored reports permissions that ALL or NONE make meaningless.
var PermissionsIgnored = &rules.Rule{
	ID:              "webex/permissions-ignored",
	Title:           "Permissions are listed while permission access is ALL or NONE",
	Doc:             doc("permissions-ignored"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           func(p *rules.Pass) { checkIgnored(p, permissionList) },
}

// ResourceCollectionsRequired reports SPECIFIC resource access without
// resource collections.
var ResourceCollectionsRequired = &rules.Rule{
	ID:              "webex/resource-collections-required",
	Title:           "SPECIFIC resource access needs resource collections",
	Doc:             doc("resource-collections-required"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           func(p *rules.Pass) { checkRequired(p, collectionList) },
}

// ResourceCollectionsIgnored reports resource collections that ALL or NONE
// make meaningless.
var ResourceCollectionsIgnored = &rules.Rule{
	ID:              "webex/resource-collections-ignored",
	Title:           "Resource collections are listed while resource access is ALL or NONE",
	Doc:             doc("resource-collections-ignored"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           func(p *rules.Pass) { checkIgnored(p, collectionList) },
}

// checkRequired reports at the SPECIFIC value, which is what makes the list
// required.
func checkRequired(pass *rules.Pass, a accessList) {
	for _, p := range profiles(pass.Doc) {
		if level, _ := rules.String(p.obj, a.level); level != levelSpecific {
			continue
		}
		list, isArray := rules.Array(p.obj[a.list])
		if isArray && len(list) > 0 {
			continue
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
}

// checkIgnored reports at the list's key: its presence is the problem.
func checkIgnored(pass *rules.Pass, a accessList) {
	for _, p := range profiles(pass.Doc) {
		level, _ := rules.String(p.obj, a.level)
		if level != levelAll && level != levelNone {
			continue
		}
		if _, ok := nonEmptyArray(p.obj, a.list); !ok {
			continue
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
}

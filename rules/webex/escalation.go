package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// administersAccess reports whether EDIT access to a permission lets a
// holder change who may do what, their own profile included. (Switches, not
// maps: nothing to build at start-up.)
func administersAccess(permission string) bool {
	switch permission {
	case "user-profile", "user", "api-key", "tenant-setting", "resource-collection":
		return true
	}
	return false
}

// nonAdministrator reports whether a profile type is expected not to
// administer access. ADMINISTRATOR and ADMINISTRATOR_ONLY (the unlicensed
// administrator of Provisioning) are administrators by design; the
// ANALYZER_* types are reporting profiles, so access administration is out
// of their scope too. A missing or unknown type is not judged.
func nonAdministrator(profileType string) bool {
	switch profileType {
	case "SUPERVISOR", "PREMIUM_AGENT", "STANDARD_AGENT",
		"ANALYZER_ADMINISTRATOR", "ANALYZER_SUPERVISOR", "ANALYZER_USER":
		return true
	}
	return false
}

// PrivilegeEscalation reports non-administrator profiles that can edit
// profiles, users, API keys, tenant settings or resource collections.
var PrivilegeEscalation = &rules.Rule{
	ID:               "webex/privilege-escalation",
	Title:            "A non-administrator profile can edit access control",
	Doc:              doc("privilege-escalation"),
	Kinds:            kinds,
	DefaultSeverity:  rules.SeverityWarning,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security"},
	SecuritySeverity: 7.5,
	Inferred:         true,
	Check:            checkPrivilegeEscalation,
}

func checkPrivilegeEscalation(pass *rules.Pass) {
	var perms []permission
	for _, p := range profiles(pass.Doc) {
		typ, _ := rules.String(p.obj, "profileType")
		if !nonAdministrator(typ) {
			continue
		}
		switch level, _ := rules.String(p.obj, permissionList.level); level {
		case levelAll:
			pass.Report(rules.Finding{
				Pointer: p.at(permissionList.level),
				Entity:  p.label(),
				Message: fmt.Sprintf("%s: permissionAccessLevel ALL lets this %s profile edit user profiles, users, API keys, "+
					"tenant settings and resource collections, so its holders can widen their own access; "+
					"use SPECIFIC and grant only what the role needs", p.label(), typ),
			})
		case levelNone:
			// Listed permissions are ignored.
		default:
			perms = appendPermissions(perms[:0], p)
			for _, perm := range perms {
				if access, _ := rules.String(perm.obj, "access"); access != "EDIT" || !administersAccess(perm.name) {
					continue
				}
				pass.Report(rules.Finding{
					Pointer: perm.at(p, "access"),
					Entity:  p.label(),
					Message: fmt.Sprintf("%s: EDIT on %q lets the holders of this %s profile widen their own access; "+
						"set it to VIEW or NONE, or give these users an ADMINISTRATOR profile", p.label(), perm.name, typ),
				})
			}
		}
	}
}

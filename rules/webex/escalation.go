package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// accessAdministration are the permissions whose EDIT access lets a holder
// change who may do what, their own profile included.
var accessAdministration = map[string]bool{
	"user-profile":        true,
	"user":                true,
	"api-key":             true,
	"tenant-setting":      true,
	"resource-collection": true,
}

// nonAdministrators are the profile types expected not to administer
// access. ADMINISTRATOR and ADMINISTRATOR_ONLY (the unlicensed administrator
// of Provisioning) are administrators by design; the ANALYZER_* types are
// reporting profiles, so access administration is out of their scope too.
// A missing or unknown type is not judged.
var nonAdministrators = map[string]bool{
	"SUPERVISOR":             true,
	"PREMIUM_AGENT":          true,
	"STANDARD_AGENT":         true,
	"ANALYZER_ADMINISTRATOR": true,
	"ANALYZER_SUPERVISOR":    true,
	"ANALYZER_USER":          true,
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
	for _, p := range profiles(pass.Doc) {
		typ, _ := rules.String(p.obj, "profileType")
		if !nonAdministrators[typ] {
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
			for _, perm := range permissionsOf(p) {
				if access, _ := rules.String(perm.obj, "access"); access != "EDIT" || !accessAdministration[perm.name] {
					continue
				}
				pass.Report(rules.Finding{
					Pointer: rules.PointerJoin(perm.ptr, "access"),
					Entity:  p.label(),
					Message: fmt.Sprintf("%s: EDIT on %q lets the holders of this %s profile widen their own access; "+
						"set it to VIEW or NONE, or give these users an ADMINISTRATOR profile", p.label(), perm.name, typ),
				})
			}
		}
	}
}

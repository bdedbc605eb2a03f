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

// escalationReach says what a profile type can reach of access
// administration, from the profileType description of the Webex CC OpenAPI
// (webex/webex-openapi-specs public-spec/webex-contact-center.json) and the
// Control Hub help (help.webex.com/en-us/article/nzmlgqi):
//   - ADMINISTRATOR, ADMINISTRATOR_ONLY and ANALYZER_ADMINISTRATOR administer
//     by design (the last "has access to ... Provisioning (Manage Entry
//     Points/Queues, Manage Teams, Manage User Profiles, and Manage Users)");
//   - STANDARD_AGENT and PREMIUM_AGENT reach the Agent Desktop (and
//     Multimedia) modules only, so no grant lets them administer anything;
//   - SUPERVISOR reaches every module except tenant management ("A
//     supervisor doesn't have access to Tenant Settings");
//   - ANALYZER_USER "has access to Reporting and Analytics module" only
//     (g_general-settings-up), so, like the agent types, it is not judged;
//   - ANALYZER_SUPERVISOR is a reporting profile too, but nothing documents
//     a cap on what it reaches.
//
// It returns whether the type is judged and whether it can reach tenant
// settings. A missing or unknown type is not judged.
func escalationReach(profileType string) (judged, tenantSettings bool) {
	switch profileType {
	case "SUPERVISOR":
		return true, false
	case "ANALYZER_SUPERVISOR":
		return true, true
	}
	return false, false
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
	Check:            eachProfile(checkPrivilegeEscalation),
}

func checkPrivilegeEscalation(pass *rules.Pass, s *items, p profile) {
	typ, _ := p.obj.Get("profileType").Str()
	judged, tenantSettings := escalationReach(typ)
	if !judged {
		return
	}
	// A system default profile is the platform's own, not a choice
	// made in this export.
	if system, _ := p.obj.Get("systemDefault").Bool(); system {
		return
	}
	switch level, _ := p.obj.Get(permissionList.level).Str(); level {
	case levelAll:
		reach := "user profiles, users, API keys and resource collections"
		if tenantSettings {
			reach = "user profiles, users, API keys, tenant settings and resource collections"
		}
		pass.Report(rules.Finding{
			Pointer: p.at(permissionList.level),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: permissionAccessLevel ALL lets this %s profile edit %s, "+
				"so its holders can widen their own access; "+
				"use SPECIFIC and grant only what the role needs", p.label(), typ, reach),
		})
	case levelNone:
		// Listed permissions are ignored.
	default:
		perms := p.perms
		for _, perm := range perms {
			if perm.access != "EDIT" || !administersAccess(perm.name) {
				continue
			}
			if perm.name == "tenant-setting" && !tenantSettings {
				continue // webex/supervisor-tenant-setting: the grant reaches nothing
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

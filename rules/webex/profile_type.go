package webex

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// Rules that follow from what a profile type can have, per the Control Hub
// help (https://help.webex.com/en-us/article/nzmlgqi).

// CustomAccessOnly reports an ADMINISTRATOR_ONLY or STANDARD_AGENT profile
// whose permission access is not SPECIFIC. For ADMINISTRATOR_ONLY the help
// says "Unlicensed Administrator ... only custom access is available" (an
// error); for STANDARD_AGENT only issue 12's report of a 400 answer says so,
// hence a warning.
var CustomAccessOnly = &rules.Rule{
	ID:              "webex/custom-access-only",
	Title:           "An ADMINISTRATOR_ONLY or STANDARD_AGENT profile asks for full access",
	Doc:             doc("custom-access-only"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           eachProfile(checkCustomAccessOnly),
}

func checkCustomAccessOnly(pass *rules.Pass, _ *struct{}, p profile) {
	typ, _ := p.obj.Get("profileType").Str()
	var what string
	severity := rules.SeverityDefault
	switch typ {
	case "ADMINISTRATOR_ONLY":
		what = "an ADMINISTRATOR_ONLY (unlicensed administrator) profile has only custom access"
	case "STANDARD_AGENT":
		if system, _ := p.obj.Get("systemDefault").Bool(); system {
			return // the platform's own Standard Agent profile
		}
		what = "a custom STANDARD_AGENT profile is reported to take only custom access (the API answering 400)"
		severity = rules.SeverityWarning
	default:
		return
	}
	level, ok := p.obj.Get(permissionList.level).Str()
	if !ok || level == levelSpecific || (typ == "STANDARD_AGENT" && level != "ALL") {
		return // a Standard Agent is judged only when it asks for everything
	}
	pass.Report(rules.Finding{
		Pointer:  p.at(permissionList.level),
		Entity:   p.label(),
		Severity: severity,
		Message: fmt.Sprintf("%s: %s, but permissionAccessLevel is %s: set it to SPECIFIC and list the permissions",
			p.label(), what, level),
	})
}

// SupervisorTenantSetting reports a SUPERVISOR profile that grants tenant
// settings: "A supervisor doesn't have access to Tenant Settings".
var SupervisorTenantSetting = &rules.Rule{
	ID:              "webex/supervisor-tenant-setting",
	Title:           "A SUPERVISOR profile grants tenant settings",
	Doc:             doc("supervisor-tenant-setting"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           eachProfile(checkSupervisorTenantSetting),
}

func checkSupervisorTenantSetting(pass *rules.Pass, s *items, p profile) {
	if typ, _ := p.obj.Get("profileType").Str(); typ != "SUPERVISOR" {
		return
	}
	if level, _ := p.obj.Get(permissionList.level).Str(); level != levelSpecific {
		return // ALL and NONE: the list is not what applies
	}
	perms := p.perms
	for _, perm := range perms {
		if perm.name != "tenant-setting" {
			continue
		}
		access := perm.access
		if access == "NONE" || access == "DISABLED" || access == "" {
			continue
		}
		pass.Report(rules.Finding{
			Pointer: perm.at(p, "access"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: a SUPERVISOR profile does not reach tenant settings, so %s on \"tenant-setting\" grants nothing: "+
				"set it to NONE, or use an ADMINISTRATOR profile for whoever manages tenant settings", p.label(), access),
		})
	}
}

func checkSupervisorOnlyPermission(pass *rules.Pass, s *items, p profile) {
	typ, ok := p.obj.Get("profileType").Str()
	if !ok || typ == "SUPERVISOR" {
		return // a partial update without a type is not judged
	}
	perms := p.perms
	for _, perm := range perms {
		access := perm.access
		if perm.name != "schedule-listening" || access == "" || off(access) {
			continue
		}
		pass.Report(rules.Finding{
			Pointer: perm.at(p, "access"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: \"schedule-listening\" is available only for SUPERVISOR profiles, so %s on this %s profile grants nothing: "+
				"set it to DISABLED or NONE, or grant it in a SUPERVISOR profile", p.label(), access, typ),
		})
	}
}

// SupervisorOnlyPermission reports schedule-listening granted by a profile
// that is not a SUPERVISOR one: the newer OpenAPI says the permission is
// "available only for Supervisor profiles".
var SupervisorOnlyPermission = &rules.Rule{
	ID:              "webex/supervisor-only-permission",
	Title:           "A permission available only to SUPERVISOR profiles is granted by another type",
	Doc:             doc("supervisor-only-permission"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           eachProfile(checkSupervisorOnlyPermission),
}

// monitoringParents maps each monitoring or supervisory permission to the
// module permission it belongs to, from the Webex CC OpenAPI's module
// descriptions (m_call_monitoring: Barge In, Whisper Coach, Mid Call
// Monitor, Restricted Monitor, View Blind Monitor Request;
// m_additional_supervisory_features: Change Agent States, Sign out Agents,
// Send Messages, Re-skill Agents, Manage agent based queues).
var monitoringParents = map[string]string{
	"barge-in": "call-monitoring", "whisper-coach": "call-monitoring", "mid-call-monitor": "call-monitoring",
	"restricted-monitor-only": "call-monitoring", "view-blind-monitor-request": "call-monitoring",
	"change-agent-state": "additional-supervisory", "sign-out-agent": "additional-supervisory",
	"send-message": "additional-supervisory", "reskill-agent": "additional-supervisory",
	"manage-agent-queues-assignment": "additional-supervisory",
}

// SubFeatureWithoutModule reports a monitoring sub-feature that is granted
// while its module permission is off.
var SubFeatureWithoutModule = &rules.Rule{
	ID:              "webex/sub-feature-without-module",
	Title:           "A monitoring feature is on while its module is off",
	Doc:             doc("sub-feature-without-module"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           eachProfile(checkSubFeatureWithoutModule),
}

func off(access string) bool { return access == "NONE" || access == "DISABLED" }

func checkSubFeatureWithoutModule(pass *rules.Pass, s *items, p profile) {
	if level, _ := p.obj.Get(permissionList.level).Str(); level != levelSpecific {
		return
	}
	perms := p.perms
	parents := map[string]permission{}
	for _, perm := range perms {
		if _, isParent := parents[perm.name]; !isParent && (perm.name == "call-monitoring" || perm.name == "additional-supervisory") {
			parents[perm.name] = perm
		}
	}
	for _, perm := range perms {
		module, ok := monitoringParents[perm.name]
		if !ok {
			continue
		}
		parent, listed := parents[module]
		access, parentAccess := perm.access, parent.access
		if !listed || access == "" || off(access) || !off(parentAccess) {
			continue // an unlisted module is not judged: the export may be partial
		}
		pass.Report(rules.Finding{
			Pointer: perm.at(p, "access"),
			Entity:  p.label(),
			Message: fmt.Sprintf("%s: %q is %s but its module %q is %s, so it has no effect: enable %q or turn %q off",
				p.label(), perm.name, access, module, parentAccess, module, perm.name),
			Related: []rules.Related{{Path: pass.Doc.Path, Pointer: parent.at(p, "access"), Message: module + " is " + parentAccess}},
		})
	}
}

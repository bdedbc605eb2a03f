package webex

import "testing"

func TestPrivilegeEscalation(t *testing.T) {
	src := `[
		{"name":"Team Leads","profileType":"SUPERVISOR","permissionAccessLevel":"SPECIFIC","permissions":[
			{"name":"user-profile","access":"EDIT"},{"name":"team","access":"EDIT"},
			{"name":"api-key","access":"VIEW"},{"name":"user","access":"EDIT"}]},
		{"name":"Premium","profileType":"PREMIUM_AGENT","permissionAccessLevel":"ALL"},
		{"name":"Leads","profileType":"SUPERVISOR","permissionAccessLevel":"ALL"},
		{"name":"Supervisor","profileType":"SUPERVISOR","permissionAccessLevel":"ALL","systemDefault":true},
		{"name":"Viewers","profileType":"ANALYZER_USER","permissionAccessLevel":"ALL"},
		{"name":"Quiet","profileType":"STANDARD_AGENT","permissionAccessLevel":"NONE","permissions":[{"name":"user","access":"EDIT"}]},
		{"name":"Admins","profileType":"ADMINISTRATOR","permissionAccessLevel":"ALL"},
		{"name":"Provisioning","profileType":"ADMINISTRATOR_ONLY","permissionAccessLevel":"SPECIFIC","permissions":[{"name":"user","access":"EDIT"}]},
		{"name":"Reports","profileType":"ANALYZER_ADMINISTRATOR","permissionAccessLevel":"SPECIFIC","permissions":[{"name":"tenant-setting","access":"EDIT"}]},
		{"name":"Partial update","permissionAccessLevel":"ALL"}]`
	expect(t, check(t, PrivilegeEscalation, src, nil),
		result{"/0/permissions/0/access", false, 0,
			`profile "Team Leads": EDIT on "user-profile" lets the holders of this SUPERVISOR profile widen their own access; set it to VIEW or NONE, or give these users an ADMINISTRATOR profile`},
		result{"/0/permissions/3/access", false, 0,
			`profile "Team Leads": EDIT on "user" lets the holders of this SUPERVISOR profile widen their own access; set it to VIEW or NONE, or give these users an ADMINISTRATOR profile`},
		// PREMIUM_AGENT and STANDARD_AGENT reach no Provisioning; a system
		// default profile is the platform's; ANALYZER_ADMINISTRATOR
		// administers by design; a supervisor reaches no tenant settings.
		result{"/2/permissionAccessLevel", false, 0,
			`profile "Leads": permissionAccessLevel ALL lets this SUPERVISOR profile edit user profiles, users, API keys and resource collections, so its holders can widen their own access; use SPECIFIC and grant only what the role needs`},
		result{"/4/permissionAccessLevel", false, 0,
			`profile "Viewers": permissionAccessLevel ALL lets this ANALYZER_USER profile edit user profiles, users, API keys, tenant settings and resource collections, so its holders can widen their own access; use SPECIFIC and grant only what the role needs`},
	)
}

package webex

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestPermissionsRequired(t *testing.T) {
	src := `[
		{"name":"Missing","permissionAccessLevel":"SPECIFIC"},
		{"name":"Empty","permissionAccessLevel":"SPECIFIC","permissions":[]},
		{"name":"Fine","permissionAccessLevel":"SPECIFIC","permissions":[{"name":"team","access":"VIEW"}]},
		{"name":"All","permissionAccessLevel":"ALL"},
		{"name":"Wrong type","permissionAccessLevel":7}]`
	expect(t, check(t, PermissionsRequired, src, nil),
		result{"/0/permissionAccessLevel", false, 0,
			`profile "Missing": permissionAccessLevel is SPECIFIC but permissions is missing; add every permission it needs with its access (VIEW, EDIT or NONE)`},
		result{"/1/permissionAccessLevel", false, 0,
			`profile "Empty": permissionAccessLevel is SPECIFIC but permissions is empty; list every permission it needs with its access (VIEW, EDIT or NONE)`},
	)
}

func TestPermissionsRequiredInListIsNote(t *testing.T) {
	src := `{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d"},"data":[
		{"name":"Tier 2","permissionAccessLevel":"SPECIFIC","resourceAccessLevel":"SPECIFIC"},
		{"name":"Tier 3","permissionAccessLevel":"SPECIFIC","permissions":[{"name":"team"}]}]}`
	expect(t, check(t, PermissionsRequired, src, nil),
		result{"/data/0/permissionAccessLevel", false, rules.SeverityNote,
			`profile "Tier 2": permissionAccessLevel is SPECIFIC but the list export has no permissions (the List API strips arrays); export the profile by id to verify`})
	expect(t, check(t, ResourceCollectionsRequired, src, nil),
		result{"/data/0/resourceAccessLevel", false, rules.SeverityNote,
			`profile "Tier 2": resourceAccessLevel is SPECIFIC but the list export has no resourceCollections (the List API strips arrays); export the profile by id to verify`})
}

func TestResourceCollectionsRequired(t *testing.T) {
	src := `[
		{"name":"A","resourceAccessLevel":"SPECIFIC"},
		{"name":"B","resourceAccessLevel":"SPECIFIC","resourceCollections":[{"name":"Claims"}]},
		{"name":"C","resourceAccessLevel":"NONE"}]`
	expect(t, check(t, ResourceCollectionsRequired, src, nil),
		result{"/0/resourceAccessLevel", false, 0,
			`profile "A": resourceAccessLevel is SPECIFIC but resourceCollections is missing; add the resource collections its users may access`})
}

func TestPermissionsIgnored(t *testing.T) {
	src := `[
		{"name":"All","permissionAccessLevel":"ALL","permissions":[{"name":"sites","access":"NONE"}]},
		{"name":"None","permissionAccessLevel":"NONE","permissions":[{"name":"team","access":"VIEW"}]},
		{"name":"Empty list","permissionAccessLevel":"ALL","permissions":[]},
		{"name":"Specific","permissionAccessLevel":"SPECIFIC","permissions":[{"name":"team","access":"VIEW"}]}]`
	fs := check(t, PermissionsIgnored, src, nil)
	expect(t, fs,
		result{"/0/permissions", true, 0,
			`profile "All": permissions probably have no effect: the API documents them only for permissionAccessLevel SPECIFIC, and it is ALL; remove them, or set permissionAccessLevel to SPECIFIC if they should apply`},
		result{"/1/permissions", true, 0,
			`profile "None": permissions probably have no effect: the API documents them only for permissionAccessLevel SPECIFIC, and it is NONE; remove them, or set permissionAccessLevel to SPECIFIC if they should apply`},
	)
	if r := fs[0].Related; len(r) != 1 || r[0].Pointer != "/0/permissionAccessLevel" || r[0].Path != "profiles.json" {
		t.Errorf("related = %+v, want the level value", r)
	}
}

func TestResourceCollectionsIgnored(t *testing.T) {
	src := `{"name":"Claims","resourceAccessLevel":"ALL","resourceCollections":[{"id":"c1","name":"Claims"}]}`
	expect(t, check(t, ResourceCollectionsIgnored, src, nil),
		result{"/resourceCollections", true, 0,
			`profile "Claims": resourceCollections probably have no effect: the API documents them only for resourceAccessLevel SPECIFIC, and it is ALL; remove them, or set resourceAccessLevel to SPECIFIC if they should apply`})
	expect(t, check(t, ResourceCollectionsIgnored,
		`{"name":"Claims","resourceAccessLevel":"SPECIFIC","resourceCollections":[{"id":"c1","name":"Claims"}]}`, nil))
}

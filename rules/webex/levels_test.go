package webex

import "testing"

func TestUndocumentedAccessLevel(t *testing.T) {
	src := `[{"name":"Odd","permissionAccessLevel":"PROVISIONED_VALUE","resourceAccessLevel":"PROVISIONED_VALUE",
		"resourceCollections":[{"name":"Claims","resources":[{"name":"team","accessLevel":"PROVISIONED_VALUE"},{"name":"queue","accessLevel":"ALL"}]}]},
		{"name":"Plain","permissionAccessLevel":"ALL","resourceAccessLevel":"NONE"}]`
	expect(t, check(t, UndocumentedAccessLevel, src, nil),
		result{"/0/permissionAccessLevel", false, 0,
			`profile "Odd": permissionAccessLevel PROVISIONED_VALUE is not documented, so its effect is unknown; use SPECIFIC or ALL`},
		result{"/0/resourceAccessLevel", false, 0,
			`profile "Odd": resourceAccessLevel PROVISIONED_VALUE is not documented, so its effect is unknown; use SPECIFIC or ALL`},
		result{"/0/resourceCollections/0/resources/0/accessLevel", false, 0,
			`profile "Odd": resource "team" in collection "Claims" has accessLevel PROVISIONED_VALUE, which is not documented, so its effect is unknown; use SPECIFIC, ALL or NONE`},
	)
}

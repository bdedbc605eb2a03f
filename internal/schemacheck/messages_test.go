package schemacheck

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// profile returns a valid profile with extra members spliced in front (a
// later duplicate key would win in encoding/json, so tests override by
// putting their members first and never repeating a key).
func profile(members string) string {
	base := `"profileType": "SUPERVISOR", "permissionAccessLevel": "ALL", "resourceAccessLevel": "ALL"`
	if members != "" {
		members += ", "
	}
	return `{` + members + base + `}`
}

func TestMessages(t *testing.T) {
	uccx := rules.NewOptions(map[*rules.Option]any{kinds.FinessePlatform: "uccx"})
	cases := []struct {
		name  string
		kind  rules.Kind
		shape rules.Shape
		src   string
		opts  *rules.Options
		want  []string
	}{
		{
			name: "webex pattern", kind: rules.KindWebexUserProfile, shape: rules.ShapeObject,
			src:  profile(`"name": "Sales.Team", "active": true`),
			want: []string{`/name: profile "Sales.Team": name has characters that are not allowed ('.'); allowed: letters, digits, space, ',', '_', '-'`},
		},
		{
			name: "webex pattern lists each bad character once", kind: rules.KindWebexUserProfile, shape: rules.ShapeObject,
			src:  profile(`"name": "a.b.c/d!é", "active": true`),
			want: []string{`/name: profile "a.b.c/d!é": name has characters that are not allowed ('.', '/', '!', 'é'); allowed: letters, digits, space, ',', '_', '-'`},
		},
		{
			name: "enum with suggestion", kind: rules.KindWebexUserProfile, shape: rules.ShapeList,
			src: `{"data": [{"name": "Agents", "active": true, "profileType": "SUPERVISR", "permissionAccessLevel": "all", "resourceAccessLevel": "EVERYTHING"}]}`,
			want: []string{
				`/data/0/permissionAccessLevel: profile "Agents": permissionAccessLevel "all" is not one of SPECIFIC, ALL, PROVISIONED_VALUE, NONE; did you mean ALL?`,
				`/data/0/profileType: profile "Agents": profileType "SUPERVISR" is not one of ADMINISTRATOR, ADMINISTRATOR_ONLY, SUPERVISOR, PREMIUM_AGENT, STANDARD_AGENT, ANALYZER_ADMINISTRATOR, ANALYZER_SUPERVISOR, ANALYZER_USER; did you mean SUPERVISOR?`,
				`/data/0/resourceAccessLevel: profile "Agents": resourceAccessLevel "EVERYTHING" is not one of SPECIFIC, ALL, PROVISIONED_VALUE, NONE`,
			},
		},
		{
			name: "int32 and int64 ranges", kind: rules.KindWebexUserProfile, shape: rules.ShapeObject,
			src: profile(`"name": "A", "active": true, "version": 4294967296, "createdTime": 9223372036854775808, "editableFolderIds": [1, -2147483649]`),
			want: []string{
				`/createdTime: profile "A": createdTime 9223372036854775808 is out of range for a 64-bit integer`,
				`/editableFolderIds/1: profile "A": editableFolderIds[1] -2147483649 is out of range for a 32-bit integer`,
				`/version: profile "A": version 4294967296 is out of range for a 32-bit integer`,
			},
		},
		{
			name: "required at the object", kind: rules.KindWebexUserProfile, shape: rules.ShapeArray,
			src: `[{"name": "Sales", "profileType": "SUPERVISOR", "resourceAccessLevel": "ALL"}]`,
			want: []string{
				`/0: profile "Sales": missing required key "active"`,
				`/0: profile "Sales": missing required key "permissionAccessLevel"`,
			},
		},
		{
			name: "nested required, type, minLength, maxLength", kind: rules.KindWebexUserProfile, shape: rules.ShapeBulk,
			src: `{"items": [{"itemIdentifier": "one", "requestAction": "SAVE", "item": ` + profile(`"id": "p1", "active": "yes", "description": "`+longText(256)+`", "permissions": [{"name": ""}], "resourceCollections": [{"name": "Team A", "resources": [{"name": "team"}]}]`) + `}]}`,
			want: []string{
				`/items/0/item: profile with id "p1": missing required key "name"`,
				`/items/0/item/active: profile with id "p1": active must be true or false, not the string "yes"`,
				`/items/0/item/description: profile with id "p1": description is 256 characters long; the maximum is 255`,
				`/items/0/item/permissions/0/name: profile with id "p1": permissions[0].name must not be empty`,
				`/items/0/item/resourceCollections/0/resources/0: profile with id "p1": resourceCollections[0].resources[0] is missing required key "accessLevel"`,
				`/items/0/itemIdentifier: items[0].itemIdentifier must be an integer, not the string "one"`,
			},
		},
		{
			name: "bulk DELETE items need no required members", kind: rules.KindWebexUserProfile, shape: rules.ShapeBulk,
			src: `{"items": [{"itemIdentifier": 1, "requestAction": "DELETE", "item": {"id": "p1"}}, {"itemIdentifier": 2, "requestAction": "DELETE", "item": {"id": "p2", "version": "3"}}, {"itemIdentifier": 3, "requestAction": "SAVE", "item": {"id": "p3"}}]}`,
			want: []string{
				`/items/1/item/version: profile with id "p2": version must be an integer, not the string "3"`,
				`/items/2/item: profile with id "p3": missing required key "active"`,
				`/items/2/item: profile with id "p3": missing required key "name"`,
				`/items/2/item: profile with id "p3": missing required key "permissionAccessLevel"`,
				`/items/2/item: profile with id "p3": missing required key "profileType"`,
				`/items/2/item: profile with id "p3": missing required key "resourceAccessLevel"`,
			},
		},
		{
			name: "uniqueItems at the repeated item", kind: rules.KindWebexUserProfile, shape: rules.ShapeObject,
			src: profile(`"name": "A", "active": true, "viewableFolderIds": [3, 4, 3, 3.0], "permissions": [{"name": "team", "access": "VIEW"}, {"access": "VIEW", "name": "team"}]`),
			want: []string{
				`/permissions/1: profile "A": permissions[1] is the same as permissions[0]; each entry may appear only once`,
				`/viewableFolderIds/2: profile "A": viewableFolderIds lists 3 more than once (at [0] and [2])`,
				`/viewableFolderIds/3: profile "A": viewableFolderIds lists 3.0 more than once (at [0] and [3])`,
			},
		},
		{
			name: "uuid pattern", kind: rules.KindWebexUserProfile, shape: rules.ShapeList,
			src: `{"meta": {"orgid": "not-a-uuid"}, "data": [` + profile(`"name": "A", "active": true, "organizationId": "f53c8b54-46ca-43f6-ba05-08426a46e23"`) + `]}`,
			want: []string{
				`/data/0/organizationId: profile "A": organizationId "f53c8b54-46ca-43f6-ba05-08426a46e23" must be a UUID (32 hexadecimal digits, optionally grouped 8-4-4-4-12 with hyphens)`,
				`/meta/orgid: meta.orgid "not-a-uuid" must be a UUID (32 hexadecimal digits, optionally grouped 8-4-4-4-12 with hyphens)`,
			},
		},
		{
			name: "envelope type errors", kind: rules.KindWebexUserProfile, shape: rules.ShapeList,
			src:  `{"data": [42, ` + profile(`"name": "A", "active": true`) + `]}`,
			want: []string{`/data/0: data[0] must be an object, not the number 42`},
		},
		{
			name: "tenant users", kind: rules.KindTenantUsers, shape: rules.ShapeArray,
			src: `[{"email": "ana@example", "displayName": "", "roles": ["customer.user", 5], "isParent": "no"}, {"displayName": "` + longText(101) + `", "email": "bo@example.com"}, {"id": "u3", "roles": "user.admin"}]`,
			want: []string{
				`/0/displayName: user ana@example: displayName must not be empty`,
				`/0/email: user ana@example: email "ana@example" must be an e-mail address such as ana@example.com`,
				`/0/isParent: user ana@example: isParent must be true or false, not the string "no"`,
				`/0/roles/1: user ana@example: roles[1] must be a string, not the number 5`,
				`/1/displayName: user bo@example.com: displayName is 101 characters long; the maximum is 100`,
				`/2: user id u3: missing required key "displayName"`,
				`/2: user id u3: missing required key "email"`,
				`/2/roles: user id u3: roles must be an array, not the string "user.admin"`,
			},
		},
		{
			name: "tenant envelope", kind: rules.KindTenantUsers, shape: rules.ShapeList,
			src:  `{"page_size": -1, "status": 200, "data": []}`,
			want: []string{`/page_size: page_size -1 is out of range; it must be at least 0`, `/status: status must be a string, not the number 200`},
		},
		{
			name: "pcce role name rules", kind: rules.KindPCCERoles, shape: rules.ShapeList,
			src: `{"roles": [{"name": "_Team-Lead"}, {"name": "` + longText(33) + `"}, {"name": ""}, {"description": "x"}]}`,
			want: []string{
				`/roles/0/name: role "_Team-Lead": name "_Team-Lead" must start with a letter or a digit`,
				`/roles/0/name: role "_Team-Lead": name has characters that are not allowed ('-'); allowed: letters, digits, '.', '_'`,
				`/roles/1/name: role "` + longText(33) + `": name is 33 characters long; the maximum is 32`,
				`/roles/2/name: unnamed role: name must not be empty`,
				`/roles/3: unnamed role: missing required element <name>`,
			},
		},
		{
			name: "pcce role fields", kind: rules.KindPCCERoles, shape: rules.ShapeObject,
			src: `{"name": "TeamLead", "Description": "x", "changeStamp": -1, "systemDefined": "yes", "accessList": [{"name": "agent", "Category": "agent"}], "administrators": "", "refURL": 5}`,
			want: []string{
				`/Description [key]: role "TeamLead": element <Description> is not allowed; did you mean <description>? (element names are case-sensitive)`,
				`/accessList/0/Category [key]: role "TeamLead": element <Category> is not allowed in accessList[0]; did you mean <category>? (element names are case-sensitive)`,
				`/administrators: role "TeamLead": administrators must be a list of child elements, not empty`,
				`/changeStamp: role "TeamLead": changeStamp -1 is out of range; it must be at least 0`,
				`/refURL: role "TeamLead": refURL must be text, not the number 5`,
				`/systemDefined: role "TeamLead": systemDefined must be true or false, not "yes"`,
			},
		},
		{
			name: "pcce list envelope and stray text", kind: rules.KindPCCERoles, shape: rules.ShapeList,
			src: `{"pageInfo": {"totalResults": -1}, "permissionInfo": {"canUpdate": "yes"}, "roles": [{"name": "TeamLead", "accessList": [{"name": "x", "#text": "stray"}]}]}`,
			want: []string{
				`/pageInfo/totalResults: pageInfo.totalResults -1 is out of range; it must be at least 0`,
				`/permissionInfo/canUpdate: permissionInfo.canUpdate must be true or false, not "yes"`,
				`/roles/0/accessList/0/#text [key]: role "TeamLead": text between child elements is not allowed in accessList[0]`,
			},
		},
		{
			name: "pcce administrator", kind: rules.KindPCCEAdministrators, shape: rules.ShapeList,
			src: `{"administrators": [{"userName": "` + longText(65) + `", "domainName": "BOSTON.COM", "readOnly": "maybe", "role": {"refURL": "/unifiedconfig/config/role/1", "id": "1"}, "password": "hunter2", "ssoEnabled": true}, {"domainName": "X"}]}`,
			want: []string{
				`/administrators/0/password [key]: administrator "` + longText(65) + `@BOSTON.COM": element <password> is not allowed`,
				`/administrators/0/readOnly: administrator "` + longText(65) + `@BOSTON.COM": readOnly must be true or false, not "maybe"`,
				`/administrators/0/role/id [key]: administrator "` + longText(65) + `@BOSTON.COM": element <id> is not allowed in role`,
				`/administrators/0/userName: administrator "` + longText(65) + `@BOSTON.COM": userName is 65 characters long; the maximum is 64`,
				`/administrators/1: unnamed administrator: missing required element <readOnly>`,
				`/administrators/1: unnamed administrator: missing required element <userName>`,
			},
		},
		{
			name: "pcce features", kind: rules.KindPCCEFeatures, shape: rules.ShapeArray,
			src:  `[{"category": "agent"}, {"name": "x", "enabled": "true"}]`,
			want: []string{`/0: feature #1: missing required element <name>`, `/1/enabled [key]: feature "x": element <enabled> is not allowed`},
		},
		{
			name: "finesse ucce", kind: rules.KindFinesseReasonCodes, shape: rules.ShapeArray,
			src: `[{"code": 70000, "label": "` + longText(45) + `", "category": "NOT READY", "forAll": "true"}, {"code": "12a", "label": ""}, {"label": "Lunch", "category": "LOGOUT"}]`,
			want: []string{
				`/0/category: reason code 70000: category "NOT READY" is not one of NOT_READY, LOGOUT; did you mean NOT_READY?`,
				`/0/code: reason code 70000: code 70000 is out of range; it must be from 1 to 65535 on UCCE and PCCE`,
				`/0/forAll: reason code 70000: forAll "true" must be true or false`,
				`/0/label: reason code 70000: label is 45 characters long; the maximum is 40`,
				`/1/code: reason code #2: code must be an integer, not "12a"`,
				`/1/label: reason code #2: label must not be empty`,
				`/2: reason code "Lunch": missing required element <code>`,
			},
		},
		{
			name: "finesse uccx", kind: rules.KindFinesseReasonCodes, shape: rules.ShapeObject, opts: uccx,
			src:  `{"code": 1500, "label": "Break"}`,
			want: []string{`/code: reason code 1500: code 1500 is out of range; it must be from 1 to 999 on UCCX (finesse.platform: uccx)`},
		},
		{
			name: "finesse zero code", kind: rules.KindFinesseReasonCodes, shape: rules.ShapeArray, opts: uccx,
			src:  `[{"code": 0, "label": "Break"}]`,
			want: []string{`/0/code: reason code 0: code 0 is out of range; it must be from 1 to 999 on UCCX (finesse.platform: uccx)`},
		},
		{
			name: "cxone structure", kind: rules.KindCXoneScript, shape: rules.ShapeObject,
			src: `{"header": {"scriptName": "Main"}, "actions": {"1": {"actionId": "1", "name": "BEGIN"}, "2": {"actionId": 2}, "3": "END"}, "properties": {"1": {"0": {"name": 5}}}, "branches": {"1": [{"to": true, "label": "Default"}], "2": {"to": 3}}}`,
			want: []string{
				`/actions/1/actionId: action 1: actionId must be an integer, not the string "1"`,
				`/actions/2: action 2: missing required key "name"`,
				`/actions/3: script "Main": actions.3 must be an object, not the string "END"`,
				`/branches/1/0/to: action 1: branches[0].to must be an integer or a string, not the boolean true`,
				`/branches/2: action 2: branches must be an array, not an object`,
				`/properties/1/0/name: action 1: properties.0.name must be a string, not the number 5`,
			},
		},
		{
			name: "cxone missing actions", kind: rules.KindCXoneScript, shape: rules.ShapeObject,
			src:  `{"header": [], "branches": {}}`,
			want: []string{`: missing required key "actions"`, `/header: header must be an object, not an array`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := document(t, c.kind, c.shape, c.src)
			fs := Validate(doc, c.opts)
			equalLines(t, lines(fs), c.want)
			for _, f := range fs {
				if f.RuleID != rules.IDSchema || f.Path != doc.Path {
					t.Errorf("finding %q: rule %q path %q", f.Message, f.RuleID, f.Path)
				}
			}
		})
	}
}

func longText(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return string(b)
}

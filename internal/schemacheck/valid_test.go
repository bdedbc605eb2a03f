package schemacheck

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// seedProfile is the UserProfileGranularAccessDTO example of seed 001 (its
// permission name "sites" is a catalog matter, not a schema one).
const seedProfile = `{
  "organizationId": "f53c8b54-46ca-43f6-ba05-08426a46e23d",
  "id": "93912f11-6017-404b-bf14-5331890b1797",
  "version": 1,
  "name": "Contact Center Admin Profile",
  "description": "This profile should be applied only to contact center admins.",
  "profileType": "PREMIUM_AGENT",
  "active": true,
  "permissionAccessLevel": "ALL",
  "resourceAccessLevel": "ALL",
  "permissions": [{"id": "00734874-4732-43bb-bfff-d1e75d309eb1", "name": "sites", "access": "NONE"}],
  "editableFolderIds": [1, 2],
  "viewableFolderIds": [1, 2],
  "nonViewableFolderIds": [1, 2],
  "systemDefault": false,
  "defaultResourceCollectionId": "80f49a6e-11d7-4651-b730-99ed2f726f61",
  "resourceCollections": [{
    "id": "80f49a6e-11d7-4651-b730-99ed2f726f61",
    "name": "Department1",
    "description": "Department1 description.",
    "resources": [
      {"name": "team", "accessLevel": "SPECIFIC", "ids": ["00734874-4732-43bb-bfff-d1e75d309eb1", "00734874-4732-43bb-bfff-d1e75d309eb2"]},
      {"name": "desktop-profile", "accessLevel": "ALL"},
      {"name": "desktop-layout", "accessLevel": "NONE"}
    ],
    "resourceCount": 2
  }],
  "createdTime": 0,
  "lastUpdatedTime": 0
}`

// seedRole is the Role GET example of seed 002 as the XML loader's data model.
const seedRole = `{
  "changeStamp": 15,
  "refURL": "/unifiedconfig/config/role/5003",
  "administrators": [
    {"refURL": "/unifiedconfig/config/administrator/5002", "domainName": "BOSTON.COM", "userName": "userAttribute"}
  ],
  "description": "testAttribute",
  "accessList": [
    {"category": "agent", "name": "attribute"},
    {"category": "agent", "name": "reasoncode"},
    {"category": "call", "name": "bucketinterval"}
  ],
  "name": "testAttribute",
  "systemDefined": false
}`

const validAdmin = `{
  "changeStamp": 3, "refURL": "/unifiedconfig/config/administrator/5000",
  "domainName": "BOSTON.COM", "userName": "jsmith", "description": "Config admin",
  "readOnly": false, "ssoEnabled": false, "supervisor": true,
  "role": {"refURL": "/unifiedconfig/config/role/5005", "name": "ConfigAdmin"},
  "departments": [{"refURL": "/unifiedconfig/config/department/5000", "name": "dept1"}]
}`

const validReasonCodes = `[
  {"uri": "/finesse/api/ReasonCode/1", "category": "NOT_READY", "code": 32767, "label": "Lunch", "forAll": true, "systemCode": false},
  {"uri": "/finesse/api/ReasonCode/2", "category": "LOGOUT", "code": 1, "label": "End of shift", "forAll": false, "systemCode": false}
]`

const validScript = `{
  "header": {"scriptName": "Main IVR", "mediaType": 4, "mediaTypeName": "call"},
  "actions": {
    "1": {"actionId": 1, "name": "BEGIN", "label": "Begin", "libraryId": "B2F794C5-0232-40E7-9830-76D573BF57D7", "x": 10, "y": 20},
    "2": {"actionId": 2, "name": "MENU", "label": "Menu"},
    "3": {"actionId": 3, "name": "END"}
  },
  "properties": {
    "1": {"0": {"name": "Parameters", "value": ["a", "b"]}},
    "2": [{"name": "Sequence", "value": "welcome.wav"}]
  },
  "branches": {
    "1": [{"to": 2, "label": "Default", "type": "default", "index": 0}],
    "2": [{"to": "3", "label": "1", "type": "case", "index": 1, "ports": {}}]
  }
}`

func TestValidDocumentsPass(t *testing.T) {
	cases := []struct {
		name  string
		kind  rules.Kind
		shape rules.Shape
		src   string
		opts  *rules.Options
	}{
		{"webex seed profile", rules.KindWebexUserProfile, rules.ShapeObject, seedProfile, nil},
		{"webex array", rules.KindWebexUserProfile, rules.ShapeArray, `[` + seedProfile + `,` + seedProfile + `]`, nil},
		{"webex list", rules.KindWebexUserProfile, rules.ShapeList, `{"meta": {"orgid": "f53c8b5446ca43f6ba0508426a46e23d", "page": 0, "pageSize": 100, "totalPages": 1, "totalRecords": 1, "links": {"self": "/x"}}, "data": [` + seedProfile + `]}`, nil},
		{"webex bulk", rules.KindWebexUserProfile, rules.ShapeBulk, `{"items": [{"itemIdentifier": 0, "requestAction": "SAVE", "item": ` + seedProfile + `}]}`, nil},
		{"webex list without arrays", rules.KindWebexUserProfile, rules.ShapeList, `{"data": [{"name": "", "profileType": "ANALYZER_USER", "active": false, "permissionAccessLevel": "PROVISIONED_VALUE", "resourceAccessLevel": "NONE", "unknownKey": 1}]}`, nil},
		{"tenant list", rules.KindTenantUsers, rules.ShapeList, `{"page_size": 2, "status": "success", "timestamp": "2024-01-01T00:00:00Z", "data": [
			{"id": "u1", "displayName": "Ana Silva", "email": "ana@example.com", "roles": ["customer.user", "user.admin"], "primaryTenant": "t1", "isParent": false},
			{"displayName": "Bo", "email": "bo.li@sub.example.co.uk", "roles": []}]}`, nil},
		{"pcce seed role", rules.KindPCCERoles, rules.ShapeObject, seedRole, nil},
		{"pcce role list", rules.KindPCCERoles, rules.ShapeList, `{"pageInfo": {"totalResults": 1, "startIndex": 0, "resultsPerPage": 25, "firstPage": "/unifiedconfig/config/role?startIndex=0"}, "permissionInfo": {"canCreate": true, "role": "Administrator"}, "roles": [` + seedRole + `]}`, nil},
		{"pcce administrator", rules.KindPCCEAdministrators, rules.ShapeObject, validAdmin, nil},
		{"pcce administrator list", rules.KindPCCEAdministrators, rules.ShapeList, `{"administrators": [` + validAdmin + `, {"userName": "a", "readOnly": true}]}`, nil},
		{"pcce features", rules.KindPCCEFeatures, rules.ShapeArray, `[{"name": "attribute", "category": "agent"}, {"name": "CampaignStatus"}]`, nil},
		{"pcce features list", rules.KindPCCEFeatures, rules.ShapeList, `{"accessList": [{"name": "attribute", "category": "agent"}]}`, nil},
		{"finesse array", rules.KindFinesseReasonCodes, rules.ShapeArray, validReasonCodes, nil},
		{"finesse object", rules.KindFinesseReasonCodes, rules.ShapeObject, `{"code": 65535, "label": "1234567890123456789012345678901234567890"}`, rules.NewOptions(map[*rules.Option]any{kinds.FinessePlatform: "pcce"})},
		{"finesse uccx", rules.KindFinesseReasonCodes, rules.ShapeObject, `{"code": 999, "label": "Break", "category": "NOT_READY"}`, rules.NewOptions(map[*rules.Option]any{kinds.FinessePlatform: "uccx"})},
		{"cxone script", rules.KindCXoneScript, rules.ShapeObject, validScript, nil},
		{"finesse integration has no schema", rules.KindFinesseIntegration, rules.ShapeObject, `{"url": 5}`, nil},
		{"unknown kind", "", rules.ShapeUnknown, `{"a": 1}`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := document(t, c.kind, c.shape, c.src)
			if fs := Validate(doc, c.opts); len(fs) != 0 {
				t.Errorf("want no findings, got:\n%v", lines(fs))
			}
		})
	}
}

// TestUUIDFormatIsNotAsserted: the vendor's uuid accepts 32 hex digits with
// hyphens anywhere the pattern allows or none, which strict RFC 4122 format
// checks reject.
func TestUUIDFormatIsNotAsserted(t *testing.T) {
	for _, id := range []string{"F53C8B5446CA43F6BA0508426A46E23D", "f53c8b54-46ca43f6-ba05-08426a46e23d"} {
		doc := document(t, rules.KindWebexUserProfile, rules.ShapeObject, `{"organizationId": "`+id+`", "name": "A", "profileType": "SUPERVISOR", "active": true, "permissionAccessLevel": "ALL", "resourceAccessLevel": "ALL"}`)
		if fs := Validate(doc, nil); len(fs) != 0 {
			t.Errorf("%s: want no findings, got %v", id, lines(fs))
		}
	}
}

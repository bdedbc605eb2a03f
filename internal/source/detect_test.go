package source

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Realistic inputs: the profile is the example of the
// UserProfileGranularAccessDTO schema (seed 001); the tenant users follow
// the user schema and the Get-All answer (domain notes §B2, §B6).
const (
	seedProfile = `{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"93912f11-6017-404b-bf14-5331890b1797",
"version":1,"name":"Contact Center Admin Profile","description":"This profile should be applied only to contact center admins.",
"profileType":"PREMIUM_AGENT","active":true,"permissionAccessLevel":"ALL","resourceAccessLevel":"ALL",
"permissions":[{"id":"00734874-4732-43bb-bfff-d1e75d309eb1","name":"sites","access":"NONE"}],
"editableFolderIds":[1,2],"viewableFolderIds":[1,2],"nonViewableFolderIds":[1,2],"systemDefault":false,
"defaultResourceCollectionId":"80f49a6e-11d7-4651-b730-99ed2f726f61",
"resourceCollections":[{"id":"80f49a6e-11d7-4651-b730-99ed2f726f61","name":"Department1","description":"Department1 description.",
"resources":[{"name":"team","accessLevel":"SPECIFIC","ids":["00734874-4732-43bb-bfff-d1e75d309eb1"]}],"resourceCount":2}],
"createdTime":0,"lastUpdatedTime":0}`
	tenantUser = `{"id":"u-1","displayName":"Ana Silva","email":"ana@example.com",
"roles":["customer.user","user.admin","customer.user.supervisorl1"],"primaryTenant":"t-1","isParent":false}`
	tenantListItem = `{"id":"u-2","displayName":"Bo Chen","email":"bo@example.com","primaryTenant":"t-1","isParent":false}`
	cxoneScript    = `{"header":{"masterId":1,"scriptName":"Main IVR","busNo":4599,"mediaType":4,"mediaTypeName":"call"},
"actions":{"1":{"actionId":1,"name":"BEGIN","label":"Begin"},"2":{"actionId":2,"name":"END","label":"End"}},
"properties":{"1":{"0":{"name":"RootFolder","value":""}}},
"branches":{"1":[{"to":2,"label":"Default","type":"default","index":0}]}}`
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		kind     rules.Kind
		shape    rules.Shape
		entities []string
	}{
		{"webex bare profile", seedProfile, rules.KindWebexUserProfile, rules.ShapeObject, []string{""}},
		{"webex array", "[" + seedProfile + "," + seedProfile + "]", rules.KindWebexUserProfile, rules.ShapeArray, []string{"/0", "/1"}},
		{"webex list envelope", `{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d","page":0,"pageSize":100,"totalPages":1,"totalRecords":1,` +
			`"links":{"self":"/organization/o/v3/user-profile?page=0"}},"data":[` + seedProfile + `]}`,
			rules.KindWebexUserProfile, rules.ShapeList, []string{"/data/0"}},
		{"webex empty page with orgid", `{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d","page":0},"data":[]}`,
			rules.KindWebexUserProfile, rules.ShapeList, nil},
		{"webex empty page with links", `{"meta":{"links":{"self":"/x"}},"data":[]}`, rules.KindWebexUserProfile, rules.ShapeList, nil},
		{"webex bulk", `{"items":[{"itemIdentifier":0,"item":` + seedProfile + `,"requestAction":"SAVE"},` +
			`{"itemIdentifier":1,"item":{"id":"93912f11-6017-404b-bf14-5331890b1797"},"requestAction":"DELETE"},` +
			`{"itemIdentifier":2,"item":` + seedProfile + `,"requestAction":"SAVE"}]}`,
			rules.KindWebexUserProfile, rules.ShapeBulk, []string{"/items/0/item", "/items/1/item", "/items/2/item"}},
		{"webex bulk of deletes only", `{"items":[{"itemIdentifier":0,"item":{"id":"93912f11"},"requestAction":"DELETE"}]}`,
			rules.KindWebexUserProfile, rules.ShapeBulk, []string{"/items/0/item"}},
		{"resource-collection bulk is not a profile bulk", `{"items":[{"item":{"id":"1","name":"Updated Collection","resources":[]},` +
			`"itemIdentifier":0,"requestAction":"SAVE"}]}`, "", rules.ShapeUnknown, nil},
		{"tenant user", tenantUser, rules.KindTenantUsers, rules.ShapeObject, []string{""}},
		{"tenant user without roles yet", `{"email":"a@example.com","roles":[]}`, rules.KindTenantUsers, rules.ShapeObject, []string{""}},
		{"tenant array", "[" + tenantUser + "," + tenantUser + "]", rules.KindTenantUsers, rules.ShapeArray, []string{"/0", "/1"}},
		{"tenant Get-All envelope", `{"page_size":2,"data":[` + tenantUser + `,` + tenantListItem + `],"status":"success","timestamp":"2024-05-01T10:00:00Z"}`,
			rules.KindTenantUsers, rules.ShapeList, []string{"/data/0", "/data/1"}},
		{"tenant Get-All items without roles", `{"page_size":1,"data":[` + tenantListItem + `],"status":"success"}`,
			rules.KindTenantUsers, rules.ShapeList, []string{"/data/0"}},
		{"tenant empty page", `{"page_size":0,"data":[],"status":"success"}`, rules.KindTenantUsers, rules.ShapeList, nil},
		{"mixed array: first recognisable element", `[42, {"foo":1}, ` + tenantUser + `, ` + seedProfile + `]`,
			rules.KindTenantUsers, rules.ShapeArray, []string{"/1", "/2", "/3"}},
		{"cxone script", cxoneScript, rules.KindCXoneScript, rules.ShapeObject, []string{""}},
		{"finesse integration", `{"name":"wallboard","finesse":{"servers":[{"url":"https://fin1.example.com:8445/finesse/api/Team/5"}]},"user":"sup1"}`,
			rules.KindFinesseIntegration, rules.ShapeObject, []string{""}},
		{"finesse integration array", `[{"url":"/finesse/api/ReasonCodes?category=ALL"}, 3]`,
			rules.KindFinesseIntegration, rules.ShapeArray, []string{"/0"}},
		{"finesse path in a key only", `{"/finesse/api/x":1}`, "", rules.ShapeUnknown, nil},
		{"actions alone is not a script", `{"actions":{"1":{}}}`, "", rules.ShapeUnknown, nil},
		{"roles that are not role keys", `{"email":"a@example.com","roles":["admin"]}`, "", rules.ShapeUnknown, nil},
		{"data without envelope keys", `{"data":[{"x":1}]}`, "", rules.ShapeUnknown, nil},
		{"null", `null`, "", rules.ShapeUnknown, nil},
		{"string", `"/finesse/api/User"`, "", rules.ShapeUnknown, nil},
		{"number", `42`, "", rules.ShapeUnknown, nil},
		{"empty array", `[]`, "", rules.ShapeUnknown, nil},
		{"empty object", `{}`, "", rules.ShapeUnknown, nil},
		{"odd envelope members", `{"data":5,"items":"x","meta":[],"actions":[]}`, "", rules.ShapeUnknown, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := jsontest.Decode(t, tt.in)
			kind, shape := Detect(tree.FromAny(root).Root())
			if kind != tt.kind || shape != tt.shape {
				t.Fatalf("Detect = %q %q, want %q %q", kind, shape, tt.kind, tt.shape)
			}
			var ptrs []string
			for _, e := range Entities(kind, shape, tree.FromAny(root).Root()) {
				ptrs = append(ptrs, e.Pointer)
				if v, ok := lookup(root, e.Pointer); !ok || !reflect.DeepEqual(v, e.Data.Any()) {
					t.Errorf("entity %q does not point at its value", e.Pointer)
				}
			}
			if !reflect.DeepEqual(ptrs, tt.entities) {
				t.Errorf("entities %q, want %q", ptrs, tt.entities)
			}
		})
	}
}

func TestShapeOfForcedKinds(t *testing.T) {
	tests := []struct {
		kind  rules.Kind
		in    string
		shape rules.Shape
		first string
	}{
		{rules.KindPCCERoles, `{"roles":[{"name":"TeamLead"}],"pageInfo":{}}`, rules.ShapeList, "/roles/0"},
		{rules.KindPCCEAdministrators, `{"administrators":[{"userName":"a"}]}`, rules.ShapeList, "/administrators/0"},
		{rules.KindPCCEFeatures, `{"accessList":[{"name":"Agent"}]}`, rules.ShapeList, "/accessList/0"},
		{rules.KindFinesseReasonCodes, `[{"code":1}]`, rules.ShapeArray, "/0"},
		{rules.KindWebexUserProfile, `{"items":[{"item":{"id":"x"}}]}`, rules.ShapeBulk, "/items/0/item"},
		{rules.KindWebexUserProfile, `{"name":"p"}`, rules.ShapeObject, ""},
		{rules.KindCXoneScript, `{"data":[{"x":1}]}`, rules.ShapeObject, ""},
		{rules.KindTenantUsers, `"text"`, rules.ShapeUnknown, ""},
	}
	for _, tt := range tests {
		root := jsontest.Decode(t, tt.in)
		model := tree.FromAny(root).Root()
		shape := ShapeOf(tt.kind, model)
		ents := Entities(tt.kind, shape, model)
		first := ""
		if len(ents) > 0 {
			first = ents[0].Pointer
		}
		if shape != tt.shape || first != tt.first || (tt.shape != rules.ShapeUnknown && len(ents) == 0) {
			t.Errorf("%s %s: shape %q first entity %q (%d), want %q %q", tt.kind, tt.in, shape, first, len(ents), tt.shape, tt.first)
		}
	}
}

// A finesse URL buried deeper than any recursion would like is still found.
func TestDetectDeepFinesseURL(t *testing.T) {
	var root any = "https://f.example.com/finesse/api/User/1"
	for range 100000 {
		root = []any{map[string]any{"x": root}}
	}
	if kind, _ := Detect(tree.FromAny(root).Root()); kind != rules.KindFinesseIntegration {
		t.Errorf("kind %q", kind)
	}
}

func FuzzDetect(f *testing.F) {
	addSeeds(f, []string{seedProfile, tenantUser, cxoneScript, `{"items":[{"item":{"id":"x"},"itemIdentifier":1}]}`,
		`{"page_size":0,"data":[],"status":"x"}`, `[1,{"email":"a","roles":["a.b"]}]`, `{"a":["/finesse/api/"]}`, `null`},
		".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		var root any
		d := json.NewDecoder(strings.NewReader(string(data)))
		d.UseNumber()
		if d.Decode(&root) != nil {
			return
		}
		model := tree.FromAny(root).Root()
		kind, shape := Detect(model)
		check := func(kind rules.Kind, shape rules.Shape) {
			ents := Entities(kind, shape, model)
			if kind == "" && ents != nil {
				t.Fatalf("entities without a kind")
			}
			for _, e := range ents {
				if v, ok := lookup(root, e.Pointer); !ok || !reflect.DeepEqual(v, e.Data.Any()) {
					t.Fatalf("entity %q of %s/%s does not resolve in the model", e.Pointer, kind, shape)
				}
			}
		}
		check(kind, shape)
		for _, k := range kinds.Names() {
			check(k, ShapeOf(k, model))
		}
	})
}

package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestAdminWithoutRole(t *testing.T) {
	doc := newDoc(t, rules.KindPCCEAdministrators, "admins.xml", `{"administrators":[
		{"userName":"ana","domainName":"EXAMPLE.COM","readOnly":false,"role":{"refURL":"/unifiedconfig/config/role/5005","name":"ConfigAdmin"}},
		{"userName":"bo","readOnly":false},
		{"userName":"cy","domainName":"EXAMPLE.COM","readOnly":false,"role":""},
		{"userName":"di","readOnly":true,"role":{"refURL":"","name":""}},
		{"userName":"ed","readOnly":true,"role":{"name":"ConfigAdmin"}},
		{"readOnly":true}
	]}`)
	expect(t, run(t, AdminWithoutRole, nil, doc),
		want{pointer: "/administrators/1/userName", message: []string{`administrator "bo" has no role`, "cannot use the web configuration tools, Configuration Manager or Script Editor; assign a role"}},
		want{pointer: "/administrators/2/role", target: rules.TargetKey, message: []string{`administrator "cy@EXAMPLE.COM" has no role`}},
		want{pointer: "/administrators/3/role", target: rules.TargetKey, message: []string{`administrator "di"`}},
		want{pointer: "/administrators/5", message: []string{"unnamed administrator has no role"}},
	)
}

package kinds_test

import (
	"slices"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/ruletest/testdoc"
)

// TestLabels pins what messages call an entity of each kind, with and
// without the members that name it. Each entity is read through the real
// loader, as the rules and the validator see it.
func TestLabels(t *testing.T) {
	const at = "/data/2" // where a user with nothing to name it is
	for _, c := range []struct {
		spec *kinds.Spec
		text string // JSON, or XML when it starts with <
		want string
	}{
		{kinds.WebexUserProfile, `{"name": "Sales", "id": "p1"}`, `profile "Sales"`},
		{kinds.WebexUserProfile, `{"name": "  ", "id": "p1"}`, `profile with id "p1"`},
		{kinds.WebexUserProfile, `{}`, "unnamed profile #3"},
		{kinds.TenantUsers, `{"email": " a@b.io ", "displayName": "A"}`, "user a@b.io"},
		{kinds.TenantUsers, `{"displayName": "Ana"}`, `user "Ana"`},
		{kinds.TenantUsers, `{"id": 7}`, "user at /data/2"},
		{kinds.TenantUsers, `{"id": " u7 ", "roles": []}`, "user id u7"},
		{kinds.PCCEAdministrators, `<administrator><refURL>/unifiedconfig/config/administrator/5</refURL></administrator>`, "administrator /unifiedconfig/config/administrator/5"},
		{kinds.PCCERoles, `<role><name>Supervisors</name></role>`, `role "Supervisors"`},
		{kinds.PCCERoles, `<role><refURL>/unifiedconfig/config/role/5</refURL></role>`, "role /unifiedconfig/config/role/5"},
		{kinds.PCCEAdministrators, `<administrator><userName>ana</userName><domainName>corp</domainName></administrator>`, `administrator "ana@corp"`},
		{kinds.PCCEAdministrators, `<administrator><userName>ana</userName></administrator>`, `administrator "ana"`},
		{kinds.PCCEFeatures, `<accessList><feature><category>x</category></feature></accessList>`, "feature #3"},
		{kinds.FinesseReasonCodes, `<ReasonCode><label> Lunch </label></ReasonCode>`, `reason code "Lunch"`},
		{kinds.FinesseReasonCodes, `<ReasonCode><code>12</code><label>Lunch</label></ReasonCode>`, `reason code 12`},
		{kinds.CXoneScript, `{"header": {"scriptName": " IVR "}, "actions": {}}`, `script "IVR"`},
		{kinds.CXoneScript, `{"header": {"scriptName": 5}, "actions": {}}`, ``},
		{kinds.FinesseIntegration, `{"url": "/finesse/api/User"}`, ""},
	} {
		path := "labels.json"
		if c.text[0] == '<' {
			path = "labels.xml"
		}
		doc := testdoc.Load(t, c.spec.Name, path, c.text)
		e := rules.Entity{Pointer: at, Data: doc.Data}
		if len(doc.Entities) > 0 {
			e.Data = doc.Entities[0].Data
		}
		if got := c.spec.LabelOf(e, 2); got != c.want {
			t.Errorf("%s %s: label %q, want %q", c.spec.Name, c.text, got, c.want)
		}
		// The label reads nothing but LabelReads (what FactKeep keeps).
		if len(doc.Entities) > 0 {
			p := kinds.Project(doc, func(k string) bool { return slices.Contains(c.spec.LabelReads, k) })
			if got := c.spec.LabelOf(rules.Entity{Pointer: at, Data: p.Entities[0].Data}, 2); got != c.want {
				t.Errorf("%s %s: label on %v %q, want %q", c.spec.Name, c.text, c.spec.LabelReads, got, c.want)
			}
		}
	}
}

// TestCXoneActionPart: a value below an action belongs to the action, and
// an entry of "actions" that is not an object is left to the script.
func TestCXoneActionPart(t *testing.T) {
	doc := testdoc.Load(t, rules.KindCXoneScript, "s.json",
		`{"header": {}, "actions": {"12": {"type": "MENU"}, "13": "broken"}, "branches": {"12": []}}`)
	e := doc.Entities[0]
	for _, c := range []struct {
		rel  []string
		want kinds.Part
		ok   bool
	}{
		{[]string{"actions", "12"}, kinds.Part{Label: "action 12", Pointer: "/actions/12"}, true},
		{[]string{"actions", "12", "type"}, kinds.Part{Label: "action 12", Pointer: "/actions/12"}, true},
		{[]string{"actions", "13"}, kinds.Part{}, false},
		{[]string{"actions", "14"}, kinds.Part{}, false},
		{[]string{"branches", "12"}, kinds.Part{Label: "action 12", Pointer: "/branches/12", Prefix: "branches"}, true},
		{[]string{"header"}, kinds.Part{}, false},
	} {
		got, ok := kinds.CXoneScript.Part(e, c.rel)
		if got != c.want || ok != c.ok {
			t.Errorf("%v: part %+v %v, want %+v %v", c.rel, got, ok, c.want, c.ok)
		}
	}
}

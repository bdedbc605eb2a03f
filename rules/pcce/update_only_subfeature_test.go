package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestUpdateOnlySubfeature(t *testing.T) {
	doc := newDoc(t, rules.KindPCCERoles, "roles.xml", `{"roles":[
		{"name":"SystemAdmin","systemDefined":true,"accessList":[{"name":"CampaignStatus"},{"name":"ReSkillAgents"}]},
		{"name":"Outbound","accessList":[{"name":"campaignstatus"},{"name":"CampaignContact"},{"name":"agent"}]},
		{"name":"Reskill","accessList":[{"name":"ManageAgentAttribute"},{"name":"ReSkillAgents"}]}
	]}`)
	expect(t, run(t, UpdateOnlySubfeature, nil, doc),
		want{pointer: "/roles/1/accessList/0/name", message: []string{`role "Outbound" enables the CampaignStatus subfeature`, "update-only access to the Outbound Campaign API", "cannot create or delete campaigns"}},
		want{pointer: "/roles/1/accessList/1/name", message: []string{"CampaignContact", "Outbound Campaign API"}},
		want{pointer: "/roles/2/accessList/0/name", message: []string{"ManageAgentAttribute", "update-only access to the Agent API", "agents"}},
		want{pointer: "/roles/2/accessList/1/name", message: []string{"ReSkillAgents", "Agent API"}},
	)
	if UpdateOnlySubfeature.DefaultSeverity != rules.SeverityNote || UpdateOnlySubfeature.Category != rules.CategorySuggestion {
		t.Errorf("RULES.md: note / suggestion")
	}
}

package webex

import "github.com/rbaclint/rbaclint/rules"

// UndocumentedAccessLevel reports PROVISIONED_VALUE, which the schema allows
// but no vendor prose explains.
var UndocumentedAccessLevel = &rules.Rule{
	ID:              "webex/undocumented-access-level",
	Title:           "An access level uses the undocumented PROVISIONED_VALUE",
	Doc:             doc("undocumented-access-level"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           eachProfile(checkUndocumentedAccessLevel),
}

func checkUndocumentedAccessLevel(pass *rules.Pass, s *items, p profile) {
	for _, key := range []string{permissionList.level, collectionList.level} {
		if v, _ := p.obj.Get(key).Str(); v == levelProvisioned {
			pass.Report(rules.Finding{
				Pointer: p.at(key),
				Entity:  p.label(),
				Message: p.label() + ": " + key + " PROVISIONED_VALUE is not documented, so its effect is unknown; use SPECIFIC or ALL",
			})
		}
	}
	rs := s.resources(p)
	for _, r := range rs {
		if v, _ := r.obj.Get("accessLevel").Str(); v == levelProvisioned {
			pass.Report(rules.Finding{
				Pointer: r.at(p, "accessLevel"),
				Entity:  p.label(),
				Message: p.label() + ": " + resourceLabel(r.obj) + " in " + r.collection() +
					" has accessLevel PROVISIONED_VALUE, which is not documented, so its effect is unknown; use SPECIFIC, ALL or NONE",
			})
		}
	}
}

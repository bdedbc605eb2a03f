package tenant

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// UKEssentialRole reports customer.user.pbx in a tenant configured as UK,
// where the platform uses customer.user.uc.essential instead.
var UKEssentialRole = &rules.Rule{
	ID:              "tenant/uk-essential-role",
	Title:           "customer.user.pbx used where the UK variant customer.user.uc.essential is required",
	Doc:             doc("uk-essential-role"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkUKEssentialRole,
}

func checkUKEssentialRole(p *rules.Pass) {
	region := strings.ToLower(strings.TrimSpace(p.Options.String(regionOption)))
	if region == "" {
		return
	}
	variants := catalogFor(p.Options).regionalVariants(region)
	if len(variants) == 0 {
		return
	}
	var reported map[string]bool
	for _, u := range usersOf(p.Doc) {
		reported = rules.ReuseMap(reported)
		for _, ref := range u.roles {
			v, ok := variants[ref.key]
			if !ok || reported[ref.key] {
				continue
			}
			reported[ref.key] = true
			who := u.entity()
			p.Report(rules.Finding{
				Pointer: u.rolePointer(ref),
				Entity:  who,
				Message: fmt.Sprintf("%s has %s, but %s tenants use %s instead: replace it", who, ref.key, strings.ToUpper(region), v),
			})
		}
	}
}

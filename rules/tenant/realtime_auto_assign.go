package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// RealtimeAutoAssign tells, once per tenant, how many users will get the
// chargeable real-time add-on automatically because of a supervisor level.
var RealtimeAutoAssign = &rules.Rule{
	ID:              "tenant/realtime-auto-assign",
	Title:           "A supervisor level of 3 or higher makes the platform assign the real-time add-on",
	Doc:             doc("realtime-auto-assign"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityNote,
	Category:        rules.CategorySuggestion,
	CheckSet:        checkRealtimeAutoAssign,
	Facts:           userFacts,
}

// realtimeRank is the supervisor level from which the platform assigns
// customer.user.pbx.realtime to every customer.user.pbx holder (seed 004,
// footnote 3: "supervisorl3 or higher").
const realtimeRank = 3

func checkRealtimeAutoAssign(p *rules.SetPass) {
	cat := catalogFor(p.Options)
	var held roleSet
	var holders []*user
	for _, t := range tenantsOf(p.Docs) {
		var trigger *user
		var triggerRef roleRef
		var triggerKey string
		holders = holders[:0] // their Related entries are worded only if the tenant is reported
		for _, u := range t.users {
			if trigger == nil {
				for _, ref := range u.roles {
					if r, ok := cat.resolve(ref.key, u.parent); ok && r.Exclusive == "supervisor" && r.Rank >= realtimeRank {
						trigger, triggerRef, triggerKey = u, ref, r.Key
						break
					}
				}
			}
			if held = cat.holdings(held, u); held.has(keyPBX) && !held.has(keyRealtime) {
				holders = append(holders, u)
			}
		}
		if trigger == nil || len(holders) == 0 {
			continue
		}
		related := make([]rules.Related, len(holders))
		for i, u := range holders {
			related[i] = rules.Related{Path: u.doc.Path, Pointer: u.pointer, Message: u.entity() + " will get " + keyRealtime}
		}
		users := fmt.Sprintf("%d users", len(related))
		if len(related) == 1 {
			users = "1 user"
		}
		where := "of this file"
		entity := trigger.entity()
		if t.id != "" {
			where = fmt.Sprintf("of tenant %q", t.id)
			entity = t.entity()
		}
		p.Report(rules.Finding{
			Path:    trigger.doc.Path,
			Pointer: trigger.rolePointer(triggerRef),
			Entity:  entity,
			Message: fmt.Sprintf("%s holds %s, so %s %s holding customer.user.pbx will get customer.user.pbx.realtime automatically, a chargeable licence: budget for it, or keep supervisors below level %d",
				trigger.entity(), triggerKey, users, where, realtimeRank),
			Related: related,
		})
	}
}

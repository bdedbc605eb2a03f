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
	Summary:         members,
	Facts:           []string{},
}

// realtimeRank is the supervisor level from which the platform assigns
// customer.user.pbx.realtime to every customer.user.pbx holder (seed 004,
// footnote 3: "supervisorl3 or higher").
const realtimeRank = 3

func checkRealtimeAutoAssign(p *rules.SetPass) {
	cat := catalogFor(p.Options)
	var held roleSet
	var holders []*member
	for _, t := range tenantsOf(p.Docs) {
		var trigger *member
		var triggerRef roleRef
		var triggerKey string
	users:
		for _, m := range t.users {
			for _, ref := range m.roles {
				if r, ok := cat.resolve(ref.key, m.parent); ok && r.Exclusive == "supervisor" && r.Rank >= realtimeRank {
					trigger, triggerRef, triggerKey = m, ref, r.Key
					break users
				}
			}
		}
		if trigger == nil {
			continue // most tenants: their holders are not even listed
		}
		holders = holders[:0]
		for _, m := range t.users {
			if held = cat.holdingsOf(held, m.roles, m.parent); held.has(keyPBX) && !held.has(keyRealtime) {
				holders = append(holders, m)
			}
		}
		if len(holders) == 0 {
			continue
		}
		related := make([]rules.Related, len(holders))
		for i, m := range holders {
			related[i] = rules.Related{Path: m.doc.Path, Pointer: m.pointer(), Message: m.whole().entity() + " will get " + keyRealtime}
		}
		users := fmt.Sprintf("%d users", len(related))
		if len(related) == 1 {
			users = "1 user"
		}
		who := trigger.whole()
		where := "of this file"
		entity := who.entity()
		if t.id != "" {
			where = fmt.Sprintf("of tenant %q", t.id)
			entity = t.entity()
		}
		p.Report(rules.Finding{
			Path:    who.doc.Path,
			Pointer: who.rolePointer(triggerRef),
			Entity:  entity,
			Message: fmt.Sprintf("%s holds %s, so %s %s holding customer.user.pbx will get customer.user.pbx.realtime automatically, a chargeable licence: budget for it, or keep supervisors below level %d",
				who.entity(), triggerKey, users, where, realtimeRank),
			Related: related,
		})
	}
}

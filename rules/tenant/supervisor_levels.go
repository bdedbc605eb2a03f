package tenant

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// SupervisorLevelsExclusive reports more than one level of an exclusive
// ladder (customer.user.supervisorl1…l5) on one user.
var SupervisorLevelsExclusive = &rules.Rule{
	ID:              "tenant/supervisor-levels-exclusive",
	Title:           "More than one supervisor level on one user",
	Doc:             doc("supervisor-levels-exclusive"),
	Kinds:           kinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Fixable:         true,
	Check:           eachUser(checkSupervisorLevels),
}

// levelScratch is what checkSupervisorLevels refills for each user.
type levelScratch struct {
	top      map[string]*Role // exclusive group → highest level held
	reported map[string]bool
}

func checkSupervisorLevels(p *rules.Pass, cat *catalog, s *levelScratch, u *user) {
	s.top = rules.ReuseMap(s.top)
	for _, ref := range u.roles {
		if r, ok := cat.known(ref.key, u.parent); ok && r.Exclusive != "" {
			if t := s.top[r.Exclusive]; t == nil || r.Rank > t.Rank {
				s.top[r.Exclusive] = r
			}
		}
	}
	if len(s.top) == 0 {
		return // no exclusive role, nothing to report
	}
	s.reported = rules.ReuseMap(s.reported)
	for _, ref := range u.roles {
		r, ok := cat.known(ref.key, u.parent)
		if !ok || r.Exclusive == "" || r.Key == s.top[r.Exclusive].Key || s.reported[r.Key] {
			continue
		}
		s.reported[r.Key] = true
		keep := s.top[r.Exclusive].Key
		who := u.entity()
		p.Report(rules.Finding{
			Pointer: u.rolePointer(ref),
			Entity:  who,
			Message: fmt.Sprintf("%s has %s levels %s and %s, which are exclusive: keep %s (a higher level includes the lower ones) and remove %s",
				who, r.Exclusive, r.Key, keep, keep, r.Key),
			Fix: rules.NewFix(fmt.Sprintf("Remove the lower level %s", r.Key), rules.RemoveElement(u.rolePointer(ref))),
		})
	}
}

package report

import (
	"github.com/rbaclint/rbaclint/rules"

	"github.com/rbaclint/rbaclint/internal/reported"
)

// catalog looks rules up by ID in the run's registry order.
type catalog struct {
	rules []*rules.Rule
	index map[string]int
}

func newCatalog(run *Run) *catalog {
	c := &catalog{rules: run.Rules, index: make(map[string]int, len(run.Rules))}
	for i, r := range run.Rules {
		if _, dup := c.index[r.ID]; !dup {
			c.index[r.ID] = i
		}
	}
	return c
}

// rule returns the rule with the given ID and its registry index.
func (c *catalog) rule(id string) (*rules.Rule, int, bool) {
	i, ok := c.index[id]
	if !ok {
		return nil, -1, false
	}
	return c.rules[i], i, true
}

// category returns the category of the finding's rule, "" when unknown.
func (c *catalog) category(id string) string {
	if r, _, ok := c.rule(id); ok {
		return string(r.Category)
	}
	return ""
}

// severity returns f's effective severity. The engine sets it; a finding
// that did not go through the engine reads as rules.SeverityOf says, the
// one definition of the defaults.
func (c *catalog) severity(f *reported.Finding) rules.Severity {
	r, _, _ := c.rule(f.RuleID)
	return rules.SeverityOf(&f.Finding, r)
}

package report

import "github.com/rbaclint/rbaclint/rules"

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

// severity returns f's effective severity. The engine sets it; the zero
// value means "the rule's default" (rules.Finding), so that is what is read
// here rather than decided. An unknown rule falls back to warning, SARIF's
// own default level.
func (c *catalog) severity(f *rules.Finding) rules.Severity {
	if f.Severity != rules.SeverityDefault {
		return f.Severity
	}
	if r, _, ok := c.rule(f.RuleID); ok && r.DefaultSeverity > rules.SeverityDefault {
		return r.DefaultSeverity
	}
	return rules.SeverityWarning
}

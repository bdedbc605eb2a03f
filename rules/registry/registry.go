// Package registry holds the explicit list of every rbaclint rule. There is no
// init() registration: a rule exists when it is in this list.
package registry

import (
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/cxone"
	"github.com/rbaclint/rbaclint/rules/finesse"
	"github.com/rbaclint/rbaclint/rules/general"
	"github.com/rbaclint/rbaclint/rules/pcce"
	"github.com/rbaclint/rbaclint/rules/tenant"
	"github.com/rbaclint/rbaclint/rules/webex"
)

// grantSources is every pack's part of the access model, in vendor order.
var grantSources = []access.Source{
	webex.Access,
	tenant.Access,
	pcce.Access,
	cxone.Access,
	finesse.Access,
}

var all = concat(
	general.Rules,
	webex.Rules,
	tenant.Rules,
	pcce.Rules,
	cxone.Rules,
	finesse.Rules,
	access.PolicyRules(grantSources),
	// The change rules of diff mode come last, so that adding them kept
	// the SARIF rule indexes of the lint rules.
	webex.ChangeRules,
	tenant.ChangeRules,
	pcce.ChangeRules,
	access.ChangeRules(grantSources),
)

var byID = index(all)

// options are the settings the packs declare, in pack order.
var options = concat(
	tenant.Options,
	pcce.Options,
	webex.Options,
	cxone.Options,
	finesse.Options,
)

// Options returns every option the packs declare. Callers must not modify it.
func Options() []*rules.Option { return options }

// All returns every rule in catalog order. Callers must not modify it.
func All() []*rules.Rule { return all }

// GrantSources returns every pack's access Source, for the access
// inventory, the access policy rules and the diff. Callers must not modify it.
func GrantSources() []access.Source { return grantSources }

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *rules.Rule { return byID[id] }

func concat[T any](packs ...[]T) []T {
	var out []T
	for _, p := range packs {
		out = append(out, p...)
	}
	return out
}

func index(rs []*rules.Rule) map[string]*rules.Rule {
	m := make(map[string]*rules.Rule, len(rs))
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

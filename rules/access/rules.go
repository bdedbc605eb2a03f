package access

import (
	"embed"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

//go:embed docs/*.md
var docs embed.FS

// Rule IDs of the access policy rules.
const (
	IDNotAllowed   = "access/not-allowed"
	IDUnusedPolicy = "access/unused-policy"
)

// PolicyRules returns the rules that check the access: policies of the
// configuration against the grants the sources read: access/not-allowed
// and access/unused-policy. The registry passes its list of sources (the
// vendor packs import this package, so it cannot list them itself).
func PolicyRules(sources []Source) []*rules.Rule {
	notAllowed := &rules.Rule{
		ID:               IDNotAllowed,
		Title:            "A principal holds a capability that an access policy does not allow it",
		Doc:              rules.MustDoc(docs, "docs/not-allowed.md"),
		DefaultSeverity:  rules.SeverityError,
		Category:         rules.CategorySecurity,
		Tags:             []string{"security", "access"},
		SecuritySeverity: 8.0,
		EntityIdentity:   true,
		Facts:            []string{},
		WholeWhen:        policiesConfigured,
	}
	unused := &rules.Rule{
		ID:              IDUnusedPolicy,
		Title:           "An access policy matches no grant in a run that checked its vendors",
		Doc:             rules.MustDoc(docs, "docs/unused-policy.md"),
		DefaultSeverity: rules.SeverityWarning,
		Category:        rules.CategoryWarning,
		Tags:            []string{"access"},
		Facts:           []string{},
		WholeWhen:       policiesConfigured,
	}
	// One pass computes the grants for both rules: the grants are the
	// expensive part, and each rule reports only its own findings.
	notAllowed.CheckSet = func(p *rules.SetPass) { checkPolicies(p, sources, IDNotAllowed) }
	unused.CheckSet = func(p *rules.SetPass) { checkPolicies(p, sources, IDUnusedPolicy) }
	return []*rules.Rule{notAllowed, unused}
}

// policiesConfigured: without access policies the rules read nothing;
// with them they read every grant through the sources, whole documents.
func policiesConfigured(o *rules.Options) bool { return len(o.AccessPolicies) > 0 }

func checkPolicies(p *rules.SetPass, sources []Source, id string) {
	policies := p.Options.AccessPolicies
	if len(policies) == 0 {
		return
	}
	grants := collect(sources, p.Docs, p.Options, true) // a same-named principal in another export is another one
	if id == IDUnusedPolicy {
		reportUnused(p, sources, policies, grants)
		return
	}
	var bad []Grant
	var why []*rules.AccessPolicy
	for i := range grants {
		for j := range policies {
			if Covers(&policies[j], &grants[i]) && !Allowed(&policies[j], &grants[i]) {
				bad = append(bad, grants[i])
				why = append(why, &policies[j])
				break // the first policy that refuses it names the reason
			}
		}
	}
	byPath := map[string]*rules.Document{}
	for _, d := range p.Docs {
		byPath[d.Path] = d
	}
	Locate(bad, byPath) // the chain in the message names each link's line
	for i := range bad {
		g, pol := &bad[i], why[i]
		at := g.At()
		f := rules.Finding{
			Path:    at.Path,
			Pointer: at.Pointer,
			Target:  rules.TargetKey, // where the chain says the link is
			Entity:  fmt.Sprintf("%s %s", g.PrincipalKind, g.Principal),
			Message: fmt.Sprintf("%s %s holds %s (%s), which the access policy allows %s%s; remove the grant or add the principal to the policy's allow list",
				g.PrincipalKind, g.Principal, g.Capability, g.Chain(true), allowList(pol), reason(pol)),
		}
		for _, l := range g.Via[:len(g.Via)-1] {
			f.Related = append(f.Related, rules.Related{Path: l.Path, Pointer: l.Pointer, Message: l.String()})
		}
		f.Related = append(f.Related, rules.Related{Path: pol.Config, Span: pol.Span, Message: "the access policy for " + pol.Capability})
		p.Report(f)
	}
}

func allowList(p *rules.AccessPolicy) string {
	if len(p.Allow) == 0 {
		return "nobody"
	}
	return "only to " + strings.Join(p.Allow, ", ")
}

func reason(p *rules.AccessPolicy) string {
	if p.Reason == "" {
		return ""
	}
	return " (" + p.Reason + ")"
}

// reportUnused reports, like an unused ignore, each policy that covers no
// grant although the run checked a vendor able to grant its capability (a
// pre-commit run over PCCE files says nothing about a recordings policy).
func reportUnused(p *rules.SetPass, sources []Source, policies []rules.AccessPolicy, grants []Grant) {
	for i := range policies {
		pol := &policies[i]
		used := false
		for j := range grants {
			if Covers(pol, &grants[j]) {
				used = true
				break
			}
		}
		if used {
			continue
		}
		// An unscoped policy counts only vendors that can grant its
		// capability at all; a scoped one counts its vendors, so that a
		// scope naming the wrong pack is reported too.
		var checked []string
		canGrant := false
		for k := range sources {
			s := &sources[k]
			can := s.CanGrant(Capability(pol.Capability))
			if !inScope(pol, s.Vendor) || (len(pol.Vendors) == 0 && !can) || len(CheckedVendors([]Source{*s}, p.Docs)) == 0 {
				continue
			}
			checked = append(checked, s.Vendor)
			canGrant = canGrant || can
		}
		if len(checked) == 0 {
			continue
		}
		hint := "remove it, or check its capability and vendors"
		if !canGrant {
			hint = fmt.Sprintf("no mapping of %s grants %s (see rbaclint access --list): fix its vendors", strings.Join(checked, ", "), pol.Capability)
		}
		p.Report(rules.Finding{
			Path:    pol.Config,
			Span:    pol.Span,
			Message: fmt.Sprintf("this access policy for %s matched no grant in the %s exports checked; %s", pol.Capability, strings.Join(checked, ", "), hint),
		})
	}
}

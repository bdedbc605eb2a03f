package access

import (
	"slices"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// Allowed reports whether a policy allows a grant: one of its patterns
// matches the principal, or the name of a role or profile the chain passes
// through (allowing "SystemAdmins" allows everyone who holds the capability
// through that role).
func Allowed(p *rules.AccessPolicy, g *Grant) bool {
	for _, pat := range p.Allow {
		if MatchPrincipal(pat, g.Principal) {
			return true
		}
		for _, l := range g.Via[1:] {
			if (l.Kind == "role" || l.Kind == "profile") && MatchPrincipal(pat, l.Name) {
				return true
			}
		}
	}
	return false
}

// Covers reports whether a policy applies to a grant: same capability, and
// the grant's vendor among the policy's vendors (any when none are listed).
func Covers(p *rules.AccessPolicy, g *Grant) bool {
	return Capability(p.Capability) == g.Capability && inScope(p, g.Vendor)
}

func inScope(p *rules.AccessPolicy, vendor string) bool {
	return len(p.Vendors) == 0 || slices.Contains(p.Vendors, vendor)
}

// MatchPrincipal matches a principal against a pattern where '*' stands for
// any run of characters and '?' for one, case-insensitively. There is no
// escape character: PCCE principals are DOMAIN\user, and a backslash in a
// policy is a backslash.
func MatchPrincipal(pattern, name string) bool {
	p := []rune(strings.ToLower(pattern))
	n := []rune(strings.ToLower(name))
	// Iterative wildcard match with one backtrack point: linear in practice,
	// never exponential on hostile patterns.
	pi, ni, star, mark := 0, 0, -1, 0
	for ni < len(n) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == n[ni]):
			pi++
			ni++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ni
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ni = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

package inventory

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/rules/access"
)

// groupMax is the number of principals a role, profile or role key may
// have before the graph draws them as one "N administrators" node: an access
// review of a few hundred principals stays readable, and the tables below
// the graph still list every one.
const groupMax = 5

// graph is principal → role or profile → capability, per vendor, for the
// privileged capabilities. Markdown (Mermaid) and dot draw the same graph.
type graph struct {
	vendors []string
	nodes   map[string][]gnode // per vendor, sorted by key
	caps    []gnode            // capability nodes, vocabulary order
	edges   [][2]string        // node ids, sorted
}

type gnode struct {
	key, id, label string
}

// holder is a link in a chain through which a principal holds access.
func holder(l access.Link) bool {
	return l.Kind == "role" || l.Kind == "profile" || l.Kind == "role key"
}

func privileged(c access.Capability) bool {
	for _, v := range access.Vocabulary {
		if v.Name == c {
			return v.Privileged
		}
	}
	return false
}

func buildGraph(gs []access.Grant) *graph {
	type pathKey struct{ principal, middle, capability string }
	labels := map[string]string{}
	vendorOf := map[string]string{}
	members := map[string]map[string]bool{} // middle key → principal keys
	kindOf := map[string]string{}           // principal key → kind
	var paths []pathKey
	capSeen := map[access.Capability]bool{}
	for i := range gs {
		g := &gs[i]
		if !privileged(g.Capability) {
			continue
		}
		capSeen[g.Capability] = true
		pk := g.Vendor + "\x00" + string(g.PrincipalKind) + "\x00" + strings.ToLower(g.Principal)
		labels[pk] = string(g.PrincipalKind) + " " + g.Principal
		vendorOf[pk] = g.Vendor
		kindOf[pk] = string(g.PrincipalKind)
		mk := ""
		for _, l := range g.Via[1:] {
			if holder(l) {
				mk = g.Vendor + "\x00" + l.Kind + "\x00" + strings.ToLower(l.Name)
				labels[mk] = l.Kind + " " + l.Name
				vendorOf[mk] = g.Vendor
				if members[mk] == nil {
					members[mk] = map[string]bool{}
				}
				members[mk][pk] = true
				break
			}
		}
		paths = append(paths, pathKey{pk, mk, "cap\x00" + string(g.Capability)})
	}
	// Roles with many holders: their principals become one group node.
	grouped := map[string]string{} // middle key → group node key
	for mk, ps := range members {
		if len(ps) > groupMax {
			gk := mk + "\x00group"
			labels[gk] = fmt.Sprintf("%d %ss", len(ps), kindOf[anyKey(ps)])
			vendorOf[gk] = vendorOf[mk]
			grouped[mk] = gk
		}
	}
	// Principals that hold their capabilities directly (a Webex profile, a
	// PCCE role) and share the same set of them: one group node too.
	direct := map[string]map[string]bool{} // principal key → capability keys
	for _, p := range paths {
		if p.middle == "" {
			if direct[p.principal] == nil {
				direct[p.principal] = map[string]bool{}
			}
			direct[p.principal][p.capability] = true
		}
	}
	bySet := map[string]map[string]bool{} // vendor, kind and capability set → principal keys
	setOf := map[string]string{}
	for pk, caps := range direct {
		var cs []string
		for c := range caps {
			cs = append(cs, c)
		}
		sort.Strings(cs)
		sk := vendorOf[pk] + "\x00" + kindOf[pk] + "\x00" + strings.Join(cs, "\x00") + "\x00set"
		if bySet[sk] == nil {
			bySet[sk] = map[string]bool{}
		}
		bySet[sk][pk] = true
		setOf[pk] = sk
	}
	sameSet := map[string]string{} // principal key → its set's group node key
	for sk, ps := range bySet {
		if len(ps) > groupMax {
			labels[sk] = fmt.Sprintf("%d %ss", len(ps), kindOf[anyKey(ps)])
			vendorOf[sk] = vendorOf[anyKey(ps)]
			for pk := range ps {
				sameSet[pk] = sk
			}
		}
	}
	edgeSet := map[[2]string]bool{}
	used := map[string]bool{}
	for _, p := range paths {
		from := p.principal
		if gk, ok := grouped[p.middle]; ok {
			from = gk
		} else if sk, ok := sameSet[p.principal]; ok && p.middle == "" {
			from = sk
		}
		if p.middle != "" {
			edgeSet[[2]string{from, p.middle}] = true
			edgeSet[[2]string{p.middle, p.capability}] = true
			used[p.middle] = true
		} else {
			edgeSet[[2]string{from, p.capability}] = true
		}
		used[from] = true
	}
	gr := &graph{nodes: map[string][]gnode{}}
	ids := map[string]string{}
	var keys []string
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		ids[k] = fmt.Sprintf("n%d", i+1)
		v := vendorOf[k]
		if len(gr.nodes[v]) == 0 {
			gr.vendors = append(gr.vendors, v)
		}
		gr.nodes[v] = append(gr.nodes[v], gnode{key: k, id: ids[k], label: labels[k]})
	}
	sort.Strings(gr.vendors)
	for i, c := range access.Vocabulary {
		if capSeen[c.Name] {
			id := fmt.Sprintf("c%d", i+1)
			ids["cap\x00"+string(c.Name)] = id
			gr.caps = append(gr.caps, gnode{key: string(c.Name), id: id, label: string(c.Name)})
		}
	}
	for e := range edgeSet {
		gr.edges = append(gr.edges, [2]string{ids[e[0]], ids[e[1]]})
	}
	sort.Slice(gr.edges, func(i, j int) bool {
		if gr.edges[i][0] != gr.edges[j][0] {
			return idLess(gr.edges[i][0], gr.edges[j][0])
		}
		return idLess(gr.edges[i][1], gr.edges[j][1])
	})
	return gr
}

// idLess orders n2 before n10, principals (n) before capabilities (c).
func idLess(a, b string) bool {
	if a[0] != b[0] {
		return a[0] == 'n'
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// anyKey returns the smallest key of a set, so that labels never depend on
// map order.
func anyKey(m map[string]bool) string {
	first := ""
	for k := range m {
		if first == "" || k < first {
			first = k
		}
	}
	return first
}

package access

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// IDWidened is the change rule of diff mode that lists access increases.
const IDWidened = "access-widened"

// PrincipalChange is one principal's capabilities gained and lost between
// two versions of a run.
type PrincipalChange struct {
	Vendor    string
	Kind      PrincipalKind
	Principal string
	Gained    []Grant // grants in NEW whose Key OLD lacks, in Sort order
	Lost      []Grant // grants in OLD whose Key NEW lacks
	// Held reports whether OLD gave the principal any grant at all.
	Held bool
}

// Changes compares the grants of two versions, by Key, per principal.
// Principals whose access is the same are left out; the result is sorted by
// principal (case insensitive), vendor and principal kind.
func Changes(sources []Source, old, new []*rules.Document, opts *rules.Options) []PrincipalChange {
	was, now := Collect(sources, old, opts), Collect(sources, new, opts)
	type who struct {
		vendor    string
		kind      PrincipalKind
		principal string
	}
	keyOf := func(g *Grant) who { return who{g.Vendor, g.PrincipalKind, strings.ToLower(g.Principal)} }
	inOld, inNew := map[Key]bool{}, map[Key]bool{}
	held := map[who]bool{}
	for i := range was {
		inOld[was[i].Key()] = true
		held[keyOf(&was[i])] = true
	}
	for i := range now {
		inNew[now[i].Key()] = true
	}
	byWho := map[who]*PrincipalChange{}
	var order []who
	change := func(g *Grant) *PrincipalChange {
		k := keyOf(g)
		c := byWho[k]
		if c == nil {
			c = &PrincipalChange{Vendor: g.Vendor, Kind: g.PrincipalKind, Principal: g.Principal, Held: held[k]}
			byWho[k] = c
			order = append(order, k)
		}
		return c
	}
	for i := range now {
		if !inOld[now[i].Key()] {
			c := change(&now[i])
			c.Gained = append(c.Gained, now[i])
		}
	}
	for i := range was {
		if !inNew[was[i].Key()] {
			c := change(&was[i])
			c.Lost = append(c.Lost, was[i])
		}
	}
	out := make([]PrincipalChange, 0, len(order))
	for _, k := range order {
		out = append(out, *byWho[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if la, lb := strings.ToLower(a.Principal), strings.ToLower(b.Principal); la != lb {
			return la < lb
		}
		if a.Vendor != b.Vendor {
			return a.Vendor < b.Vendor
		}
		return a.Kind < b.Kind
	})
	return out
}

// ChangeRules returns the access rule of diff mode, access-widened, over the
// registry's sources (as PolicyRules does).
func ChangeRules(sources []Source) []*rules.Rule {
	return []*rules.Rule{{
		ID:               IDWidened,
		Title:            "A principal gains a capability of the access vocabulary",
		Doc:              rules.MustDoc(docs, "docs/access-widened.md"),
		DefaultSeverity:  rules.SeverityNote,
		Category:         rules.CategorySecurity,
		Tags:             []string{"security", "access"},
		SecuritySeverity: 5.0,
		CheckChangeSet:   func(p *rules.ChangeSetPass) { checkWidened(p, sources) },
	}}
}

// checkWidened reports one finding per principal that gains capabilities:
// at the grant that carries the first one (at the principal itself when
// it is new), with every gained chain and each link's position.
func checkWidened(p *rules.ChangeSetPass, sources []Source) {
	newDocs := map[string]*rules.Document{}
	for _, d := range p.New {
		newDocs[d.Path] = d
	}
	oldDocs := map[string]*rules.Document{}
	for _, d := range p.Old {
		oldDocs[d.Path] = d
	}
	for _, c := range Changes(sources, p.Old, p.New, p.Options) {
		if len(c.Gained) == 0 {
			continue
		}
		Locate(c.Gained, newDocs)
		g := &c.Gained[0]
		var caps []string
		for i := range c.Gained {
			caps = append(caps, string(c.Gained[i].Capability))
		}
		who := fmt.Sprintf("%s %s", c.Kind, c.Principal)
		at, was := g.At(), ""
		old, related := before(p, g, newDocs[g.Via[0].Path])
		isNew := !c.Held && old == nil
		if isNew {
			at, was = g.Via[0], " (a new "+string(c.Kind)+")"
		}
		f := rules.Finding{
			Path:    at.Path,
			Pointer: at.Pointer,
			Target:  rules.TargetKey,
			Entity:  who,
			Message: fmt.Sprintf("%s gains %s%s: %s; check that the change means to grant it", who, strings.Join(caps, ", "), was, chains(c.Gained, at.Path)),
		}
		for _, l := range g.Via {
			if l.Path != at.Path || l.Pointer != at.Pointer {
				f.Related = append(f.Related, rules.Related{Path: l.Path, Pointer: l.Pointer, Message: l.String()})
			}
		}
		if related != nil {
			f.Related = append(f.Related, *related)
		}
		p.Report(f)
	}
}

// before finds where the grant's principal was in OLD: the entity that
// holds the grant's principal link, paired by identity. When the grant's
// position is a member of that entity that OLD also has, the related
// location is that member with its old value ("permissionAccessLevel was
// SPECIFIC"); otherwise it is the old entity. old is nil when the entity is
// new (or the principal is not an entity of its own, like an administrator
// listed inside a role).
func before(p *rules.ChangeSetPass, g *Grant, doc *rules.Document) (old *rules.Entity, rel *rules.Related) {
	if doc == nil {
		return nil, nil
	}
	oldDoc, pairs := p.Counterpart(doc)
	principal := g.Via[0]
	for i := range pairs {
		pr := &pairs[i]
		if pr.New == nil {
			continue
		}
		// The principal is the entity, or one member of it (its name).
		if rest, ok := strings.CutPrefix(principal.Pointer, pr.New.Pointer); !ok || (rest != "" && (rest[0] != '/' || strings.Contains(rest[1:], "/"))) {
			continue
		}
		if pr.Old == nil {
			return nil, nil
		}
		at := g.At()
		r := rules.Related{Path: oldDoc.Path, Pointer: pr.Old.Pointer,
			Message: fmt.Sprintf("%s in %s", principal.String(), p.Before)}
		if member, ok := strings.CutPrefix(at.Pointer, pr.New.Pointer+"/"); ok && at.Path == doc.Path && !strings.Contains(member, "/") {
			if v, ok := pr.Old.Data.Lookup(rules.UnescapeToken(member)); ok {
				if s, isScalar := scalarText(v); isScalar {
					r.Pointer = pr.Old.Pointer + "/" + member
					r.Message = fmt.Sprintf("%s was %s in %s", rules.UnescapeToken(member), s, p.Before)
				}
			}
		}
		r.Span = rules.SpanOf(oldDoc, r.Pointer, rules.TargetValue)
		return pr.Old, &r
	}
	return nil, nil
}

func scalarText(v tree.Value) (string, bool) {
	switch v.Kind() {
	case tree.String:
		return v.Str()
	case tree.True, tree.False:
		b, _ := v.Bool()
		return strconv.FormatBool(b), true
	case tree.Number:
		return v.Number()
	}
	return "", false
}

// chains renders the gained grants' chains, the capabilities that share a
// chain after it: `profile X (3:5) → access level ALL (5:5) → manage-users,
// monitor`. A link in the finding's file shows line:column, another file's
// link its path too.
func chains(gs []Grant, path string) string {
	var order []string
	caps := map[string][]string{}
	for i := range gs {
		var b strings.Builder
		for j, l := range gs[i].Via {
			if j > 0 {
				b.WriteString(" → ")
			}
			b.WriteString(l.String())
			if l.Line > 0 {
				place := fmt.Sprintf("%d:%d", l.Line, l.Column)
				if l.Path != path {
					place = l.Path + ":" + place
				}
				b.WriteString(" (" + place + ")")
			}
		}
		k := b.String()
		if _, ok := caps[k]; !ok {
			order = append(order, k)
		}
		caps[k] = append(caps[k], string(gs[i].Capability))
	}
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = k + " → " + strings.Join(caps[k], ", ")
	}
	return strings.Join(out, "; ")
}

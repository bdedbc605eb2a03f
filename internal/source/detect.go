package source

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Kind detection for JSON and YAML data models (RULES.md, "Document
// kinds"), driven by the kind list (rules/kinds). It looks at a few keys of
// the root and of the first recognisable entity; only a kind recognised by
// its whole content (finesse-integration: "a string anywhere") walks the
// whole tree, and only when nothing else matched.

// Detect classifies a document by its top-level value. Kind "" means no
// supported kind.
func Detect(root tree.Value) (rules.Kind, rules.Shape) {
	switch root.Kind() {
	case tree.Object:
		if s, sh := detectObject(root); s != nil {
			return s.Name, sh
		}
	case tree.Array:
		if s := firstEntityKind(root, func(x *kinds.Spec) bool { return x.EntityArrays }); s != nil {
			return s.Name, rules.ShapeArray
		}
	}
	for _, s := range kinds.All() {
		if s.Matches != nil && s.Matches(root) {
			return s.Name, ShapeOf(s.Name, root)
		}
	}
	return "", rules.ShapeUnknown
}

// detectObject tries, in this order: the root as an entity; envelopes whose
// array holds wrappers (a bulk request), by their own test; list envelopes
// by their first recognisable entity; then list envelopes by the envelope
// alone (an empty page).
func detectObject(m tree.Value) (*kinds.Spec, rules.Shape) {
	all := kinds.All()
	for _, s := range all {
		if s.IsEntity != nil && s.IsEntity(m) {
			return s, rules.ShapeObject
		}
	}
	for _, s := range all {
		for _, e := range s.Envelopes {
			if e.Item != "" && e.Detect != nil && m.Get(e.Member).IsArray() && e.Detect(m) {
				return s, e.Shape
			}
			if e.Single && m.Get(e.Member).IsObject() && e.Detect(m) {
				return s, e.Shape
			}
		}
	}
	var tried []string
	for _, s := range all {
		for _, e := range s.Envelopes {
			if e.Item != "" || e.Single || s.IsEntity == nil || contains(tried, e.Member) {
				continue
			}
			tried = append(tried, e.Member)
			if list := m.Get(e.Member); list.IsArray() {
				if k := firstEntityKind(list, func(x *kinds.Spec) bool { return hasList(x, e.Member) }); k != nil {
					return k, rules.ShapeList
				}
			}
		}
	}
	for _, s := range all {
		for _, e := range s.Envelopes {
			if e.Item == "" && !e.Single && e.Detect != nil && m.Get(e.Member).IsArray() && e.Detect(m) {
				return s, e.Shape
			}
		}
	}
	return nil, rules.ShapeUnknown
}

// firstEntityKind classifies a list by its first element that some kind
// among those ok accepts recognises as its entity.
func firstEntityKind(list tree.Value, ok func(*kinds.Spec) bool) *kinds.Spec {
	for _, m := range list.Elems() {
		if !m.IsObject() {
			continue
		}
		for _, s := range kinds.All() {
			if s.IsEntity != nil && ok(s) && s.IsEntity(m) {
				return s
			}
		}
	}
	return nil
}

// hasList reports whether the kind has a list envelope on member.
func hasList(s *kinds.Spec, member string) bool {
	for _, e := range s.Envelopes {
		if e.Item == "" && !e.Single && e.Member == member {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ShapeOf derives the shape of a document of a known (e.g. forced) kind
// from its structure.
func ShapeOf(kind rules.Kind, root tree.Value) rules.Shape {
	s := kinds.Of(kind)
	if s == nil {
		return rules.ShapeUnknown
	}
	switch root.Kind() {
	case tree.Array:
		return rules.ShapeArray
	case tree.Object:
		if e := envelopeOf(s, root); e != nil {
			return e.Shape
		}
		return rules.ShapeObject
	}
	return rules.ShapeUnknown
}

// envelopeOf returns the first of the kind's envelopes the root object has.
func envelopeOf(s *kinds.Spec, m tree.Value) *kinds.Envelope {
	for i := range s.Envelopes {
		e := &s.Envelopes[i]
		if member := m.Get(e.Member); e.Single && !member.IsObject() || !e.Single && !member.IsArray() {
			continue
		}
		if e.NotEntity && s.IsEntity != nil && s.IsEntity(m) {
			continue
		}
		return e
	}
	return nil
}

// Entities lists a document's main objects in document order. Elements that
// are not objects are left out (the schema rule reports them).
func Entities(kind rules.Kind, shape rules.Shape, root tree.Value) []rules.Entity {
	s := kinds.Of(kind)
	if s == nil {
		return nil
	}
	switch shape {
	case rules.ShapeObject:
		if root.IsObject() {
			return []rules.Entity{{Pointer: "", Data: root}}
		}
	case rules.ShapeArray:
		return objectsIn(root, "", "")
	default:
		e := s.EnvelopeOf(shape)
		if e == nil || !root.IsObject() {
			return nil
		}
		if e.Single {
			if one := root.Get(e.Member); one.IsObject() {
				return []rules.Entity{{Pointer: "/" + rules.EscapeToken(e.Member), Data: one}}
			}
			return nil
		}
		return objectsIn(root.Get(e.Member), "/"+rules.EscapeToken(e.Member), e.Item)
	}
	return nil
}

// objectsIn returns the objects of list (or each element's member, when
// member is set) with their pointers under prefix. The pointers are
// written into one string, which they share: a big list has hundreds of
// thousands of entities, and a string each would cost an allocation each.
func objectsIn(list tree.Value, prefix, member string) []rules.Entity {
	n := 0 // not list.Len(): a window's array numbers its elements from the file's
	for range list.Elems() {
		n++
	}
	out := make([]rules.Entity, 0, n)
	ends := make([]int, 0, n)
	var b strings.Builder
	b.Grow(n * (len(prefix) + 8))
	var num [20]byte
	var memberToken string
	if member != "" {
		memberToken = "/" + rules.EscapeToken(member)
	}
	for i, m := range list.Elems() {
		if !m.IsObject() {
			continue
		}
		if member != "" {
			if m = m.Get(member); !m.IsObject() {
				continue
			}
		}
		b.WriteString(prefix)
		b.WriteByte('/')
		b.Write(strconv.AppendInt(num[:0], int64(i), 10))
		b.WriteString(memberToken)
		out = append(out, rules.Entity{Data: m})
		ends = append(ends, b.Len())
	}
	all, start := b.String(), 0
	for k := range out {
		out[k].Pointer, start = all[start:ends[k]], ends[k]
	}
	return out
}

package source

import (
	"strconv"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Kind detection for JSON and YAML data models (RULES.md, "Document
// kinds"), driven by the kind list (rules/kinds). It looks at a few keys of
// the root and of the first recognisable entity; only a kind recognised by
// its whole content (finesse-integration: "a string anywhere") walks the
// whole tree, and only when nothing else matched.

// Detect classifies a data model. Kind "" means no supported kind.
func Detect(root any) (rules.Kind, rules.Shape) {
	switch v := root.(type) {
	case map[string]any:
		if s, sh := detectObject(v); s != nil {
			return s.Name, sh
		}
	case []any:
		if s := firstEntityKind(v, func(x *kinds.Spec) bool { return x.EntityArrays }); s != nil {
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
func detectObject(m map[string]any) (*kinds.Spec, rules.Shape) {
	all := kinds.All()
	for _, s := range all {
		if s.IsEntity != nil && s.IsEntity(m) {
			return s, rules.ShapeObject
		}
	}
	for _, s := range all {
		for _, e := range s.Envelopes {
			if e.Item != "" && e.Detect != nil && isArray(m[e.Member]) && e.Detect(m) {
				return s, e.Shape
			}
			if e.Single && isObject(m[e.Member]) && e.Detect(m) {
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
			if list, ok := m[e.Member].([]any); ok {
				if k := firstEntityKind(list, func(x *kinds.Spec) bool { return hasList(x, e.Member) }); k != nil {
					return k, rules.ShapeList
				}
			}
		}
	}
	for _, s := range all {
		for _, e := range s.Envelopes {
			if e.Item == "" && !e.Single && e.Detect != nil && isArray(m[e.Member]) && e.Detect(m) {
				return s, e.Shape
			}
		}
	}
	return nil, rules.ShapeUnknown
}

// firstEntityKind classifies a list by its first element that some kind
// among those ok accepts recognises as its entity.
func firstEntityKind(list []any, ok func(*kinds.Spec) bool) *kinds.Spec {
	for _, e := range list {
		m, isObj := e.(map[string]any)
		if !isObj {
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

func isArray(v any) bool { _, ok := v.([]any); return ok }

func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

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
func ShapeOf(kind rules.Kind, root any) rules.Shape {
	s := kinds.Of(kind)
	if s == nil {
		return rules.ShapeUnknown
	}
	switch v := root.(type) {
	case []any:
		return rules.ShapeArray
	case map[string]any:
		if e := envelopeOf(s, v); e != nil {
			return e.Shape
		}
		return rules.ShapeObject
	}
	return rules.ShapeUnknown
}

// envelopeOf returns the first of the kind's envelopes the root object has.
func envelopeOf(s *kinds.Spec, m map[string]any) *kinds.Envelope {
	for i := range s.Envelopes {
		e := &s.Envelopes[i]
		if e.Single && !isObject(m[e.Member]) || !e.Single && !isArray(m[e.Member]) {
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
func Entities(kind rules.Kind, shape rules.Shape, root any) []rules.Entity {
	s := kinds.Of(kind)
	if s == nil {
		return nil
	}
	switch shape {
	case rules.ShapeObject:
		if m, ok := root.(map[string]any); ok {
			return []rules.Entity{{Pointer: "", Value: m}}
		}
	case rules.ShapeArray:
		list, _ := root.([]any)
		return objectsIn(list, "", "")
	default:
		e := s.EnvelopeOf(shape)
		m, _ := root.(map[string]any)
		if e == nil || m == nil {
			return nil
		}
		if e.Single {
			if one, ok := m[e.Member].(map[string]any); ok {
				return []rules.Entity{{Pointer: "/" + rules.EscapeToken(e.Member), Value: one}}
			}
			return nil
		}
		list, _ := m[e.Member].([]any)
		return objectsIn(list, "/"+rules.EscapeToken(e.Member), e.Item)
	}
	return nil
}

// objectsIn returns the objects of list (or each element's member, when
// member is set) with their pointers under prefix.
func objectsIn(list []any, prefix, member string) []rules.Entity {
	var out []rules.Entity
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		ptr := prefix + "/" + strconv.Itoa(i)
		if member != "" {
			if m, ok = m[member].(map[string]any); !ok {
				continue
			}
			ptr += "/" + rules.EscapeToken(member)
		}
		out = append(out, rules.Entity{Pointer: ptr, Value: m})
	}
	return out
}

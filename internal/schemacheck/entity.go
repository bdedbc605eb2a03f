package schemacheck

import (
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// owner is the entity a violation belongs to, and where it starts.
type owner struct {
	label   string     // the kind's label of the entity or part; "" when none
	pointer string     // the entity's pointer; subjects are relative to it
	prefix  string     // what subjects start with, e.g. "branches" for an action's branches
	value   tree.Value // the value at pointer
}

// ownerOf finds the entity that contains the value at ptr: the innermost
// document entity, refined to the part of it the value belongs to when the
// kind names parts (rules/kinds Spec.Part). Labels are the kind's, so a
// schema finding names an entity as the pack's findings do.
func (v *validator) ownerOf(toks []string) owner {
	idx := v.entityIndex()
	spec := kinds.Of(v.doc.Kind)
	for n := len(toks); n >= 0; n-- {
		i, ok := idx[joinPointer(toks[:n])]
		if !ok {
			continue
		}
		e := v.doc.Entities[i]
		if spec != nil && spec.Part != nil {
			if p, ok := spec.Part(e, toks[n:]); ok {
				return owner{label: p.Label, pointer: p.Pointer, prefix: p.Prefix, value: below(e.Data, e.Pointer, p.Pointer)}
			}
		}
		return owner{label: spec.LabelOf(e, v.doc.EntityBase+i), pointer: e.Pointer, value: e.Data}
	}
	return owner{value: v.doc.Data}
}

// below returns the value at ptr, a pointer below base, whose value is v: a
// walk inside one entity, not from the document's root (which would step
// through a big list once per finding).
func below(v tree.Value, base, ptr string) tree.Value {
	if len(ptr) < len(base) || ptr[:len(base)] != base {
		return tree.Value{}
	}
	if _, ok := rules.SplitPointer(ptr[len(base):]); !ok {
		return tree.Value{}
	}
	return v.At(ptr[len(base):])
}

// entityIndex maps entity pointers to their index in doc.Entities. It is
// built once per document, and only when there is something to report.
func (v *validator) entityIndex() map[string]int {
	v.indexOnce.Do(func() {
		v.index = make(map[string]int, len(v.doc.Entities))
		for i, e := range v.doc.Entities {
			if _, dup := v.index[e.Pointer]; !dup {
				v.index[e.Pointer] = i
			}
		}
	})
	return v.index
}

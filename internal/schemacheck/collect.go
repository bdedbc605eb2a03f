package schemacheck

import (
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/rbaclint/rbaclint/rules"
)

// collector turns one validation error tree into findings.
type collector struct {
	v    *validator
	lib  *library
	base string // pointer of the validated unit in the document
	root any    // the validated unit
	out  []rules.Finding
}

// leaf is one violation to report. types is set when a value matched none
// of several alternatives only because of its type: the message then lists
// every type that would have been accepted.
type leaf struct {
	err   *jsonschema.ValidationError
	types []any
}

func (c *collector) walk(e *jsonschema.ValidationError) {
	for _, l := range c.leaves(e, nil) {
		c.report(l)
	}
}

// leaves flattens an error tree to its leaf violations, choosing one branch
// at each failed anyOf/oneOf.
func (c *collector) leaves(e *jsonschema.ValidationError, out []leaf) []leaf {
	if len(e.Causes) == 0 {
		return append(out, leaf{err: e})
	}
	if c.isAlternatives(e) {
		return append(out, c.alternative(e)...)
	}
	for _, x := range e.Causes {
		out = c.leaves(x, out)
	}
	return out
}

// isAlternatives reports whether e is a failed anyOf/oneOf, whose causes are
// one error per failed branch (and not, say, a property named "anyOf").
func (c *collector) isAlternatives(e *jsonschema.ValidationError) bool {
	toks := fragmentTokens(e.AbsoluteKeywordLocation)
	if len(toks) == 0 {
		return false
	}
	if kw := toks[len(toks)-1]; kw != "anyOf" && kw != "oneOf" {
		return false
	}
	node, _ := rules.Lookup(c.v.c.raw, toks)
	_, isList := node.([]any)
	return isList
}

// alternative picks the most relevant failed branch: the value is reported
// against the branch it came closest to, not against all of them. Branches
// that failed only on the value's type are the least relevant; when all
// failed that way, one type violation lists every accepted type.
func (c *collector) alternative(e *jsonschema.ValidationError) []leaf {
	branches := make([][]leaf, len(e.Causes))
	for i, x := range e.Causes {
		branches[i] = c.leaves(x, nil)
	}
	typeOnly := func(b []leaf) bool {
		return len(b) == 1 && keyword(b[0].err) == "type" && b[0].err.InstanceLocation == e.InstanceLocation
	}
	best := -1
	var types []any
	for i, b := range branches {
		if typeOnly(b) {
			types = append(types, c.expectedTypes(b[0])...)
			continue
		}
		if best < 0 || len(b) < len(branches[best]) {
			best = i
		}
	}
	if best >= 0 {
		return branches[best]
	}
	if len(branches) == 0 {
		return []leaf{{err: e}}
	}
	return []leaf{{err: branches[0][0].err, types: types}}
}

// keyword is the schema keyword an error is about: the last token of its
// keyword location.
func keyword(e *jsonschema.ValidationError) string {
	toks := fragmentTokens(e.AbsoluteKeywordLocation)
	if len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1]
}

// expectedTypes returns the types a type violation asked for.
func (c *collector) expectedTypes(l leaf) []any {
	if l.types != nil {
		return l.types
	}
	toks := fragmentTokens(l.err.AbsoluteKeywordLocation)
	node, _ := rules.Lookup(c.v.c.raw, toks)
	switch t := node.(type) {
	case string:
		return []any{t}
	case []any:
		return t
	}
	return nil
}

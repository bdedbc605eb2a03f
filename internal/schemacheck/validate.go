// Package schemacheck checks documents against their kind's JSON Schema (the
// embedded files in /schemas) and words each violation as a finding a
// contact-center administrator can act on.
package schemacheck

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// MaxFindings caps the schema findings of one file: past it, one
// limit-exceeded finding says how many more there were.
const MaxFindings = 1000

// parallelMin is the number of entities from which a document is validated
// by several goroutines: below it the hand-off costs more than it saves.
// A big one is handed out in batches of at least batchMin entities.
const (
	parallelMin = 512
	batchMin    = 64
)

// validator checks one document.
type validator struct {
	doc    *rules.Document
	c      *compiled
	xml    bool
	budget *workers.Budget // the run's workers, for a big document (nil: one goroutine)

	indexOnce sync.Once
	index     map[string]int
}

// unit is one value validated against one definition; pointer locates it in
// the document.
type unit struct {
	pointer string
	value   tree.Value
	def     string // the $defs name
}

// Validate checks doc against its kind's schema and returns one schema
// finding per violation (RuleID rules.IDSchema), sorted by pointer and
// message. Documents of no kind or of a kind without a schema yield nothing.
// It is safe for concurrent use. A big document is spread over one worker
// per CPU.
func Validate(doc *rules.Document, opts *rules.Options) []rules.Finding {
	return ValidateOn(doc, opts, workers.New(0))
}

// ValidateOn is Validate on the workers a run's budget can spare (nil: on
// the caller's goroutine alone). The findings do not depend on how many it
// got.
func ValidateOn(doc *rules.Document, opts *rules.Options, budget *workers.Budget) []rules.Finding {
	if doc == nil {
		return nil
	}
	ls := bySchema[doc.Kind]
	if ls == nil {
		return nil
	}
	c, err := ls.get()
	if err != nil {
		return []rules.Finding{{
			RuleID:  rules.IDSchema,
			Path:    doc.Path,
			Message: fmt.Sprintf("internal error: the built-in %s schema does not compile (%v); please report this", doc.Kind, err),
		}}
	}
	v := &validator{doc: doc, c: c, xml: doc.Format == rules.FormatXML, budget: budget}
	return finish(doc.Path, v.run(v.plan(opts)))
}

// plan picks what to validate against which definition. A shape with an
// envelope definition is checked as the envelope plus each entity on its
// own, which keeps error trees small and lets big lists use every core;
// other shapes are checked whole. The kind's spec says which variant of the
// definitions the run's options select (Spec.Variant) and which entities of
// an envelope have a definition of their own (Envelope.ItemDef).
func (v *validator) plan(opts *rules.Options) []unit {
	spec := kinds.Of(v.doc.Kind)
	suffix := ""
	if spec != nil && spec.Variant != nil {
		suffix = spec.Variant(opts)
	}
	def := func(name string) string {
		if v.c.defs[name+suffix] {
			return name + suffix
		}
		if v.c.defs[name] {
			return name
		}
		return ""
	}
	shape := string(v.doc.Shape)
	has := func(name string) string { // no platform variant
		if v.c.defs[name] {
			return name
		}
		return ""
	}
	env := has(shape + "-envelope")
	if env == "" || len(v.doc.Entities) == 0 {
		if s := def(shape); shape != "" && s != "" {
			return []unit{{pointer: "", value: v.doc.Data, def: s}}
		}
	}
	var units []unit
	if env != "" {
		units = append(units, unit{pointer: "", value: v.doc.Data, def: env})
	}
	var wrap *kinds.Envelope
	if spec != nil {
		wrap = spec.EnvelopeOf(v.doc.Shape)
	}
	ent := def("entity")
	elements := envelopeElements(v.doc, wrap)
	for _, e := range v.doc.Entities {
		s := ent
		if own := itemDef(wrap, elements, e.Pointer); own != "" && has(own) != "" {
			s = own
		}
		if s != "" {
			units = append(units, unit{pointer: e.Pointer, value: e.Data, def: s})
		}
	}
	return units
}

// envelopeElements lists the elements of the envelope's array when it
// gives its items definitions of their own (Envelope.ItemDef), in one pass:
// an element looked up by index would walk the array once per entity.
func envelopeElements(doc *rules.Document, env *kinds.Envelope) []tree.Value {
	if env == nil || env.ItemDef == nil || env.Item == "" {
		return nil
	}
	list := doc.Data.Get(env.Member)
	out := make([]tree.Value, 0, list.Len())
	for _, el := range list.Elems() {
		out = append(out, el)
	}
	return out
}

// itemDef returns the definition the envelope gives the entity at ptr
// (/Member/i/Item), held by the i-th of elements, or "".
func itemDef(env *kinds.Envelope, elements []tree.Value, ptr string) string {
	if elements == nil {
		return ""
	}
	toks, _ := rules.SplitPointer(ptr)
	if len(toks) != 3 || toks[0] != env.Member || toks[2] != env.Item {
		return ""
	}
	i, err := strconv.Atoi(toks[1])
	if err != nil || i < 0 || i >= len(elements) {
		return ""
	}
	return env.ItemDef(elements[i])
}

// run validates the units, in parallel for big documents.
func (v *validator) run(units []unit) []rules.Finding {
	var out []rules.Finding
	skip := map[int]bool{}
	if hasUncheckable(v.doc.Data) {
		byPointer := make(map[string]int, len(units))
		for i, u := range units {
			byPointer[u.pointer] = i
		}
		for _, p := range findUncheckable(v.doc.Data, "", nil) {
			skip[innermostUnit(byPointer, p)] = true
			out = append(out, v.finding(p, rules.TargetValue, func(s string) string {
				return fmt.Sprintf("%s is a number too large to check", s)
			}))
		}
	}
	if len(units) < parallelMin || v.budget.Size() < 2 {
		for i, u := range units {
			if !skip[i] {
				out = append(out, v.check(u)...)
			}
		}
		return out
	}
	// Batches small enough that a worker freed by another stage still
	// finds some left; each keeps its findings, joined in batch order.
	size := max(len(units)/(8*v.budget.Size()), batchMin)
	parts := make([][]rules.Finding, (len(units)+size-1)/size)
	v.budget.Each(len(parts), func(b int) {
		for i := b * size; i < min((b+1)*size, len(units)); i++ {
			if !skip[i] {
				parts[b] = append(parts[b], v.check(units[i])...)
			}
		}
	})
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// innermostUnit returns the index of the unit whose value contains ptr
// (the one with the longest pointer that is a prefix of it), or -1.
func innermostUnit(byPointer map[string]int, ptr string) int {
	for {
		if i, ok := byPointer[ptr]; ok {
			return i
		}
		if ptr == "" {
			return -1
		}
		ptr = ptr[:max(strings.LastIndexByte(ptr, '/'), 0)]
	}
}

// check validates one unit. The validator is third-party code fed with
// arbitrary input: a panic becomes a finding rather than a crash.
func (v *validator) check(u unit) (out []rules.Finding) {
	defer func() {
		if r := recover(); r != nil {
			out = append(out, v.finding(u.pointer, rules.TargetValue, func(s string) string {
				return fmt.Sprintf("%s could not be checked against the schema (internal error: %v); please report this", s, r)
			}))
		}
	}()
	if f := v.c.fast[u.def]; f != nil && f.check(u.value, 0) {
		return nil // valid (fast.go): the library is not needed
	}
	lib, err := v.c.library()
	var sch *jsonschema.Schema
	if err == nil {
		sch, err = lib.schema(u.def)
	}
	if err != nil {
		return []rules.Finding{v.finding(u.pointer, rules.TargetValue, func(s string) string {
			return fmt.Sprintf("%s could not be checked: the built-in %s schema does not compile (%v); please report this", s, v.doc.Kind, err)
		})}
	}
	// The library reads the map form: built here, for this one unit only.
	value := u.value.Any()
	err = sch.Validate(value)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		msg := strings.TrimPrefix(err.Error(), "jsonschema: ")
		return []rules.Finding{v.finding(u.pointer, rules.TargetValue, func(s string) string {
			return fmt.Sprintf("%s could not be checked against the schema (%s)", s, msg)
		})}
	}
	col := &collector{v: v, lib: lib, base: u.pointer, root: value}
	col.walk(ve)
	return col.out
}

// finish sorts the findings in document order, drops exact duplicates (a
// value that breaks the same rule in two places of the schema) and applies
// the per-file cap.
func finish(path string, fs []rules.Finding) []rules.Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if c := comparePointers(a.Pointer, b.Pointer); c != 0 {
			return c < 0
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Target < b.Target
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 {
			p := fs[i-1]
			if p.Pointer == f.Pointer && p.Target == f.Target && p.Message == f.Message {
				continue
			}
		}
		out = append(out, f)
	}
	if len(out) <= MaxFindings {
		return out
	}
	more := len(out) - MaxFindings
	// Warning like the engine's own per-file cap: the finding informs, the
	// schema findings before it already carry the errors.
	out = append(out[:MaxFindings:MaxFindings], rules.Finding{
		RuleID:   rules.IDLimit,
		Severity: rules.SeverityWarning,
		Path:     path,
		Message:  fmt.Sprintf("%d more schema %s not shown; the limit is %d findings per file", more, plural(more, "finding was", "findings were"), MaxFindings),
	})
	return out
}

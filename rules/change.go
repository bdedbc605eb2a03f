package rules

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
)

// EntityPair is one entity in the two versions of a file, paired by
// identity (never by array index).
type EntityPair struct {
	Old, New *Entity // Old is nil for an added entity, New for a removed one
}

// ChangePass is one change rule's view of one file in two versions (diff
// mode). Old or New is nil when the whole file was added or removed; both
// are of the same kind otherwise.
type ChangePass struct {
	Rule     *Rule
	Old, New *Document
	// Pairs are NEW's entities in document order, each with its OLD
	// counterpart when it has one, then OLD's removed entities in order.
	Pairs []EntityPair
	// Before is what messages call the old version: a revision ("main")
	// or the old path as given.
	Before  string
	Options *Options
	report  func(f Finding, in *Document)
}

// NewChangePass is used by the diff engine (and by rule tests) to run a
// change rule. report receives each finding with the document its location
// is in (New, or Old for something removed).
func NewChangePass(r *Rule, old, new *Document, pairs []EntityPair, before string, opts *Options, report func(Finding, *Document)) *ChangePass {
	if opts == nil {
		opts = &Options{}
	}
	return &ChangePass{Rule: r, Old: old, New: new, Pairs: pairs, Before: before, Options: opts, report: report}
}

// Kind is the kind of the file's documents.
func (p *ChangePass) Kind() Kind {
	if p.New != nil {
		return p.New.Kind
	}
	return p.Old.Kind
}

// Report records a finding located in NEW.
func (p *ChangePass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	f.Path = p.New.Path
	p.report(f, p.New)
}

// ReportRemoved records a finding about something that exists only in OLD:
// its location is in OLD's file, and the message says so (with git
// revisions both versions have the same path).
func (p *ChangePass) ReportRemoved(f Finding) {
	f.RuleID = p.Rule.ID
	f.Path = p.Old.Path
	f.Message += " (position in " + p.Before + ")"
	f.Span = SpanOf(p.Old, f.Pointer, f.Target)
	p.report(f, p.Old)
}

// Was returns a related location in OLD: where the changed value was.
func (p *ChangePass) Was(pointer, message string) Related {
	return Related{Path: p.Old.Path, Pointer: pointer, Span: SpanOf(p.Old, pointer, TargetValue), Message: message}
}

// ChangeSetPass is a set-level change rule's view of both versions of a
// run: every document of each, sorted by path.
type ChangeSetPass struct {
	Rule     *Rule
	Old, New []*Document
	Before   string
	Options  *Options
	// counterpart returns a NEW document's version in OLD and their
	// entities paired by identity; nil and NEW's entities alone for an
	// added file.
	counterpart func(*Document) (*Document, []EntityPair)
	report      func(Finding, *Document)
}

// NewChangeSetPass is used by the diff engine (and by rule tests).
func NewChangeSetPass(r *Rule, old, new []*Document, before string, opts *Options,
	counterpart func(*Document) (*Document, []EntityPair), report func(Finding, *Document)) *ChangeSetPass {
	if opts == nil {
		opts = &Options{}
	}
	return &ChangeSetPass{Rule: r, Old: old, New: new, Before: before, Options: opts, counterpart: counterpart, report: report}
}

// Counterpart returns the OLD version of a NEW document (nil when the file
// was added) and the two versions' entities paired by identity.
func (p *ChangeSetPass) Counterpart(doc *Document) (*Document, []EntityPair) {
	return p.counterpart(doc)
}

// Report records a finding located in the NEW document at f.Path.
func (p *ChangeSetPass) Report(f Finding) {
	f.RuleID = p.Rule.ID
	for _, d := range p.New {
		if d.Path == f.Path {
			p.report(f, d)
			return
		}
	}
	p.report(f, nil)
}

// SpanOf locates a pointer in a document, falling back to the nearest
// enclosing value when the pointer itself has no place.
func SpanOf(doc *Document, pointer string, t Target) Span {
	if doc == nil || doc.Source == nil {
		return Span{}
	}
	var ptrs []string
	for p := pointer; ; p = ParentPointer(p) {
		ptrs = append(ptrs, p)
		if p == "" {
			break
		}
	}
	places := doc.Source.Resolve(ptrs)
	for _, p := range ptrs {
		if pl, ok := places[p]; ok {
			if t == TargetKey && !pl.Key.IsZero() {
				return pl.Key
			}
			return pl.Value
		}
		t = TargetValue
	}
	return Span{}
}

// Same reports whether two values are equal when the order of array
// elements is ignored: re-ordering an export is no change.
func Same(a, b tree.Value) bool { return Canonical(a) == Canonical(b) }

// ChangedMembers lists the members of two objects that differ (order of
// array elements ignored), sorted, leaving out the ones in skip.
func ChangedMembers(old, new tree.Value, skip ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range skip {
		seen[s] = true
	}
	for _, m := range []tree.Value{old, new} {
		for k := range m.Members() {
			if seen[k] {
				continue
			}
			seen[k] = true
			if ov, ok1 := old.Lookup(k); ok1 {
				if nv, ok2 := new.Lookup(k); ok2 && Canonical(ov) == Canonical(nv) {
					continue
				}
			}
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Canonical renders a value with object keys and array elements sorted:
// two values have the same rendering exactly when Same says they are equal.
// (The validator's uniqueItems form in internal/schemacheck keeps array order,
// which is the opposite of what a comparison of exports wants.)
func Canonical(v tree.Value) string {
	var b strings.Builder
	writeCanonical(&b, v)
	return b.String()
}

func writeCanonical(b *strings.Builder, v tree.Value) {
	switch v.Kind() {
	case tree.Object:
		keys := v.Keys()
		slices.Sort(keys)
		b.WriteByte('{')
		for _, k := range keys {
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			writeCanonical(b, v.Get(k))
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case tree.Array:
		var elems []string
		for _, e := range v.Elems() {
			elems = append(elems, Canonical(e))
		}
		sort.Strings(elems)
		b.WriteByte('[')
		b.WriteString(strings.Join(elems, ","))
		b.WriteByte(']')
	case tree.String:
		s, _ := v.Str()
		b.WriteString(strconv.Quote(s))
	case tree.Number:
		n, _ := v.Number()
		b.WriteString(n)
	case tree.True, tree.False:
		x, _ := v.Bool()
		b.WriteString(strconv.FormatBool(x))
	default:
		b.WriteString("null")
	}
}

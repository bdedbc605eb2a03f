package cxone

import (
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// script is the action graph of one Studio script, read leniently from the
// data model: members of the wrong type read as absent (the schema rule
// reports them), so a rule never fails on a malformed export.
type script struct {
	actions map[string]*action // keyed by the id used in "actions" and "branches"
	ids     []string           // action ids, in id order
	begins  []string           // ids of BEGIN actions, in id order
	setters []*action          // the SETSECURITYUSER actions, in id order
	hasList bool               // "actions" is an object (possibly empty)
}

type action struct {
	id      string
	typ     string // the action type ("name" member), upper case
	label   string
	hasType bool
	props   []property // in property index order
	out     []edge     // branches leaving the action, in target id order
	in      int        // branches arriving from existing actions
}

type property struct {
	name    string
	value   tree.Value // a string or an array of strings
	pointer string
}

type edge struct {
	to      string // target action id; "" when the branch is not wired
	label   string
	typ     string
	pointer string // the branch entry, /branches/<from>/<i>
	known   bool   // to names an existing action
}

// isError reports whether the edge is an Error (older help: OnError) result
// branch.
func (e edge) isError() bool {
	for _, s := range []string{e.label, e.typ} {
		if strings.EqualFold(s, "error") || strings.EqualFold(s, "onerror") {
			return true
		}
	}
	return false
}

// via names the branch in a path, or "" for the default branch.
func (e edge) via() string {
	if e.label == "" || strings.EqualFold(e.label, "default") {
		return ""
	}
	return e.label
}

// scriptKey is the rules.View key of a document's action graph.
type scriptKey struct{}

// scriptOf returns the action graph of a script document, read once and
// shared by the pack's rules, which all walk it. Callers must not modify it.
func scriptOf(doc *rules.Document) *script {
	return rules.View(doc, scriptKey{}, func(d *rules.Document) *script { return readScript(d.Data) })
}

func readScript(top tree.Value) *script {
	s := &script{actions: map[string]*action{}}
	if !top.IsObject() {
		return s
	}
	acts := top.Get("actions")
	s.hasList = acts.IsObject()
	for id, m := range acts.Members() {
		a := &action{id: id}
		if t, ok := m.Get("name").Str(); ok {
			a.typ, a.hasType = strings.ToUpper(strings.TrimSpace(t)), true
		}
		a.label, _ = m.Get("label").Str()
		s.actions[id] = a
		s.ids = append(s.ids, id)
	}
	sortIDs(s.ids)
	for _, id := range s.ids {
		switch a := s.actions[id]; {
		case a.typ == "BEGIN":
			s.begins = append(s.begins, id)
		case a.isSetter():
			s.setters = append(s.setters, a)
		}
	}
	// One pass over properties and branches (Get per action would scan
	// them once per action).
	for id, v := range top.Get("properties").Members() {
		if a := s.actions[id]; a != nil {
			a.props = readProperties(v, rules.PointerJoin("/properties", id))
		}
	}
	for from, list := range top.Get("branches").Members() {
		a := s.actions[from]
		if a == nil {
			continue // branches of a missing action lead nowhere
		}
		for i, b := range list.Elems() {
			e := edge{pointer: rules.PointerJoin("/branches", from, i)}
			e.to, _ = actionID(b.Get("to"))
			e.label, _ = b.Get("label").Str()
			e.typ, _ = b.Get("type").Str()
			if t := s.actions[e.to]; t != nil {
				e.known = true
				t.in++
			}
			a.out = append(a.out, e)
		}
	}
	for _, a := range s.actions {
		sort.SliceStable(a.out, func(i, j int) bool { return lessID(a.out[i].to, a.out[j].to) })
	}
	return s
}

// readProperties reads one action's properties: an object keyed by index
// (the web Studio form) or an array, each element {name, value}.
func readProperties(v tree.Value, base string) []property {
	type item struct {
		key string
		v   tree.Value
	}
	var items []item
	switch v.Kind() {
	case tree.Object:
		for k, x := range v.Members() {
			items = append(items, item{k, x})
		}
		sort.Slice(items, func(i, j int) bool { return lessID(items[i].key, items[j].key) })
	case tree.Array:
		for i, x := range v.Elems() {
			items = append(items, item{strconv.Itoa(i), x})
		}
	}
	var out []property
	for _, it := range items {
		if !it.v.IsObject() {
			continue
		}
		name, _ := it.v.Get("name").Str()
		out = append(out, property{name: name, value: it.v.Get("value"), pointer: rules.PointerJoin(base, it.key, "value")})
	}
	return out
}

// actionID reads a branch target, which exports write as a number or a
// string. A missing, empty or negative target (-1 is Studio's "not wired")
// reads as not wired.
func actionID(v tree.Value) (string, bool) {
	var s string
	switch v.Kind() {
	case tree.String:
		s, _ = v.Str()
		s = strings.TrimSpace(s)
	case tree.Number:
		s, _ = v.Number()
	default:
		return "", false
	}
	if s == "" || strings.HasPrefix(s, "-") {
		return "", false
	}
	return s, true
}

// lessID orders action ids numerically when both are integers, integers
// before other ids, and otherwise as strings, so output is deterministic and
// reads naturally (2 before 10).
func lessID(a, b string) bool {
	na, ea := strconv.ParseUint(a, 10, 64)
	nb, eb := strconv.ParseUint(b, 10, 64)
	switch {
	case ea == nil && eb == nil:
		if na != nb {
			return na < nb
		}
		return a < b
	case ea == nil:
		return true
	case eb == nil:
		return false
	}
	return a < b
}

func sortIDs(ids []string) { sort.Slice(ids, func(i, j int) bool { return lessID(ids[i], ids[j]) }) }

// describe names an action in messages: `action 12 GETCONTACT "Get contact"`.
func (a *action) describe() string {
	s := "action " + a.id
	if a.typ != "" {
		s += " " + a.typ
	}
	if a.label != "" && a.label != a.typ {
		s += " " + strconv.Quote(a.label)
	}
	return s
}

// short names an action in a path: GETCONTACT(12).
func (a *action) short() string {
	if a.typ == "" {
		return a.id
	}
	return a.typ + "(" + a.id + ")"
}

// pointer locates an action: its type name, which sits on the line that
// says what the action is, or the action's key when it has none.
func (a *action) pointer() (string, rules.Target) {
	if a.hasType {
		return rules.PointerJoin("/actions", a.id, "name"), rules.TargetValue
	}
	return rules.PointerJoin("/actions", a.id), rules.TargetKey
}

func (a *action) entity() string { return "action " + a.id }

// report files a finding located at action a.
func report(p *rules.Pass, a *action, msg string, related ...rules.Related) {
	reportSeverity(p, rules.SeverityDefault, a, msg, related...)
}

// reportSeverity is report with a severity other than the rule's default.
func reportSeverity(p *rules.Pass, sev rules.Severity, a *action, msg string, related ...rules.Related) {
	ptr, target := a.pointer()
	p.Report(rules.Finding{Severity: sev, Pointer: ptr, Target: target, Entity: a.entity(), Message: msg, Related: related})
}

// isSetter reports whether a is a SETSECURITYUSER action.
// eachSetter makes a document check of one that judges a SETSECURITYUSER
// action at a time, in id order.
func eachSetter(check func(p *rules.Pass, a *action)) func(*rules.Pass) {
	return func(p *rules.Pass) {
		for _, a := range scriptOf(p.Doc).setters {
			check(p, a)
		}
	}
}

func (a *action) isSetter() bool { return a.typ == "SETSECURITYUSER" }

package cxone

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// SecurityUserMissing finds actions that need a security user and can run
// before any SETSECURITYUSER has succeeded.
var SecurityUserMissing = &rules.Rule{
	ID:              "cxone/security-user-missing",
	Title:           "An action that needs a security user can run before SETSECURITYUSER",
	Doc:             doc("security-user-missing"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryError,
	Inferred:        true,
	Check:           checkSecurityUserMissing,
}

// need says why an action needs a security user.
type need struct {
	what    string // "needs a security user", "reads {SecurityUser}"
	related []rules.Related
	// documented: NICE documents the need (the Agent List action, or an
	// input that reads the security user variable); then the finding is
	// an error. A name only in the unverified catalog is a warning.
	documented bool
}

// documentedActions are the action types whose help says that
// SetSecurityUser must precede them: Agent List ("Always make sure that the
// SetSecurityUser action precedes this action",
// https://help.nice-incontact.com/content/studio/actions/agent_list/agent_list.htm).
// Its JSON type name is not documented; both spellings Studio shows are
// accepted.
func documentedAction(typ string) bool { return typ == "AGENTLIST" || typ == "AGENT LIST" }

func checkSecurityUserMissing(p *rules.Pass) {
	s := scriptOf(p.Doc)
	if len(s.begins) == 0 {
		return // cxone/missing-begin reports it; there is no start to walk from
	}
	known := securityActions(p.Options.Names(securityActionsOption))
	vars := securityVars(s, readVar(p.Options))
	parent := unsecuredTree(s)
	for _, id := range s.ids {
		a := s.actions[id]
		if _, reached := parent[id]; !reached {
			continue
		}
		n, ok := needsSecurityUser(a, known, vars)
		if !ok {
			continue
		}
		nodes, edges := pathTo(s, parent, id)
		path := renderPath(nodes, edges)
		msg := a.describe() + " " + n.what + " but can run before SETSECURITYUSER: " + path +
			"; add a SETSECURITYUSER action before it on this path"
		if setter := failedSetter(nodes, edges); setter != nil {
			msg = a.describe() + " " + n.what + " but can run after SETSECURITYUSER " + setter.id +
				" failed: " + path + "; on the Error branch set a backup security user or end the script"
		}
		sev := rules.SeverityDefault
		if n.documented {
			sev = rules.SeverityError
		}
		reportSeverity(p, sev, a, msg, n.related...)
	}
}

// securityVars are the variables that hold the security user: the one API
// actions read and whatever the script's SETSECURITYUSER actions write.
func securityVars(s *script, read string) []string {
	vars := []string{read}
	written, _ := s.writtenVars()
	for _, v := range written {
		if !containsFold(vars, v) {
			vars = append(vars, v)
		}
	}
	return vars
}

// writtenVars are the variables the script's SETSECURITYUSER actions write,
// in id order, each once (compared case-blind, as the rules compare them),
// and the ScriptVar property of the first.
func (s *script) writtenVars() ([]string, property) {
	var vars []string
	var first property
	for _, a := range s.setters {
		if prop, v, ok := a.writtenVar(); ok && !containsFold(vars, v) {
			if len(vars) == 0 {
				first = prop
			}
			vars = append(vars, v)
		}
	}
	return vars, first
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// varRef finds a {Variable} reference to one of vars in text, comparing
// names without regard to case, and returns it as written.
func varRef(text string, vars []string) (string, bool) {
	for rest := text; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return "", false
		}
		closing := strings.IndexByte(rest[open:], '}')
		if closing < 0 {
			return "", false
		}
		ref := rest[open : open+closing+1]
		if containsFold(vars, strings.TrimSpace(ref[1:len(ref)-1])) {
			return ref, true
		}
		rest = rest[open+1:]
	}
}

// needsSecurityUser reports whether a is an API/Framework action from the
// catalog or reads a security-user variable in one of its properties.
func needsSecurityUser(a *action, known map[string]bool, vars []string) (need, bool) {
	if a.isSetter() {
		return need{}, false
	}
	if documentedAction(a.typ) {
		return need{what: "needs a security user", documented: true}, true
	}
	if known[a.typ] {
		return need{what: "needs a security user"}, true
	}
	for _, prop := range a.props {
		for _, text := range propertyTexts(prop.value) {
			if ref, ok := varRef(text, vars); ok {
				return need{
					what:       "reads " + ref,
					related:    []rules.Related{{Pointer: prop.pointer, Message: "reads " + ref + " here"}},
					documented: true,
				}, true
			}
		}
	}
	return need{}, false
}

// propertyTexts returns the strings of a property value: a string, or an
// array of strings (BEGIN Parameters, for example).
func propertyTexts(v tree.Value) []string {
	switch v.Kind() {
	case tree.String:
		s, _ := v.Str()
		return []string{s}
	case tree.Array:
		var out []string
		for _, e := range v.Elems() {
			if s, ok := e.Str(); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// hop is how breadth-first search first reached an action.
type hop struct {
	from string // "" for a BEGIN action
	e    edge
}

// unsecuredTree walks the graph from BEGIN without passing a SETSECURITYUSER
// that succeeded: its Default branch sets the security user, its Error branch
// does not (the action failed). The result maps every action reached that way
// to the hop that first reached it; breadth-first order over targets sorted
// by id makes each path a shortest one, and the same one on every run.
func unsecuredTree(s *script) map[string]hop {
	parent := map[string]hop{}
	var queue []string
	for _, b := range s.begins {
		parent[b] = hop{}
		queue = append(queue, b)
	}
	for len(queue) > 0 {
		a := s.actions[queue[0]]
		queue = queue[1:]
		for _, e := range a.out {
			if !e.known || (a.isSetter() && !e.isError()) {
				continue
			}
			if _, seen := parent[e.to]; seen {
				continue
			}
			parent[e.to] = hop{from: a.id, e: e}
			queue = append(queue, e.to)
		}
	}
	return parent
}

// pathTo returns the actions from BEGIN to id and the branches between them
// (edges[i] leaves nodes[i]).
func pathTo(s *script, parent map[string]hop, id string) ([]*action, []edge) {
	var nodes []*action
	var edges []edge
	for {
		nodes = append(nodes, s.actions[id])
		h := parent[id]
		if h.from == "" {
			break
		}
		edges = append(edges, h.e)
		id = h.from
	}
	for i, j := 0, len(nodes)-1; i < j; i, j = i+1, j-1 {
		nodes[i], nodes[j] = nodes[j], nodes[i]
	}
	for i, j := 0, len(edges)-1; i < j; i, j = i+1, j-1 {
		edges[i], edges[j] = edges[j], edges[i]
	}
	return nodes, edges
}

// maxPathShown keeps messages one readable line on long paths.
const maxPathShown = 8

// renderPath writes `BEGIN(1) → MENU(5) via "2" → GETCONTACT(12)`, eliding
// the middle of long paths.
func renderPath(nodes []*action, edges []edge) string {
	parts := make([]string, len(nodes))
	for i, n := range nodes {
		parts[i] = n.short()
		if i < len(edges) && edges[i].via() != "" {
			parts[i] += " via " + strconv.Quote(edges[i].via())
		}
	}
	if len(parts) > maxPathShown {
		head, tail := parts[:3], parts[len(parts)-4:]
		hidden := len(parts) - len(head) - len(tail)
		parts = append(append(append([]string{}, head...), fmt.Sprintf("… %d more", hidden)), tail...)
	}
	return strings.Join(parts, " → ")
}

// failedSetter returns the last SETSECURITYUSER the path leaves through its
// Error branch, or nil.
func failedSetter(nodes []*action, edges []edge) *action {
	var last *action
	for i, e := range edges {
		if nodes[i].isSetter() && e.isError() {
			last = nodes[i]
		}
	}
	return last
}

package cxone

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// MissingBegin finds a script without a BEGIN action.
var MissingBegin = &rules.Rule{
	ID:              "cxone/missing-begin",
	Title:           "The script has no BEGIN action",
	Doc:             doc("missing-begin"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkMissingBegin,
}

// UnknownBranchTarget finds branches that lead to an action the script does
// not have.
var UnknownBranchTarget = &rules.Rule{
	ID:              "cxone/unknown-branch-target",
	Title:           "A branch leads to an action that is not in the script",
	Doc:             doc("unknown-branch-target"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkUnknownBranchTarget,
}

// UnreachableAction finds actions no path from BEGIN (or from an event
// handler) leads to.
var UnreachableAction = &rules.Rule{
	ID:              "cxone/unreachable-action",
	Title:           "An action cannot be reached from BEGIN",
	Doc:             doc("unreachable-action"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Check:           checkUnreachable,
}

func checkMissingBegin(p *rules.Pass) {
	s := scriptOf(p.Doc)
	if !s.hasList || len(s.begins) > 0 {
		return // no actions object at all is the schema rule's finding
	}
	p.Report(rules.Finding{
		Pointer: "/actions",
		Target:  rules.TargetKey,
		Entity:  "script",
		Message: "the script has no BEGIN action, so it has no start and rbaclint cannot check what runs before SETSECURITYUSER; add a BEGIN action",
	})
}

func checkUnknownBranchTarget(p *rules.Pass) {
	s := scriptOf(p.Doc)
	for _, id := range s.ids {
		a := s.actions[id]
		for _, e := range a.out {
			if e.to == "" || e.known {
				continue
			}
			branch := ""
			if e.label != "" {
				branch = " " + strconv.Quote(e.label)
			}
			p.Report(rules.Finding{
				Pointer: e.pointer + "/to",
				Entity:  a.entity(),
				Message: "branch" + branch + " of " + a.describe() + " goes to action " + e.to +
					", which is not in the script; point it at an existing action",
			})
		}
	}
}

func checkUnreachable(p *rules.Pass) {
	s := scriptOf(p.Doc)
	if len(s.begins) == 0 {
		return // without a start every action would be reported
	}
	roots := append([]string(nil), s.begins...)
	for _, id := range s.ids {
		if a := s.actions[id]; a.in == 0 && isEventHandler(a) {
			roots = append(roots, id)
		}
	}
	reached := forward(s, roots, nil)
	// Report the first action of each unreachable region, not every action in
	// it: entry points (nothing leads to them) first, then what is left (a
	// loop nothing leads into).
	for _, entriesOnly := range []bool{true, false} {
		for _, id := range s.ids {
			a := s.actions[id]
			if reached[id] || (entriesOnly && a.in > 0) {
				continue
			}
			before := len(reached)
			forward(s, []string{id}, reached)
			msg := a.describe() + " cannot be reached from BEGIN"
			if n := len(reached) - before - 1; n > 0 {
				msg += " (nor can " + strconv.Itoa(n) + " action" + plural(n) + " after it)"
			}
			report(p, a, msg+"; connect it or delete it")
		}
	}
}

// isEventHandler reports whether a is an event action (ONRELEASE, ONANSWER,
// ...): Studio starts those on an event, not from BEGIN.
func isEventHandler(a *action) bool {
	return strings.HasPrefix(a.typ, "ON") && len(a.typ) > 2
}

// forward marks every action reachable from roots in seen (allocated when
// nil) and returns it.
func forward(s *script, roots []string, seen map[string]bool) map[string]bool {
	if seen == nil {
		seen = map[string]bool{}
	}
	stack := append([]string(nil), roots...)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		for _, e := range s.actions[id].out {
			if e.known && !seen[e.to] {
				stack = append(stack, e.to)
			}
		}
	}
	return seen
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

package cxone

import (
	"strconv"

	"github.com/rbaclint/rbaclint/rules"
)

// SecurityUserInput finds an action whose SecurityUser input reads another
// variable than every SETSECURITYUSER of the script writes.
var SecurityUserInput = &rules.Rule{
	ID:              "cxone/security-user-input",
	Title:           "An action's SecurityUser input is not the variable SETSECURITYUSER writes",
	Doc:             doc("security-user-input"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           checkSecurityUserInput,
}

func checkSecurityUserInput(p *rules.Pass) {
	s := scriptOf(p.Doc)
	written, first := s.writtenVars()
	if len(written) == 0 {
		return // no setter with a variable: cxone/security-user-missing speaks to it
	}
	for _, id := range s.ids {
		a := s.actions[id]
		if a.isSetter() {
			continue
		}
		for _, prop := range a.props {
			if letters(prop.name) != "securityuser" {
				continue
			}
			read := varName(prop.value)
			if read == "" || containsFold(written, read) {
				continue
			}
			// Documented for Agent List: "the output variable of that action
			// matches the SecurityUser input variable".
			sev := rules.SeverityDefault
			if documentedAction(a.typ) {
				sev = rules.SeverityError
			}
			p.Report(rules.Finding{
				Severity: sev,
				Pointer:  prop.pointer,
				Entity:   a.entity(),
				Message: a.describe() + " reads its security user from " + strconv.Quote(read) + ", but SETSECURITYUSER writes " +
					strconv.Quote(written[0]) + "; the action runs without the security user: make them the same variable",
				Related: []rules.Related{{Pointer: first.pointer, Message: "SETSECURITYUSER writes " + written[0] + " here"}},
			})
		}
	}
}

package cxone

import "github.com/rbaclint/rbaclint/rules"

// SecurityUserErrorBranch finds a SETSECURITYUSER whose Error branch leads
// nowhere: when the security user is invalid, the script stops.
var SecurityUserErrorBranch = &rules.Rule{
	ID:              "cxone/security-user-error-branch",
	Title:           "SETSECURITYUSER has no connected Error branch",
	Doc:             doc("security-user-error-branch"),
	Kinds:           scriptKinds,
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Check:           eachSetter(checkErrorBranch),
}

const errorBranchAdvice = "; if the security user is invalid the script stops: connect Error to a handler (for example a second SETSECURITYUSER with a backup user)"

func checkErrorBranch(p *rules.Pass, a *action) {
	var dangling *edge
	connected := false
	for i, e := range a.out {
		if !e.isError() {
			continue
		}
		if e.known {
			connected = true
			break
		}
		if dangling == nil {
			dangling = &a.out[i]
		}
	}
	switch {
	case connected:
	case dangling != nil:
		msg := a.describe() + " has an Error branch that is not connected"
		if dangling.to != "" {
			msg = a.describe() + " has an Error branch to action " + dangling.to + ", which does not exist"
		}
		p.Report(rules.Finding{Pointer: dangling.pointer, Entity: a.entity(), Message: msg + errorBranchAdvice})
	default:
		report(p, a, a.describe()+" has no Error branch"+errorBranchAdvice)
	}
}

package report

import (
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

// The zero severity means "the rule's default" (rules.SeverityOf, which
// the engine applies too); every format must show the same level for it.
func TestSeverityDefault(t *testing.T) {
	run := testRun()
	run.Findings = []reported.Finding{
		{Finding: rules.Finding{RuleID: "pcce/update-only-subfeature", Path: "a.xml", Message: "m"}},
		{Finding: rules.Finding{RuleID: "retired-rule", Path: "a.xml", Message: "m"}},
	}
	cat := newCatalog(run)
	if got := cat.severity(&run.Findings[0]); got != rules.SeverityNote {
		t.Errorf("default severity of a note rule read as %v", got)
	}
	if got := cat.severity(&run.Findings[1]); got != rules.SeverityError {
		t.Errorf("default severity of an unknown rule read as %v, want error (as the engine decides)", got)
	}
	if got := string(render(t, GitHub, run)); got != "::notice file=a.xml,title=pcce/update-only-subfeature::m\n::error file=a.xml,title=retired-rule::m\n" {
		t.Errorf("github output %q", got)
	}
}

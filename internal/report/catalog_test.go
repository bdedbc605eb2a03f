package report

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// The zero severity means "the rule's default" (rules.Finding); every
// format must show the same level for it.
func TestSeverityDefault(t *testing.T) {
	run := testRun()
	run.Findings = []rules.Finding{
		{RuleID: "pcce/update-only-subfeature", Path: "a.xml", Message: "m"},
		{RuleID: "retired-rule", Path: "a.xml", Message: "m"},
	}
	cat := newCatalog(run)
	if got := cat.severity(&run.Findings[0]); got != rules.SeverityNote {
		t.Errorf("default severity of a note rule read as %v", got)
	}
	if got := cat.severity(&run.Findings[1]); got != rules.SeverityWarning {
		t.Errorf("default severity of an unknown rule read as %v, want warning (SARIF's default)", got)
	}
	if got := string(render(t, GitHub, run)); got != "::notice file=a.xml,title=pcce/update-only-subfeature::m\n::warning file=a.xml,title=retired-rule::m\n" {
		t.Errorf("github output %q", got)
	}
}

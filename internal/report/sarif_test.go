package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/jsontest"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
)

func TestSARIFSchema(t *testing.T) {
	schema := jsontest.OfficialSARIF(t)
	clean := testRun()
	clean.Findings, clean.WorkDir, clean.Tool.Version = nil, "", "devel"
	for name, run := range map[string]*Run{"full": testRun(), "clean": clean} {
		if err := schema.Validate(jsontest.Decode(t, render(t, SARIF, run))); err != nil {
			t.Errorf("%s run: SARIF output is not valid against the official schema:\n%v", name, err)
		}
	}
	// The check itself must be able to fail: a level outside the enum.
	bad := bytes.Replace(render(t, SARIF, testRun()), []byte(`"level": "note"`), []byte(`"level": "info"`), 1)
	if err := schema.Validate(jsontest.Decode(t, bad)); err == nil {
		t.Error("the schema accepted a result level of \"info\"; validation is not working")
	}
}

// sarifOf renders a run and decodes the SARIF into the few fields asserted.
func sarifOf(t *testing.T, run *Run) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(render(t, SARIF, run), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want exactly one (GitHub rejects several runs of one category)", len(log.Runs))
	}
	return log
}

func TestSARIFRuleMetadata(t *testing.T) {
	r := sarifOf(t, testRun()).Runs[0]
	if got, want := len(r.Tool.Driver.Rules), len(testRun().Rules); got != want {
		t.Fatalf("rules[] has %d entries, want the full catalog of %d", got, want)
	}
	for _, d := range r.Tool.Driver.Rules {
		if d.Name == d.ID || d.Name == "" {
			t.Errorf("rule %s: name %q must be set and differ from the id", d.ID, d.Name)
		}
		if d.ShortDescription.Text == "" || d.FullDescription.Text == "" || d.Help.Text == "" {
			t.Errorf("rule %s: GitHub requires non-empty shortDescription, fullDescription and help.text", d.ID)
		}
	}
	byID := map[string]sarifRule{}
	for _, d := range r.Tool.Driver.Rules {
		byID[d.ID] = d
	}
	if got := byID["plaintext-secret"].Properties.SecuritySeverity; got != "8.5" {
		t.Errorf("security-severity = %q, want \"8.5\"", got)
	}
	if got := byID["webex/permissions-required"].Properties.SecuritySeverity; got != "" {
		t.Errorf("a non-security rule has security-severity %q; its presence makes GitHub treat results as security alerts", got)
	}
	if got := byID["webex/privilege-escalation"].Properties.Precision; got != "medium" {
		t.Errorf("inferred rule precision = %q, want medium", got)
	}
}

func TestSARIFResults(t *testing.T) {
	run := testRun()
	run.Findings = append(run.Findings, reported.Finding{Finding: rules.Finding{
		RuleID: "retired-rule", Severity: rules.SeverityNote, Path: "/abs/dir/x.json", Message: "line one\nline two",
	}})
	res := sarifOf(t, run).Runs[0].Results
	if len(res) != len(run.Findings) {
		t.Fatalf("%d results for %d findings: suppressed findings must be kept", len(res), len(run.Findings))
	}
	for i, r := range res {
		f := run.Findings[i]
		if (f.Suppressed != nil) != (len(r.Suppressions) > 0) {
			t.Errorf("result %d (%s): suppressions %v for a finding suppressed=%v", i, f.RuleID, r.Suppressions, f.Suppressed != nil)
		}
		if r.RuleIndex != nil && run.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d points at %s, not %s", i, *r.RuleIndex, run.Rules[*r.RuleIndex].ID, r.RuleID)
		}
	}
	last := res[len(res)-1]
	if last.RuleIndex != nil {
		t.Errorf("a rule missing from the catalog got ruleIndex %d", *last.RuleIndex)
	}
	if strings.ContainsAny(last.Message.Text, "\r\n") {
		t.Errorf("message.text %q is not one line", last.Message.Text)
	}
	loc := last.Locations[0].PhysicalLocation.ArtifactLocation
	if loc.URI != "file:///abs/dir/x.json" || loc.URIBaseID != "" {
		t.Errorf("absolute path became %+v, want a file URI without uriBaseId", loc)
	}
}

func TestSARIFTruncation(t *testing.T) {
	defer func(r, l int) { maxResults, maxRelated = r, l }(maxResults, maxRelated)
	maxResults, maxRelated = 4, 1

	run := testRun()
	run.Findings[1].Related = append(run.Findings[1].Related, run.Findings[1].Related[0])
	r := sarifOf(t, run).Runs[0]
	if len(r.Results) != 4 {
		t.Fatalf("got %d results, want the limit of 4", len(r.Results))
	}
	// The three visible errors outrank the warnings, of which the first in
	// the given order is kept; the note and the suppressed error go.
	// Kept results stay in the given order.
	var got []string
	for _, res := range r.Results {
		got = append(got, res.RuleID+":"+res.Level)
	}
	want := "unknown-document:warning duplicate-key:error webex/permissions-required:error plaintext-secret:error"
	if strings.Join(got, " ") != want {
		t.Errorf("kept %v, want %s", got, want)
	}
	if last := r.Results[3]; len(last.Suppressions) != 0 {
		t.Errorf("kept the suppressed finding rather than the visible one in users.json")
	}
	if n := len(r.Results[1].RelatedLocations); n != 1 {
		t.Errorf("related locations = %d, want the limit of 1", n)
	}
	notes := r.Invocations[0].ToolExecutionNotifications
	if len(notes) != 2 {
		t.Fatalf("want a notification for each truncation, got %+v", notes)
	}
	if !strings.Contains(notes[0].Message.Text, "3 of 7 results left out") {
		t.Errorf("notification %q does not say how many results were left out", notes[0].Message.Text)
	}
}

func TestSARIFNames(t *testing.T) {
	for _, c := range []struct{ id, name, anchor string }{
		{"webex/permissions-required", "WebexPermissionsRequired", "webexpermissions-required"},
		{"syntax", "GeneralSyntax", "syntax"},
		{"tenant/uk-essential-role", "TenantUkEssentialRole", "tenantuk-essential-role"},
		{"access-widened", "GeneralAccessWidened", "access-widened"},
	} {
		if got := ruleName(c.id); got != c.name || strings.EqualFold(got, c.id) {
			t.Errorf("ruleName(%q) = %q, want %q", c.id, got, c.name)
		}
		if got := RuleHelpURI(c.id); got != RulesDocURL+"#"+c.anchor {
			t.Errorf("RuleHelpURI(%q) = %q, want anchor %q", c.id, got, c.anchor)
		}
	}
}

func TestEscapePath(t *testing.T) {
	for in, want := range map[string]string{
		"profiles/sales team.json": "profiles/sales%20team.json",
		"pcce/rôles.xml":           "pcce/r%C3%B4les.xml",
		"a:b/50%#1?.json":          "a%3Ab/50%25%231%3F.json",
		"../up/x.json":             "../up/x.json",
	} {
		if got := escapePath(in); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v1.2.0": "1.2.0", "1.2.0-rc.1": "1.2.0-rc.1", "v0.0.0-20260101120000-abcdef123456": "0.0.0-20260101120000-abcdef123456",
		"devel": "", "(devel)": "", "": "", "v1.2": "",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFRuleLimits(t *testing.T) {
	r := &rules.Rule{ID: "x/long", Title: strings.Repeat("é", 2000), DefaultSeverity: rules.SeverityWarning, Category: rules.CategoryWarning}
	for i := range 30 {
		r.Tags = append(r.Tags, fmt.Sprintf("t%02d", i))
	}
	d := sarifRules([]*rules.Rule{r})[0]
	if n := utf8.RuneCountInString(d.ShortDescription.Text); n != maxDescription || !strings.HasSuffix(d.ShortDescription.Text, "…") {
		t.Errorf("shortDescription has %d characters, want %d ending in …", n, maxDescription)
	}
	if n := utf8.RuneCountInString(d.FullDescription.Text); n > maxDescription {
		t.Errorf("fullDescription has %d characters, over GitHub's %d", n, maxDescription)
	}
	if len(d.Properties.Tags) != maxTags || d.Properties.Tags[0] != "warning" {
		t.Errorf("tags = %v, want the category first and %d in all", d.Properties.Tags, maxTags)
	}
}

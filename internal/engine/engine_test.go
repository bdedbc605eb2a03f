package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/registry"
	"github.com/rbaclint/rbaclint/rules/ruletest/testdoc"
)

// TestFingerprintStableAcrossReordering checks the property baselines and
// SARIF partialFingerprints rely on: moving an element in an array does not
// change the fingerprint of a finding inside it, while a different element or
// value does.
func TestFingerprintStableAcrossReordering(t *testing.T) {
	a := testdoc.Load(t, rules.KindTenantUsers, "u.json", `{"data":[{"email":"a@x.io","roles":["r1","r2"]},{"email":"b@x.io","roles":["r3"]}]}`)
	b := testdoc.Load(t, rules.KindTenantUsers, "u.json", `{"data":[{"email":"b@x.io","roles":["r3"]},{"email":"a@x.io","roles":["r2","r1"]}]}`)
	fa := Fingerprint(rules.Finding{RuleID: "x", Path: "u.json", Pointer: "/data/0/roles/1"}, a)
	fb := Fingerprint(rules.Finding{RuleID: "x", Path: "u.json", Pointer: "/data/1/roles/0"}, b)
	if fa != fb {
		t.Errorf("fingerprint changed when the export was re-ordered: %s vs %s", fa, fb)
	}
	other := Fingerprint(rules.Finding{RuleID: "x", Path: "u.json", Pointer: "/data/0/roles/0"}, a)
	if other == fa {
		t.Errorf("different roles share a fingerprint")
	}
	if Fingerprint(rules.Finding{RuleID: "y", Path: "u.json", Pointer: "/data/0/roles/1"}, a) == fa {
		t.Errorf("different rules share a fingerprint")
	}
	if l, _ := logicalLocation(a.Data, "/data/0/roles/1", kinds.TenantUsers.Identity, false, nil); l != "/data/[email=a@x.io]/roles/[r2]" {
		t.Errorf("logical location = %q", l)
	}
}

func TestSpanFallsBackToEnclosingValue(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.json")
	os.WriteFile(p, []byte("{\n  \"name\": \"A\",\n  \"profileType\": \"STANDARD_AGENT\",\n  \"active\": true,\n  \"permissionAccessLevel\": \"ALL\",\n  \"resourceAccessLevel\": \"ALL\"\n}\n"), 0o644)
	probe := &rules.Rule{ID: "probe", DefaultSeverity: rules.SeverityNote, Kinds: []rules.Kind{rules.KindWebexUserProfile},
		Check: func(p *rules.Pass) {
			p.Report(rules.Finding{Pointer: "/name/does/not/exist", Message: "deep"})
			p.Report(rules.Finding{Pointer: "/profileType", Target: rules.TargetKey, Message: "key"})
		}}
	res, err := Run([]string{p}, Options{Rules: []*rules.Rule{probe}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]rules.Position{}
	for _, f := range res.Findings {
		got[f.Message] = f.Span.Start
	}
	if got["deep"].Line != 2 || got["deep"].Column != 11 {
		t.Errorf("missing pointer should land on the nearest existing value (2:11), got %+v", got["deep"])
	}
	if got["key"].Line != 3 || got["key"].Column != 3 {
		t.Errorf("TargetKey should land on the key (3:3), got %+v", got["key"])
	}
}

func TestRulePanicIsAnInternalError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.json")
	os.WriteFile(p, []byte(`{"name":"A","profileType":"STANDARD_AGENT","active":true,"permissionAccessLevel":"ALL","resourceAccessLevel":"ALL"}`), 0o644)
	boom := &rules.Rule{ID: "boom", Kinds: []rules.Kind{rules.KindWebexUserProfile}, Check: func(*rules.Pass) { panic("bad rule") }}
	_, err := Run([]string{p}, Options{Rules: []*rules.Rule{boom}})
	if _, ok := err.(*InternalError); !ok || !strings.Contains(err.Error(), "rule boom failed on") {
		t.Fatalf("err = %v, want an InternalError naming the rule and file", err)
	}
}

// TestJobsDoNotChangeResults runs the whole examples and testdata trees with
// different worker counts and compares the findings.
func TestJobsDoNotChangeResults(t *testing.T) {
	paths := []string{filepath.Join("..", "..", "examples"), filepath.Join("..", "..", "testdata")}
	var first []reported.Finding
	for i, jobs := range []int{1, 2, 7} {
		res, err := Run(paths, Options{Rules: registry.All(), Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) == 0 {
			t.Fatal("no findings over examples and testdata")
		}
		if i == 0 {
			first = res.Findings
			continue
		}
		if !reflect.DeepEqual(first, res.Findings) {
			t.Fatalf("--jobs %d gives different findings than --jobs 1", jobs)
		}
	}
}

func TestPerFileCap(t *testing.T) {
	var fs []rules.Finding
	for i := 0; i < 5; i++ {
		fs = append(fs, rules.Finding{RuleID: "r", Path: "a.json", Span: rules.Span{Start: rules.Position{Line: i + 1, Column: 1}}})
	}
	fs = append(fs, rules.Finding{RuleID: "r", Path: "b.json"})
	fs[4].Severity = rules.SeverityError
	run := &Processing{overflow: map[string]int{"a.json": 10}, Capped: map[rules.Severity]int{}}
	out := capPerFile(reported.Of(fs), 2, run)
	if len(out) != 4 || out[2].RuleID != rules.IDLimit || !strings.Contains(out[2].Message, "13 more findings") || out[3].Path != "b.json" {
		t.Fatalf("capPerFile = %+v", out)
	}
	if run.Capped[rules.SeverityError] != 1 || run.Capped[rules.SeverityDefault] != 2 {
		t.Errorf("capPerFile counted %v left out", run.Capped)
	}
}

func TestBoundMessage(t *testing.T) {
	long := strings.Repeat("x", 100000)
	got := boundMessage(`role "` + long + `" grants nothing; add features or delete it`)
	if len(got) > 200 || !strings.HasSuffix(got, "grants nothing; add features or delete it") || !strings.Contains(got, "…") {
		t.Errorf("boundMessage kept %d bytes: %q", len(got), got)
	}
	short := `profile "Tier 1": permission "queue" is listed twice`
	if boundMessage(short) != short {
		t.Errorf("short message changed")
	}
	wide := `role "` + strings.Repeat("é", 70) + `" grants nothing` // 140 bytes, 77 characters: kept whole
	if boundMessage(wide) != wide {
		t.Errorf("a word of 77 characters was elided: %q", boundMessage(wide))
	}
	many := strings.Repeat("word ", 2000)
	if got := boundMessage(many); len(got) > maxMessage+len("…") {
		t.Errorf("message of many words not capped: %d bytes", len(got))
	}
}

package finesse

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

func rc(category string, code int, label string) map[string]any {
	return map[string]any{"category": category, "code": code, "label": label, "forAll": true, "systemCode": false}
}

func codes(t *testing.T, items ...map[string]any) *rules.Document {
	list := make([]any, len(items))
	for i, m := range items {
		list[i] = m
	}
	return docOf(t, rules.KindFinesseReasonCodes, list)
}

func TestDuplicateCode(t *testing.T) {
	d := codes(t, rc("NOT_READY", 12, "Break"), rc("LOGOUT", 12, "Break"), rc("NOT_READY", 12, "Lunch"))
	f := wantOne(t, run(DuplicateReasonCode, d, nil))
	if f.Pointer != "/2/code" || len(f.Related) != 1 || f.Related[0].Pointer != "/0/code" {
		t.Errorf("at %q related %+v", f.Pointer, f.Related)
	}
	if !strings.Contains(f.Message, `code 12 is used twice in category NOT_READY (also by "Break")`) {
		t.Errorf("message %q", f.Message)
	}
}

func TestDuplicateLabel(t *testing.T) {
	d := codes(t, rc("NOT_READY", 12, "Break"), rc("NOT_READY", 13, "Break"))
	f := wantOne(t, run(DuplicateReasonCode, d, nil))
	if f.Pointer != "/1/label" || f.Severity != rules.SeverityDefault || f.Related[0].Pointer != "/0/label" {
		t.Errorf("%+v", f)
	}
}

func TestLabelDiffersInCaseOnly(t *testing.T) {
	d := codes(t, rc("NOT_READY", 12, "Break"), rc("NOT_READY", 13, "BREAK "))
	f := wantOne(t, run(DuplicateReasonCode, d, nil))
	if f.Severity != rules.SeverityWarning || !strings.Contains(f.Message, "only in case or spacing") {
		t.Errorf("%+v", f)
	}
}

func TestReasonCodesClean(t *testing.T) {
	d := codes(t, rc("NOT_READY", 12, "Break"), rc("NOT_READY", 13, "Lunch"), rc("LOGOUT", 12, "Break"))
	wantNone(t, run(DuplicateReasonCode, d, nil))
	wantNone(t, run(LabelExceedsPCCE, d, nil))
	// A single <ReasonCode> document and malformed values never fail.
	wantNone(t, run(DuplicateReasonCode, docOf(t, rules.KindFinesseReasonCodes, rc("NOT_READY", 1, "x")), nil))
	bad := []map[string]any{{"category": 5, "code": "x"}, {"code": "x", "label": 3, "category": "LOGOUT"}, {"code": "x", "category": "LOGOUT"}}
	wantNone(t, run(DuplicateReasonCode, codes(t, bad...), nil))
	// TeamResource answers have no category: the same code may be one
	// NOT_READY and one LOGOUT code.
	team := []map[string]any{{"code": 10, "label": "Break"}, {"code": 10, "label": "End of shift"}}
	wantNone(t, run(DuplicateReasonCode, codes(t, team...), nil))
}

func TestLabelExceedsPCCE(t *testing.T) {
	forty := strings.Repeat("é", 40) // 40 code points, 80 bytes
	d := codes(t, rc("NOT_READY", 1, forty), rc("NOT_READY", 2, strings.Repeat("a", 39)), rc("NOT_READY", 3, strings.Repeat("a", 41)))
	f := wantOne(t, run(LabelExceedsPCCE, d, nil))
	if f.Pointer != "/0/label" || !strings.Contains(f.Message, "has 40 characters") {
		t.Errorf("got %q at %q", f.Message, f.Pointer)
	}
	wantNone(t, run(LabelExceedsPCCE, d, rules.NewOptions(map[*rules.Option]any{kinds.FinessePlatform: "uccx"})))
}

package rules_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// Rules sharing a summary are gathered once; rules of other kinds, and
// rules without CheckSet, are not gathered at all.
func TestSummariesAreDistinct(t *testing.T) {
	a, b := &rules.Summary{}, &rules.Summary{}
	set := func(*rules.SetPass) {}
	rs := []*rules.Rule{
		{ID: "one", CheckSet: set, Summary: a, Kinds: []rules.Kind{rules.KindTenantUsers}},
		{ID: "two", CheckSet: set, Summary: a},
		{ID: "three", CheckSet: set, Summary: b, Kinds: []rules.Kind{rules.KindPCCERoles}},
		{ID: "four", Summary: b},
		{ID: "five", CheckSet: set},
	}
	got := rules.Summaries(rs, rules.KindTenantUsers)
	if len(got) != 1 || got[0] != a {
		t.Errorf("Summaries = %v, want [a]", got)
	}
	if got := rules.Summaries(rs, rules.KindPCCERoles); len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("Summaries(pcce) = %v, want [a b]", got)
	}
}

// A document's summary is read once, and one the engine set is not read.
func TestSummarizedReadsOnce(t *testing.T) {
	reads := 0
	s := &rules.Summary{
		Read: func(d *rules.Document) any { reads++; return len(d.Entities) },
		Join: func(_ *rules.Document, parts []any) any { return parts[0].(int) * 10 },
	}
	doc := &rules.Document{Entities: make([]rules.Entity, 3)}
	if v := rules.Summarized(doc, s); v != 30 || rules.Summarized(doc, s) != 30 || reads != 1 {
		t.Errorf("Summarized = %v after %d reads, want 30 after 1", v, reads)
	}
	facts := &rules.Document{}
	rules.SetSummary(facts, s, 7)
	if v := rules.Summarized(facts, s); v != 7 || reads != 1 {
		t.Errorf("Summarized(facts) = %v after %d reads, want 7 after 1", v, reads)
	}
}

// wholeFrom reads every entity again as a fixed one.
type wholeFrom struct{ e rules.Entity }

func (w wholeFrom) Resolve([]string) map[string]rules.Place { return nil }
func (w wholeFrom) Whole(int) (rules.Entity, bool)          { return w.e, true }
func (w wholeFrom) Pointer(int) (string, bool)              { return w.e.Pointer, true }

func TestWhole(t *testing.T) {
	e := rules.Entity{Pointer: "/0", Data: tree.Value{}}
	doc := &rules.Document{Entities: []rules.Entity{{Pointer: "/0"}}}
	if got, ok := doc.Whole(0); !ok || got.Pointer != "/0" {
		t.Errorf("Whole(0) = %v, %v", got, ok)
	}
	for _, i := range []int{-1, 1} {
		if _, ok := doc.Whole(i); ok {
			t.Errorf("Whole(%d) is ok", i)
		}
	}
	e.Pointer = "/again"
	doc.Source = wholeFrom{e}
	if got, ok := doc.Whole(0); !ok || got.Pointer != "/again" {
		t.Errorf("Whole(0) through the source = %v, %v", got, ok)
	}
}

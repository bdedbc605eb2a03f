package pcce

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// TestOddShapes runs every rule over values of unexpected types, as an
// invalid export loads them (the schema rule reports those; the pack must
// neither panic nor report).
func TestOddShapes(t *testing.T) {
	odd := []struct {
		kind rules.Kind
		json string
	}{
		{rules.KindPCCERoles, `{"name":"R1","systemDefined":true,"accessList":[null,"x",{"name":7},{"name":{"a":1}}],"administrators":["",null,{"refURL":5}],"refURL":[]}`},
		{rules.KindPCCERoles, `{"roles":[{"name":"R","systemDefined":true,"accessList":{"feature":"x"}},{"name":["x"],"systemDefined":true},{"name":"R2","accessList":[{"name":"agent"}],"administrators":[{"userName":"u"}]}],"pageInfo":"x"}`},
		{rules.KindPCCEAdministrators, `{"administrators":[{"userName":"u","role":{"refURL":["x"],"name":5},"departments":[null,"",{"refURL":{}}]}]}`},
		{rules.KindPCCEAdministrators, `{"userName":"u","role":{"name":"R"},"departments":"none","refURL":7}`},
		{rules.KindPCCEFeatures, `[null,"x",{"name":3}]`},
		{rules.KindPCCEFeatures, `{"accessList":"x"}`},
	}
	var docs []*rules.Document
	for _, o := range odd {
		docs = append(docs, newDoc(t, o.kind, "odd.xml", o.json))
	}
	// A document the loader could not give entities to.
	docs = append(docs, &rules.Document{Path: "empty.xml", Kind: rules.KindPCCERoles})
	// The odd documents also hold a reference with a user name and no
	// refURL and the user name "u" twice: two rules rightly report those,
	// so for them the test only asks that they do not panic.
	real := map[*rules.Rule]bool{ReferenceWithoutRefURL: true, DuplicateAdministrator: true}
	for _, r := range Rules {
		if got := run(t, r, nil, docs...); len(got) != 0 && !real[r] {
			t.Errorf("%s reported %d findings on odd values, first %q at %s", r.ID, len(got), got[0].Message, got[0].Pointer)
		}
	}
}

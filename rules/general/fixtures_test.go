package general_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/general"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

// The general rules are mostly the loaders' and the validator's findings.
func TestFixtures(t *testing.T) {
	for _, area := range []string{"general", "schema"} {
		t.Run(area, func(t *testing.T) { ruletest.Run(t, "../../testdata/"+area, general.Rules...) })
	}
}

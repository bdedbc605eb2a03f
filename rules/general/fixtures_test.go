package general_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/general"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

// The general rules are mostly the loaders' and the validator's findings.
func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/general", general.Rules...) }

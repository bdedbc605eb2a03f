package finesse_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/finesse"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/finesse", finesse.Rules...) }

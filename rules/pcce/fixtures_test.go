package pcce_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/pcce"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Run(t, "../../testdata/pcce", pcce.Rules...) }

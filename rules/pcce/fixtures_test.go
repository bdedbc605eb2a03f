package pcce_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/pcce"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/pcce", pcce.Rules...) }

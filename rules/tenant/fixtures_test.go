package tenant_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/ruletest"
	"github.com/rbaclint/rbaclint/rules/tenant"
)

func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/tenant", tenant.Rules...) }

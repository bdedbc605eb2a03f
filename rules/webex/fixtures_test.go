package webex_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/ruletest"
	"github.com/rbaclint/rbaclint/rules/webex"
)

func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/webex", webex.Rules...) }

package cxone_test

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules/cxone"
	"github.com/rbaclint/rbaclint/rules/ruletest"
)

func TestFixtures(t *testing.T) { ruletest.Pack(t, "../../testdata/cxone", cxone.Rules...) }

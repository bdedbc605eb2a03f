package tenant

import "github.com/rbaclint/rbaclint/rules"

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{}

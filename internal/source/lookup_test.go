package source

import "github.com/rbaclint/rbaclint/rules"

// lookup follows a pointer through an independently decoded data model,
// the oracle the tests hold the tree's pointers to.
func lookup(root any, ptr string) (any, bool) {
	tokens, ok := rules.SplitPointer(ptr)
	if !ok {
		return nil, false
	}
	return rules.Lookup(root, tokens)
}

package config

import (
	"reflect"
	"slices"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// The kinds: entries of the config schema accept exactly the kind list's
// names (the list's order is detection precedence, the schema's is for
// readers), so a new kind cannot be forgotten there.
func TestKindsSchemaNamesTheKindList(t *testing.T) {
	var s struct {
		Properties struct {
			Kinds struct {
				Items struct {
					Properties struct {
						Kind struct {
							Enum []rules.Kind `json:"enum"`
						} `json:"kind"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"kinds"`
		} `json:"properties"`
	}
	readSchema(t, &s)
	got, want := slices.Sorted(slices.Values(s.Properties.Kinds.Items.Properties.Kind.Enum)), slices.Sorted(slices.Values(kinds.Names()))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("schema kinds enum = %v, want the kind list %v", got, want)
	}
}

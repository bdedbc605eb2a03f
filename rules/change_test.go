package rules

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
)

func TestChangedMembers(t *testing.T) {
	old := tree.FromAny(map[string]any{"a": 1, "b": []any{"x", map[string]any{"k": true}}, "c": "s", "e": nil, "createdTime": "t1"}).Root()
	new := tree.FromAny(map[string]any{"a": 1, "b": []any{map[string]any{"k": true}, "x"}, "d": nil, "e": false, "createdTime": "t2"}).Root()
	// b only re-orders its elements; createdTime is skipped.
	if got := strings.Join(ChangedMembers(old, new, "createdTime"), " "); got != "c d e" {
		t.Errorf("ChangedMembers = %q, want \"c d e\"", got)
	}
	if got := ChangedMembers(old, old); got != nil {
		t.Errorf("ChangedMembers of a value and itself = %q", got)
	}
}

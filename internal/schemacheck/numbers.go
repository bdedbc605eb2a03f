package schemacheck

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// The validator turns every number it checks into a big.Rat: a number with
// thousands of digits or a huge exponent costs seconds (or makes big.Rat give
// up, which the validator does not expect). Real exports never hold such
// numbers, so they are reported instead of checked.
const (
	maxNumberLen      = 64 // characters
	maxExponentDigits = 4  // 1e9999 is still cheap
)

// uncheckable reports whether the validator must not be given number v.
func uncheckable(v any) bool {
	switch n := v.(type) {
	case json.Number:
		return uncheckableText(string(n))
	case float64:
		return math.IsNaN(n) || math.IsInf(n, 0)
	case float32:
		return math.IsNaN(float64(n)) || math.IsInf(float64(n), 0)
	}
	return false
}

// uncheckableText is uncheckable for a number's text.
func uncheckableText(s string) bool {
	if len(s) > maxNumberLen {
		return true
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp := strings.TrimLeft(strings.TrimLeft(s[i+1:], "+-"), "0")
		return len(exp) > maxExponentDigits
	}
	return false
}

// hasUncheckable reports whether any number below v may be uncheckable. It
// runs on every document (every window of a big list), so it reads the
// numbers in one run over the nodes and allocates nothing; a yes is then
// made exact by findUncheckable, which also skips overridden members.
func hasUncheckable(v tree.Value) bool {
	for s := range v.Numbers() {
		if uncheckableText(s) {
			return true
		}
	}
	return false
}

// findUncheckable returns the pointers (below base) of uncheckable numbers.
func findUncheckable(v tree.Value, base string, out []string) []string {
	switch v.Kind() {
	case tree.Object:
		for k, x := range v.Members() {
			out = findUncheckable(x, base+"/"+rules.EscapeToken(k), out)
		}
	case tree.Array:
		for i, x := range v.Elems() {
			out = findUncheckable(x, base+"/"+itoa(i), out)
		}
	case tree.Number:
		if s, _ := v.Number(); uncheckableText(s) {
			out = append(out, base)
		}
	}
	return out
}

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
		s := string(n)
		if len(s) > maxNumberLen {
			return true
		}
		if i := strings.IndexAny(s, "eE"); i >= 0 {
			exp := strings.TrimLeft(strings.TrimLeft(s[i+1:], "+-"), "0")
			return len(exp) > maxExponentDigits
		}
	case float64:
		return math.IsNaN(n) || math.IsInf(n, 0)
	case float32:
		return math.IsNaN(float64(n)) || math.IsInf(float64(n), 0)
	}
	return false
}

// hasUncheckable reports whether any number below v is uncheckable. It
// allocates nothing, so the common (clean) case stays cheap on big files.
func hasUncheckable(v tree.Value) bool {
	switch v.Kind() {
	case tree.Object:
		for _, x := range v.Members() {
			if hasUncheckable(x) {
				return true
			}
		}
	case tree.Array:
		for _, x := range v.Elems() {
			if hasUncheckable(x) {
				return true
			}
		}
	case tree.Number:
		s, _ := v.Number()
		return uncheckable(json.Number(s))
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
		if s, _ := v.Number(); uncheckable(json.Number(s)) {
			out = append(out, base)
		}
	}
	return out
}

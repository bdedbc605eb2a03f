package schemacheck

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// duplicates reports every item of a uniqueItems array that equals an
// earlier one, at the repeated item.
func (c *collector) duplicates(ptr string, val any) {
	arr, _ := val.([]any)
	first := map[string]int{}
	for j, item := range arr {
		var b strings.Builder
		canonical(&b, item)
		key := b.String()
		i, seen := first[key]
		if !seen {
			first[key] = j
			continue
		}
		idx := "[" + strconv.Itoa(j) + "]"
		c.out = append(c.out, c.v.finding(ptr+"/"+strconv.Itoa(j), rules.TargetValue, func(s string) string {
			list := strings.TrimSuffix(s, idx)
			switch item.(type) {
			case map[string]any, []any:
				return fmt.Sprintf("%s is the same as %s[%d]; each entry may appear only once", s, list, i)
			}
			return fmt.Sprintf("%s lists %s more than once (at [%d] and %s)", list, show(item), i, idx)
		}))
	}
}

// canonical writes a form of v in which values the validator considers
// equal (objects with keys in any order, 1 and 1.0) are equal.
func canonical(b *strings.Builder, v any) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for _, k := range keys {
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			canonical(b, x[k])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for _, y := range x {
			canonical(b, y)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case json.Number:
		if r, ok := new(big.Rat).SetString(string(x)); ok {
			b.WriteString("n" + r.RatString())
		} else {
			b.WriteString("n" + string(x))
		}
	case string:
		b.WriteString(strconv.Quote(x))
	default:
		fmt.Fprintf(b, "%v", x)
	}
}

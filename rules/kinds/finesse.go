package kinds

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// FinesseReasonCodes is Cisco Finesse reason codes (XML; domain notes
// §3.2): <ReasonCodes> or one <ReasonCode>. On UCCX the "-uccx" schema
// definitions apply (codes 1-999).
var FinesseReasonCodes = &Spec{
	Name: rules.KindFinesseReasonCodes,
	XML: &XML{
		Entity: "ReasonCode", Fields: finesseReasonCode, Collection: "ReasonCodes",
		BareEntity: true, BareCollection: true,
	},
	Markers:  []Marker{{Text: "<ReasonCode"}, {Text: "<ReasonCodes"}},
	Label:    reasonCodeLabel,
	Identity: fingerprintIdentity,
	Schema:   "finesse-reason-codes.schema.json",
	Variant: func(opts *rules.Options) string {
		if opts != nil && strings.EqualFold(strings.TrimSpace(opts.FinessePlatform), "uccx") {
			return "-uccx"
		}
		return ""
	},
}

var finesseReasonCode = XMLFields{
	"uri": xmlString, "category": xmlString, "label": xmlString,
	"code":   xmlInt,
	"forAll": xmlBool, "systemCode": xmlBool,
}

func reasonCodeLabel(e rules.Entity, index int) string {
	if n, ok := rules.Int(e.Value, "code"); ok {
		return "reason code " + strconv.FormatInt(n, 10)
	}
	if s, _ := rules.String(e.Value, "label"); strings.TrimSpace(s) != "" {
		return "reason code " + strconv.Quote(strings.TrimSpace(s))
	}
	return fmt.Sprintf("reason code #%d", index+1)
}

// FinesseIntegration is any other JSON or YAML settings file that calls a
// Finesse API (/finesse/api/…); it has no schema.
var FinesseIntegration = &Spec{
	Name:     rules.KindFinesseIntegration,
	Matches:  holdsFinesseURL,
	Markers:  []Marker{{Text: finesseAPI}},
	Identity: fingerprintIdentity,
}

// finesseAPI marks a Finesse REST URL or path.
const finesseAPI = "/finesse/api/"

// holdsFinesseURL searches every string value of settings (an object or an
// array, not a lone string) with an explicit stack, so nesting costs heap,
// not goroutine stack.
func holdsFinesseURL(root any) bool {
	switch root.(type) {
	case map[string]any, []any:
	default:
		return false
	}
	stack := []any{root}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x := v.(type) {
		case string:
			if strings.Contains(x, finesseAPI) {
				return true
			}
		case map[string]any:
			for _, c := range x {
				stack = append(stack, c)
			}
		case []any:
			stack = append(stack, x...)
		}
	}
	return false
}

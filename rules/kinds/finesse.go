package kinds

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
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
	Markers:    []Marker{{Text: "<ReasonCode"}, {Text: "<ReasonCodes"}},
	Label:      reasonCodeLabel,
	LabelReads: []string{"code", "label"}, // reasonCodeLabel's
	Identity:   fingerprintIdentity,
	Schema:     "finesse-reason-codes.schema.json",
	Variant: func(opts *rules.Options) string {
		if OnUCCX(opts) {
			return "-uccx"
		}
		return ""
	},
}

// FinessePlatform selects the reason-code schema variant, so the kind
// declares it; the finesse pack lists it among its options and reads it too.
var FinessePlatform = &rules.Option{
	Key: "finesse.platform", Type: rules.OptionString, Enum: []string{"ucce", "pcce", "uccx"}, Default: "ucce",
	Doc: "ucce (default), pcce or uccx (reason codes 1-999)", Example: "ucce",
}

// OnUCCX reports whether finesse.platform is uccx.
func OnUCCX(opts *rules.Options) bool {
	return strings.EqualFold(strings.TrimSpace(opts.String(FinessePlatform)), "uccx")
}

var finesseReasonCode = XMLFields{
	"uri": xmlString, "category": xmlString, "label": xmlString,
	"code": xmlInt, "id": xmlInt,
	"forAll": xmlBool, "systemCode": xmlBool,
}

func reasonCodeLabel(e rules.Entity, index int) string {
	if n, ok := e.Data.Get("code").Int(); ok {
		return "reason code " + strconv.FormatInt(n, 10)
	}
	if s, _ := e.Data.Get("label").Str(); strings.TrimSpace(s) != "" {
		return "reason code " + strconv.Quote(strings.TrimSpace(s))
	}
	return fmt.Sprintf("reason code #%d", index+1)
}

// FinesseIntegration is any other JSON, YAML or .env settings file that
// calls a Finesse API (/finesse/api/…), or holds a Finesse base URL with an
// account (finesseSettings); it has no schema.
var FinesseIntegration = &Spec{
	Name:    rules.KindFinesseIntegration,
	Matches: func(root tree.Value) bool { return holdsFinesseURL(root) || finesseSettings(root) },
	Markers: []Marker{{Text: finesseAPI},
		{Text: "/finesse", With: []string{"password", "Password", "PASSWORD"}},
		{Text: ":8445", With: []string{"password", "Password", "PASSWORD"}}},
	Identity: fingerprintIdentity,
}

// finesseBase matches a Finesse base URL as settings keep it before the
// code appends the API path: the /finesse context root
// (https://host:8445/finesse), or a bare origin on 8445, the port Finesse
// serves HTTPS on (https://developer.cisco.com/docs/finesse/https-requests).
var finesseBase = regexp.MustCompile(`(?i)^\s*https?://[^/\s?#]+(/finesse/?|:8445/?)\s*$`)

// FinesseBaseURL reports whether s is a Finesse base URL (the /finesse
// context root or a bare origin on port 8445), as settings keep it.
func FinesseBaseURL(s string) bool {
	return (strings.Contains(s, "/finesse") || strings.Contains(s, ":8445")) && finesseBase.MatchString(s)
}

// finesseSettings reports whether settings hold a Finesse base URL together
// with an account: a user name key and a password key (FINESSE_USERNAME,
// adminPassword). A base URL alone is too weak a sign: port 8445 serves
// other Cisco products too.
func finesseSettings(root tree.Value) bool {
	if !root.IsObject() && !root.IsArray() {
		return false
	}
	base, user, password := false, false, false
	stack := []tree.Value{root}
	for len(stack) > 0 && !(base && user && password) {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v.Kind() {
		case tree.String:
			if !base {
				s, _ := v.Str()
				base = FinesseBaseURL(s)
			}
		case tree.Object:
			for k, c := range v.Members() {
				lk := strings.ToLower(k)
				switch {
				case strings.Contains(lk, "password") || strings.Contains(lk, "passwd") || strings.HasSuffix(lk, "pwd"):
					password = true
				case strings.Contains(lk, "user") || strings.Contains(lk, "login"):
					user = true
				}
				stack = append(stack, c)
			}
		case tree.Array:
			for _, c := range v.Elems() {
				stack = append(stack, c)
			}
		}
	}
	return base && user && password
}

// finesseAPI marks a Finesse REST URL or path.
const finesseAPI = "/finesse/api/"

// holdsFinesseURL searches every string value of settings (an object or an
// array, not a lone string) with an explicit stack, so nesting costs heap,
// not goroutine stack.
func holdsFinesseURL(root tree.Value) bool {
	if !root.IsObject() && !root.IsArray() {
		return false
	}
	stack := []tree.Value{root}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v.Kind() {
		case tree.String:
			if s, _ := v.Str(); strings.Contains(s, finesseAPI) {
				return true
			}
		case tree.Object:
			for _, c := range v.Members() {
				stack = append(stack, c)
			}
		case tree.Array:
			for _, c := range v.Elems() {
				stack = append(stack, c)
			}
		}
	}
	return false
}

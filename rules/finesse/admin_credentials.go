package finesse

import (
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// AdminCredentials finds integrations that call admin-only Finesse
// configuration APIs and keep the credentials for it, or that keep the
// administrator account next to a bare Finesse base URL.
var AdminCredentials = &rules.Rule{
	ID:               "finesse/admin-credentials",
	Title:            "An integration calls admin-only Finesse APIs, or keeps the admin account, with credentials",
	Doc:              doc("admin-credentials"),
	Kinds:            integrationKinds,
	DefaultSeverity:  rules.SeverityWarning,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security", rules.TagSecrets},
	SecuritySeverity: 6.5,
	Inferred:         true,
	Check:            checkAdminCredentials,
}

// name is the API as the list has it, "*" segments shown as <id>: the
// message names what matched, never text of the file (a URL may carry
// parameters, matrix parameters or tokens in its path).
func (a adminAPI) name() string {
	return apiPrefix + strings.ReplaceAll(a.Path, "*", "<id>")
}

// adminCall is a string value that calls an admin-only API.
type adminCall struct {
	pointer string
	call    finesseCall
	api     adminAPI
}

func checkAdminCredentials(p *rules.Pass) {
	var calls []adminCall
	var creds credentials
	base := "" // the pointer to the first Finesse base URL
	walk(p.Doc.Data, "", tree.Value{}, func(ptr string, s string, parent tree.Value) {
		c, ok := parseCall(s)
		if !ok {
			if base == "" && kinds.FinesseBaseURL(s) {
				base = ptr
			}
			return
		}
		if api, ok := c.admin(methodOf(s, parent)); ok {
			calls = append(calls, adminCall{pointer: ptr, call: c, api: api})
		}
		if c.inlinePW {
			creds.inURL = true
		}
	}, creds.see)
	if len(calls) == 0 && base != "" && creds.admin && creds.present() {
		// Settings that keep only the base URL: which APIs the code calls
		// cannot be seen, but the account it calls them with can.
		p.Report(rules.Finding{
			Pointer: base,
			Entity:  "integration",
			Message: "the integration keeps Finesse administrator credentials (" + creds.describe() + ") with the Finesse base URL: " +
				"the admin account is Finesse's single shared one and can change reason codes, teams and layouts (there is no read-only or scoped admin); " +
				"use an agent or supervisor account unless the integration must call admin-only APIs",
		})
		return
	}
	if len(calls) == 0 || !creds.present() {
		return
	}
	for _, c := range calls {
		advice := "; this API needs Finesse's single shared admin account (there is no read-only or scoped admin): keep such calls out of integrations, or use a user-level API with an agent or supervisor account where one fits"
		if c.api.Alternative != "" {
			advice = "; read from the team-scoped " + apiPrefix + c.api.Alternative + " with an agent or supervisor account instead"
		}
		p.Report(rules.Finding{
			Pointer: c.pointer,
			Entity:  "integration",
			Message: "the integration calls the admin-only Finesse API " + c.api.name() + " with credentials in this file (" +
				creds.describe() + ")" + advice,
		})
	}
}

// walk visits every string value (with its pointer and the object holding it
// as a member, absent inside an array) and every object member, in key
// order.
func walk(v tree.Value, ptr string, parent tree.Value, str func(ptr, s string, parent tree.Value), member func(obj tree.Value, key string, val tree.Value)) {
	switch v.Kind() {
	case tree.String:
		s, _ := v.Str()
		str(ptr, s, parent)
	case tree.Object:
		for _, m := range sortedMembers(v) {
			member(v, m.key, m.val)
			walk(m.val, rules.PointerJoin(ptr, m.key), v, str, member)
		}
	case tree.Array:
		for i, e := range v.Elems() {
			walk(e, rules.PointerJoin(ptr, i), tree.Value{}, str, member)
		}
	}
}

// methodOf finds the HTTP method a call uses: a sibling member such as
// "method" or "httpMethod", or a method word before the URL ("PUT /finesse/...").
func methodOf(s string, parent tree.Value) string {
	if f := strings.Fields(s); len(f) > 1 && isMethod(f[0]) {
		return strings.ToUpper(f[0])
	}
	for _, m := range sortedMembers(parent) {
		switch normalKey(m.key) {
		case "method", "httpmethod", "verb", "requestmethod":
			if s, ok := m.val.Str(); ok && isMethod(strings.TrimSpace(s)) {
				return strings.ToUpper(strings.TrimSpace(s))
			}
		}
	}
	return ""
}

func isMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "POST", "PUT", "DELETE", "PATCH":
		return true
	}
	return false
}

package finesse

import (
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/general"
)

// Access is the Finesse part of the access model: an integration is named
// by the account it authenticates as (else by its file), and holds
// api-admin through each admin-only API it calls with credentials.
//
// An integration that calls admin-only Finesse APIs with credentials holds
// the administrator account's access (grants.json;
// domain/pcce-cxone-finesse.md §3.1).
var Access = access.NewSource("finesse", integrationKinds, files, access.EachDocument(grants))

func grants(doc *rules.Document, rows []access.Mapping) []access.Grant {
	var calls []adminCall
	var creds credentials
	account := access.Link{Kind: "account"}
	walk(doc.Root, "", nil, func(ptr string, s string, parent map[string]any) {
		if c, ok := parseCall(s); ok {
			if api, ok := c.admin(methodOf(s, parent)); ok {
				calls = append(calls, adminCall{pointer: ptr, call: c, api: api})
			}
			creds.inURL = creds.inURL || c.inlinePW
		}
	}, func(obj map[string]any, key string) {
		creds.see(obj, key)
		// The account name is not a secret: it names the principal.
		if name, ok := obj[key].(string); ok && account.Name == "" && name != "" &&
			general.CredentialKind(key) == "" && matchName(normalKey(key), userNames) != "" {
			account.Name = name
		}
	})
	if len(calls) == 0 || !creds.present() {
		return nil
	}
	if account.Name == "" {
		account = access.Link{Kind: "integration", Name: doc.Path, Path: doc.Path}
	} else {
		account.Pointer = accountPointer(doc.Root, "", account.Name)
		account.Path = doc.Path
	}
	var out []access.Grant
	for _, c := range calls {
		api := access.Link{Kind: "api", Name: c.call.path, Path: doc.Path, Pointer: c.pointer}
		out = append(out, access.FindGrants(rows, "api", "admin-only", "", access.PrincipalIntegration, account, api)...)
	}
	return out
}

// accountPointer finds the member that holds the account name, in the same
// order walk visits members.
func accountPointer(v any, ptr, name string) string {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := rules.PointerJoin(ptr, k)
			if s, ok := x[k].(string); ok && s == name && general.CredentialKind(k) == "" && matchName(normalKey(k), userNames) != "" {
				return p
			}
			if found := accountPointer(x[k], p, name); found != "" {
				return found
			}
		}
	case []any:
		for i, e := range x {
			if found := accountPointer(e, rules.PointerJoin(ptr, i), name); found != "" {
				return found
			}
		}
	}
	return ""
}

package finesse

import (
	"github.com/rbaclint/rbaclint/internal/tree"
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
	walk(doc.Data, "", tree.Value{}, func(ptr string, s string, parent tree.Value) {
		if c, ok := parseCall(s); ok {
			if api, ok := c.admin(methodOf(s, parent)); ok {
				calls = append(calls, adminCall{pointer: ptr, call: c, api: api})
			}
			creds.inURL = creds.inURL || c.inlinePW
		}
	}, func(obj tree.Value, key string, val tree.Value) {
		creds.see(obj, key, val)
		// The account name is not a secret: it names the principal.
		if name, ok := val.Str(); ok && account.Name == "" && name != "" &&
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
		account.Pointer = accountPointer(doc.Data, "", account.Name)
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
func accountPointer(v tree.Value, ptr, name string) string {
	switch v.Kind() {
	case tree.Object:
		for _, m := range sortedMembers(v) {
			p := rules.PointerJoin(ptr, m.key)
			if s, ok := m.val.Str(); ok && s == name && general.CredentialKind(m.key) == "" && matchName(normalKey(m.key), userNames) != "" {
				return p
			}
			if found := accountPointer(m.val, p, name); found != "" {
				return found
			}
		}
	case tree.Array:
		for i, e := range v.Elems() {
			if found := accountPointer(e, rules.PointerJoin(ptr, i), name); found != "" {
				return found
			}
		}
	}
	return ""
}

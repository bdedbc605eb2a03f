package general

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// PlaintextSecret finds credentials written inline in any document.
var PlaintextSecret = &rules.Rule{
	ID:               "plaintext-secret",
	Title:            "A credential is written in plain text",
	Doc:              doc("plaintext-secret"),
	DefaultSeverity:  rules.SeverityError,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security"},
	SecuritySeverity: 8.5,
	Check:            checkSecrets,
}

// credentialNames are normalised key names (lower case, no '_' or '-') that
// hold a credential; a key also matches when it ends with one of them
// ("adminPassword", "x-api-key", "clientSecret").
var credentialNames = []string{"password", "passwd", "pwd", "secret", "clientsecret", "token", "apikey", "authorization"}

// reference matches values that point at a secret instead of holding it:
// ${ENV}, $ENV, {Variable}, <placeholder>, %VAR%, and masked values.
var reference = regexp.MustCompile(`^(\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{[^}]+\}|<[^>]+>|%[A-Za-z_][A-Za-z0-9_]*%|\*+|x+|X+)$`)

// keySeparators are dropped when comparing key names ("X-Api-Key" is
// "xapikey"); built once, as the rule looks at every key of every document.
var keySeparators = strings.NewReplacer("_", "", "-", "", " ", "", ".", "")

// CredentialKind returns the credential name a key holds ("password",
// "token", "apikey", ...), or "" when the key holds none. Other rules that
// reason about credentials (finesse/admin-credentials) use it so that they
// agree with plaintext-secret.
func CredentialKind(key string) string {
	n := strings.ToLower(keySeparators.Replace(key))
	for _, c := range credentialNames {
		if n == c || strings.HasSuffix(n, c) {
			return c
		}
	}
	return ""
}

// IsReference reports whether a credential's value points at a secret kept
// elsewhere (${ENV}, {Variable}, <placeholder>, a masked value) instead of
// holding it.
func IsReference(value string) bool {
	return reference.MatchString(strings.TrimSpace(value))
}

func isCredentialKey(k string) bool { return CredentialKind(k) != "" }

// literal reports whether v is a non-empty value written in the file rather
// than a reference to a secret kept elsewhere.
func literal(v any) bool {
	switch s := v.(type) {
	case string:
		t := strings.TrimSpace(s)
		return t != "" && !IsReference(t)
	case json.Number:
		return true
	}
	return false
}

func checkSecrets(p *rules.Pass) {
	type frame struct {
		ptr string
		v   any
	}
	stack := []frame{{"", p.Doc.Root}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch v := fr.v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for i := len(keys) - 1; i >= 0; i-- { // popped in ascending order
				stack = append(stack, frame{rules.PointerJoin(fr.ptr, keys[i]), v[keys[i]]})
			}
			for _, k := range keys {
				if isCredentialKey(k) && literal(v[k]) {
					report(p, rules.PointerJoin(fr.ptr, k), k)
				}
			}
			// Name/value pairs (CXone script properties, generic settings
			// lists) carry the credential's name in a sibling member.
			if name, ok := rules.String(v, "name"); ok && isCredentialKey(name) && literal(v["value"]) {
				report(p, rules.PointerJoin(fr.ptr, "value"), name)
			}
		case []any:
			for i := len(v) - 1; i >= 0; i-- {
				stack = append(stack, frame{rules.PointerJoin(fr.ptr, i), v[i]})
			}
		}
	}
}

func report(p *rules.Pass, ptr, key string) {
	p.Report(rules.Finding{
		Pointer: ptr,
		Message: "\"" + key + "\" holds a plain-text credential; keep it in a secret store and reference it instead (for example ${" + envName(key) + "})",
	})
}

// envName suggests an environment variable name for a key.
func envName(key string) string {
	var b strings.Builder
	for i, r := range key {
		switch {
		case r >= 'A' && r <= 'Z':
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

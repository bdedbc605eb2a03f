package general

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// PlaintextSecret finds credentials written inline in any document.
var PlaintextSecret = &rules.Rule{
	ID:               "plaintext-secret",
	Title:            "A credential is written in plain text",
	Doc:              doc("plaintext-secret"),
	DefaultSeverity:  rules.SeverityError,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security", rules.TagSecrets},
	SecuritySeverity: 8.5,
	Check:            checkSecrets,
}

// credentialNames are normalised key names (lower case, no '_' or '-') that
// hold a credential; a key also matches when it ends with one of them
// ("adminPassword", "x-api-key", "clientSecret").
var credentialNames = []string{"password", "passwd", "pwd", "secret", "clientsecret", "token", "apikey", "authorization"}

// reference matches values that point at a secret instead of holding it:
// ${ENV}, $ENV, {Variable}, <placeholder>, %VAR%, and masked values. It is
// compiled on first use: most runs never meet a credential key.
var reference = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{[^}]+\}|<[^>]+>|%[A-Za-z_][A-Za-z0-9_]*%|\*+|x+|X+)$`)
})

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
	return reference().MatchString(strings.TrimSpace(value))
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
	w := &secretWalker{p: p, credential: map[string]bool{}}
	w.visit(p.Doc.Root)
}

// secretWalker visits a document depth first, members in key order. It
// keeps the path as steps and joins it into a pointer only for a finding,
// and it remembers which key names hold credentials (an export repeats the
// same few keys many times).
type secretWalker struct {
	p          *rules.Pass
	path       []step
	keys       []string // a stack: the keys each object still has to visit, above its caller's
	credential map[string]bool
}

// step is one reference token of the walker's path: an object key, or an
// array index when key is "" and index >= 0. (Not an any: boxing every key
// and index would allocate.)
type step struct {
	key   string
	index int
}

func (w *secretWalker) isCredential(k string) bool {
	if !mayBeCredential(k) {
		return false
	}
	c, ok := w.credential[k]
	if !ok {
		c = isCredentialKey(k)
		w.credential[k] = c
	}
	return c
}

// mayBeCredential is a quick test that rules most keys out before the
// cache: a credential name ends (ignoring separators and case) with the last
// letter of one of credentialNames. Keys it cannot judge (a non-ASCII last
// letter) go on to CredentialKind.
func mayBeCredential(k string) bool {
	for i := len(k) - 1; i >= 0; i-- {
		switch c := k[i]; c {
		case '_', '-', ' ', '.':
			continue
		case 'd', 'D', 't', 'T', 'n', 'N', 'y', 'Y':
			return true
		default:
			return c >= 0x80
		}
	}
	return false
}

func (w *secretWalker) report(member, key string) {
	var b strings.Builder
	for _, s := range w.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(rules.EscapeToken(s.key))
		}
	}
	b.WriteByte('/')
	b.WriteString(rules.EscapeToken(member))
	report(w.p, b.String(), key)
}

func (w *secretWalker) visit(v any) {
	switch v := v.(type) {
	case map[string]any:
		// One pass over the members finds what needs attention: keys that
		// hold a literal credential and containers to descend into. Only
		// those are sorted into key order (which fixes the report order),
		// not every key of every object.
		var creds []string // rare: allocated only when there is one
		var name, value any
		base := len(w.keys)
		for k, x := range v {
			switch k {
			case "name":
				name = x
			case "value":
				value = x
			}
			if container(x) { // a scalar has nothing below it to visit
				w.keys = append(w.keys, k)
			} else if w.isCredential(k) && literal(x) {
				creds = append(creds, k)
			}
		}
		sort.Strings(creds)
		for _, k := range creds {
			w.report(k, k)
		}
		// Name/value pairs (CXone script properties, generic settings
		// lists) carry the credential's name in a sibling member.
		if name, ok := name.(string); ok && w.isCredential(name) && literal(value) {
			w.report("value", name)
		}
		keys := w.keys[base:] // stays valid when a child's appends move w.keys
		sort.Strings(keys)
		for _, k := range keys {
			w.path = append(w.path, step{key: k, index: -1})
			w.visit(v[k])
			w.path = w.path[:len(w.path)-1]
		}
		w.keys = w.keys[:base]
	case []any:
		for i, x := range v {
			if container(x) {
				w.path = append(w.path, step{index: i})
				w.visit(x)
				w.path = w.path[:len(w.path)-1]
			}
		}
	}
}

// container reports whether v is an object or an array.
func container(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
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
	prevLower := false // a capital after a small letter starts a word (camelCase)
	for _, r := range key {
		lower := r >= 'a' && r <= 'z'
		switch {
		case r >= 'A' && r <= 'Z':
			if prevLower {
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
		prevLower = lower || r >= '0' && r <= '9'
	}
	return b.String()
}

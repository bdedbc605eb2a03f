package general

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/tree"
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
var credentialNames = []string{"password", "passwd", "pwd", "secret", "clientsecret", "token", "apikey", "authorization", "privatekey"}

// reference matches values that point at a secret instead of holding it:
// ${ENV}, $ENV, {Variable}, <placeholder>, %VAR%, and masked values. It is
// compiled on first use: most runs never meet a credential key.
var reference = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{[^}]+\}|<[^>]+>|%[A-Za-z_][A-Za-z0-9_]*%|\*+|x+|X+)$`)
})

// template matches a templated value anywhere in it: the value is filled
// in from a secret store or the environment when deployed, so the file
// holds a reference. GitHub Actions ${{ secrets.X }}, Jinja/Ansible/Helm/Go
// {{ vault_var }} and {{ .Values.token }}, shell $(cat file), Python
// %(ENV)s, ERB <%= ... %>.
var template = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$\{\{.*\}\}|\{\{.*\}\}|\{%.*%\}|\$\([^)]+\)|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]|<%.*%>`)
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
	v := strings.TrimSpace(value)
	return reference().MatchString(v) || strings.ContainsAny(v, "{(%") && template().MatchString(v)
}

// Credentials recognised by their value, whatever the key: a PEM private
// key, a URL with a password in it (scheme://user:password@host) and an
// HTTP Authorization header value (Basic or Bearer and a token).
var (
	pemPrivateKey = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`)
	})
	urlPassword = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@`)
	})
	authHeader = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^\s*(authorization\s*:\s*)?(basic|bearer)\s+(\S{8,})\s*$`)
	})
)

// mayBeHeader is a cheap test before authHeader: the rule sees every
// string of every document.
func mayBeHeader(s string) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	t := s[i:]
	// Each prefix starts with a or b; an ASCII first byte lowers only to
	// itself or its lower case, so most values are ruled out here.
	if len(t) == 0 || t[0] < utf8.RuneSelf && t[0]|0x20 != 'a' && t[0]|0x20 != 'b' {
		return false
	}
	n := min(len(t), len("authorization"))
	for i := 0; i < n; i++ {
		if t[i] >= utf8.RuneSelf {
			// Unicode lower-casing can turn a non-ASCII letter into an
			// ASCII one (the Kelvin sign is k): lower the text as it is.
			p := strings.ToLower(t[:n])
			return strings.HasPrefix(p, "authorization") || strings.HasPrefix(p, "basic ") || strings.HasPrefix(p, "bearer ")
		}
	}
	// ASCII: compare without building the lower-case copy.
	return asciiPrefixFold(t, "authorization") || asciiPrefixFold(t, "basic ") || asciiPrefixFold(t, "bearer ")
}

// asciiPrefixFold reports whether ASCII text s starts with lower-case
// prefix, ignoring ASCII case.
func asciiPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// ValueSecret says what credential a string value holds by itself ("a
// private key", "a password in a URL", "an authorization header"), or "".
func ValueSecret(s string) string {
	if len(s) < 12 {
		return ""
	}
	// It runs on every long string of a file: a byte test (vectorised)
	// rules most values out before each substring search.
	if strings.IndexByte(s, 'B') >= 0 && strings.Contains(s, "-----BEGIN ") && pemPrivateKey().MatchString(s) {
		return "a private key"
	}
	if strings.IndexByte(s, '@') >= 0 && strings.IndexByte(s, ':') >= 0 && strings.Contains(s, "://") {
		if m := urlPassword().FindStringSubmatch(s); m != nil && !IsReference(m[1]) {
			return "a password in a URL"
		}
	}
	if mayBeHeader(s) {
		if m := authHeader().FindStringSubmatch(s); m != nil && !IsReference(m[3]) {
			return "an authorization header"
		}
	}
	return ""
}

func isCredentialKey(k string) bool { return CredentialKind(k) != "" }

// literal reports whether v is a non-empty value written in the file rather
// than a reference to a secret kept elsewhere.
func literal(v tree.Value) bool {
	switch v.Kind() {
	case tree.String:
		s, _ := v.Str()
		return literalText(s)
	case tree.Number:
		return true
	}
	return false
}

// literalText is literal for a value read as text (an XML attribute, an
// earlier duplicate).
func literalText(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && !IsReference(t)
}

func checkSecrets(p *rules.Pass) {
	w := &secretWalker{p: p, credential: map[string]bool{}}
	w.visit(p.Doc.Data)
	for _, u := range p.Doc.Unmodelled {
		w.unmodelled(u)
	}
}

// unmodelled reports a credential the data model leaves out: an XML
// attribute (at its value), or the earlier value of a key given twice (at
// its key: the pointer's value is the later one).
func (w *secretWalker) unmodelled(u rules.Unmodelled) {
	what := ValueSecret(u.Value)
	byKey := w.isCredential(u.Key) && literalText(u.Value)
	switch {
	case !byKey && what == "":
		return
	case !u.Earlier && byKey:
		report(w.p, u.Pointer, u.Key)
		return
	}
	name := strconv.Quote(u.Key)
	if u.Earlier {
		// The line tells the earlier values of a key given three times
		// apart (their pointer is the same).
		name = "the earlier " + name + " (line " + strconv.Itoa(u.KeySpan.Start.Line) + ") of a key given twice"
	}
	msg := name + " holds " + what + " in plain text; keep it in a secret store and reference it instead"
	if byKey {
		msg = name + " holds a plain-text credential (the later value replaces it when read, but the file keeps it); keep it in a secret store and reference it instead (for example ${" + envName(u.Key) + "})"
	}
	f := rules.Finding{Pointer: u.Pointer, Message: msg}
	if u.Earlier {
		f.Target, f.Span = rules.TargetKey, u.KeySpan
	}
	w.p.Report(f)
}

// secretWalker visits a document depth first, members in key order. It
// keeps the path as steps and joins it into a pointer only for a finding,
// and it remembers which key names hold credentials (an export repeats the
// same few keys many times).
type secretWalker struct {
	p          *rules.Pass
	path       []step
	members    []member // a stack: the members each object still has to visit, above its caller's
	credential map[string]bool
}

// member is one member of an object.
type member struct {
	key   string
	value tree.Value
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
// cache: a credential name ends (ignoring separators and case) with the
// last two letters of one of credentialNames: "rd", "wd", "et", "en",
// "ey" or "on" ("id", the commonest last letters of an export's keys,
// is not one). Keys it cannot judge (a non-ASCII byte among the last two)
// go on to CredentialKind.
func mayBeCredential(k string) bool {
	var pair uint16 // the last two letters, lower case, the last one low
	n := 0
	for i := len(k) - 1; i >= 0 && n < 2; i-- {
		c := k[i]
		switch {
		case c == '_' || c == '-' || c == ' ' || c == '.':
			continue
		case c >= 0x80:
			return true
		}
		pair |= uint16(c|0x20) << (8 * n) // |0x20 lowers a letter, and makes no other byte one
		n++
	}
	switch pair {
	case 'r'<<8 | 'd', 'w'<<8 | 'd', 'e'<<8 | 't', 'e'<<8 | 'n', 'e'<<8 | 'y', 'o'<<8 | 'n':
		return true
	}
	return false
}

func (w *secretWalker) report(member, key string) { w.reportAs(member, key, "") }

// reportAs reports a credential; what says what the value holds when only
// its value, not its key, makes it one.
func (w *secretWalker) reportAs(member, key, what string) {
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
	if what != "" {
		name := "an element of this list"
		if key != "" {
			name = strconv.Quote(key)
		}
		w.p.Report(rules.Finding{
			Pointer: b.String(),
			Message: name + " holds " + what + " in plain text; keep it in a secret store and reference it instead",
		})
		return
	}
	report(w.p, b.String(), key)
}

func (w *secretWalker) visit(v tree.Value) {
	switch v.Kind() {
	case tree.Object:
		// One pass over the members finds what needs attention: keys that
		// hold a literal credential and containers to descend into. Only
		// those are sorted into key order (which fixes the report order),
		// not every key of every object.
		var creds []member // rare: allocated only when there is one
		var name, value tree.Value
		base := len(w.members)
		for k, x := range v.Members() {
			switch k {
			case "name":
				name = x
			case "value":
				value = x
			}
			if container(x) { // a scalar has nothing below it to visit
				w.members = append(w.members, member{k, x})
			} else if w.isCredential(k) && literal(x) {
				creds = append(creds, member{k, x})
			} else if s, ok := x.Str(); ok && ValueSecret(s) != "" {
				creds = append(creds, member{k, x})
			}
		}
		slices.SortFunc(creds, keyOrder)
		for _, c := range creds {
			w.reportValue(c.key, c.key, c.value, w.isCredential(c.key))
		}
		// Name/value pairs (CXone script properties, generic settings
		// lists) carry the credential's name in a sibling member.
		if name, ok := name.Str(); ok && w.isCredential(name) && literal(value) {
			w.report("value", name)
		}
		members := w.members[base:] // stays valid when a child's appends move w.members
		slices.SortFunc(members, keyOrder)
		for _, m := range members {
			w.path = append(w.path, step{key: m.key, index: -1})
			w.visit(m.value)
			w.path = w.path[:len(w.path)-1]
		}
		w.members = w.members[:base]
	case tree.Array:
		// The elements of a credential's array ("passwords": [...]) are
		// credentials; elsewhere a string element may be one by its value
		// (a header list).
		var key string
		if n := len(w.path); n > 0 && w.path[n-1].index < 0 {
			if k := w.path[n-1].key; w.isCredential(k) || w.isCredential(strings.TrimSuffix(k, "s")) {
				key = k // "passwords": a list of them
			}
		}
		for i, x := range v.Elems() {
			if container(x) {
				w.path = append(w.path, step{index: i})
				w.visit(x)
				w.path = w.path[:len(w.path)-1]
				continue
			}
			s, _ := x.Str()
			if key != "" && literal(x) || ValueSecret(s) != "" {
				w.reportValue(strconv.Itoa(i), key, x, key != "")
			}
		}
	}
}

// keyOrder orders an object's members by key (keys are unique in an object).
func keyOrder(a, b member) int { return strings.Compare(a.key, b.key) }

// reportValue reports the credential v at member (of the object or array
// the walker is in), named by key ("" inside an array that is no
// credential's); byKey when the key makes v a credential.
func (w *secretWalker) reportValue(member, key string, v tree.Value, byKey bool) {
	s, _ := v.Str()
	what := ValueSecret(s)
	if what == "" || byKey && literal(v) {
		w.report(member, key)
		return
	}
	w.reportAs(member, key, what)
}

// container reports whether v is an object or an array.
func container(v tree.Value) bool { return v.IsObject() || v.IsArray() }

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

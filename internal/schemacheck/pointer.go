package schemacheck

import (
	"net/url"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// joinPointer builds a JSON Pointer from unescaped tokens.
func joinPointer(toks []string) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteByte('/')
		b.WriteString(rules.EscapeToken(t))
	}
	return b.String()
}

// plainPointer turns a location reported by the validator, whose tokens are
// JSON-Pointer escaped and then percent-encoded as in a URL path, into a
// plain RFC 6901 pointer.
func plainPointer(loc string) string {
	if !strings.Contains(loc, "%") {
		return loc
	}
	toks := strings.Split(loc, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return strings.Join(toks, "/")
}

// fragmentTokens returns the unescaped tokens of the JSON Pointer fragment of
// an absolute keyword location such as "https://x/s.json#/$defs/a/type".
func fragmentTokens(absLoc string) []string {
	_, frag, ok := strings.Cut(absLoc, "#")
	if !ok {
		return nil
	}
	toks, _ := rules.SplitPointer(plainPointer(frag))
	return toks
}

// comparePointers orders pointers token by token, array indices (and other
// all-digit tokens) numerically, so findings come out in document order
// rather than with /data/10 before /data/9.
func comparePointers(a, b string) int {
	for a != "" && b != "" {
		ta, ra := nextToken(a)
		tb, rb := nextToken(b)
		if c := compareTokens(ta, tb); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	}
	return 1
}

// nextToken splits "/tok/rest" into "tok" and "/rest".
func nextToken(p string) (tok, rest string) {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

func compareTokens(a, b string) int {
	if isDigits(a) && isDigits(b) {
		// Longer digit strings are larger once leading zeros are gone.
		a2, b2 := strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a2) != len(b2) {
			return len(a2) - len(b2)
		}
		if c := strings.Compare(a2, b2); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// restoreEmptyKeys finds the pointer that toks abbreviates when the
// validator dropped empty tokens: it tries inserting "" wherever the document
// has an object with an empty key. It gives up after a bounded search.
func restoreEmptyKeys(root any, toks []string) ([]string, bool) {
	budget := 10000
	var try func(v any, rest []string, acc []string) ([]string, bool)
	try = func(v any, rest []string, acc []string) ([]string, bool) {
		if budget--; budget < 0 {
			return nil, false
		}
		if m, ok := v.(map[string]any); ok {
			if inner, ok := m[""]; ok {
				if out, ok := try(inner, rest, append(acc, "")); ok {
					return out, true
				}
			}
		}
		if len(rest) == 0 {
			return acc, true
		}
		next, ok := rules.Lookup(v, rest[:1])
		if !ok {
			return nil, false
		}
		return try(next, rest[1:], append(acc, rest[0]))
	}
	out, ok := try(root, toks, nil)
	if !ok {
		return nil, false
	}
	return append([]string(nil), out...), true
}

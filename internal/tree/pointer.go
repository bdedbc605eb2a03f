package tree

import "strings"

// At returns the value a JSON Pointer (RFC 6901) names under v ("" is v
// itself); absent when there is none. An array index is decimal without
// leading zeros.
func (v Value) At(pointer string) Value {
	if pointer == "" {
		return v
	}
	if pointer[0] != '/' {
		return Value{}
	}
	for rest := pointer[1:]; v.Exists(); {
		tok, more, found := strings.Cut(rest, "/")
		switch v.Kind() {
		case Object:
			v = v.Get(unescapeToken(tok))
		case Array:
			i, ok := arrayIndex(tok)
			if !ok {
				return Value{}
			}
			v = v.Index(i)
		default:
			return Value{}
		}
		if !found {
			return v
		}
		rest = more
	}
	return Value{}
}

func unescapeToken(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
}

func arrayIndex(tok string) (int, bool) {
	if tok == "" || len(tok) > 1 && tok[0] == '0' || len(tok) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

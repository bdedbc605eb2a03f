package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// JSON Pointer (RFC 6901) helpers shared by rules, loaders, the schema
// validator and the engine, so that every package escapes, splits and
// follows pointers the same way.

var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// EscapeToken escapes one reference token ("a/b" becomes "a~1b").
func EscapeToken(t string) string {
	if strings.ContainsAny(t, "~/") {
		return pointerEscaper.Replace(t)
	}
	return t
}

// UnescapeToken undoes EscapeToken.
func UnescapeToken(t string) string {
	if strings.Contains(t, "~") {
		return pointerUnescaper.Replace(t)
	}
	return t
}

// PointerJoin appends reference tokens to a JSON Pointer, escaping them.
func PointerJoin(base string, tokens ...any) string {
	var b strings.Builder
	b.WriteString(base)
	for _, t := range tokens {
		b.WriteByte('/')
		switch v := t.(type) {
		case string:
			b.WriteString(EscapeToken(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

// SplitPointer returns a pointer's unescaped reference tokens; ok is false
// for text that is not a pointer (no leading '/', or a '~' not followed by
// 0 or 1). The root pointer "" has no tokens.
func SplitPointer(p string) (tokens []string, ok bool) {
	if p == "" {
		return nil, true
	}
	if p[0] != '/' {
		return nil, false
	}
	tokens = strings.Split(p[1:], "/")
	for i, t := range tokens {
		for j := 0; j < len(t); j++ {
			if t[j] == '~' && (j+1 == len(t) || (t[j+1] != '0' && t[j+1] != '1')) {
				return nil, false
			}
		}
		tokens[i] = UnescapeToken(t)
	}
	return tokens, true
}

// ElementOf returns the index of the element of the array at array that
// pointer is or lies in: "/data/3/email" lies in element 3 of "/data".
func ElementOf(pointer, array string) (int, bool) {
	rest, ok := strings.CutPrefix(pointer, array+"/")
	if !ok {
		return 0, false
	}
	tok, _, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 || strconv.Itoa(i) != tok {
		return 0, false
	}
	return i, true
}

// ParentPointer drops the last reference token ("" stays "").
func ParentPointer(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// Lookup follows unescaped reference tokens through a data model. Array
// indices must be canonical decimal numbers ("01" and "-1" do not match).
func Lookup(root any, tokens []string) (any, bool) {
	v := root
	for _, t := range tokens {
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[t]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) || strconv.Itoa(i) != t {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

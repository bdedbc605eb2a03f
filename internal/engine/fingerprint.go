package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/general"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Fingerprint is a finding's stable identity: a hash of the rule, the file,
// the logical location (the pointer with array indices replaced by element
// identities, by the members the kind's spec names) and the offending
// scalar value. It survives re-ordering and
// re-indenting an export, so baselines and SARIF partialFingerprints stay
// valid.
//
// A finding about a secret (secret: its rule is tagged rules.TagSecrets) or
// at a pointer that passes through a credential key hashes its location
// only, with array elements identified by index: fingerprints are published
// in SARIF and committed in baselines beside the fields they hash, so a
// hashed 6-digit PIN would come back by brute force in under a second.
func Fingerprint(f rules.Finding, doc *rules.Document) string {
	return fingerprint(f, doc, false, false)
}

// fingerprint adds the finding's entity to the identity when withEntity
// (rules.Rule.EntityIdentity); other fingerprints stay as they were.
func fingerprint(f rules.Finding, doc *rules.Document, withEntity, secret bool) string {
	secret = secret || throughCredential(f.Pointer)
	logical, value := f.Pointer, ""
	if doc != nil {
		var keys []string
		if s := kinds.Of(doc.Kind); s != nil {
			keys = s.Identity
		}
		logical, value = logicalLocation(doc.Root, f.Pointer, keys, secret)
	}
	if secret {
		value = ""
	}
	parts := []string{f.RuleID, f.Path, logical, strconv.Itoa(int(f.Target)), value}
	if withEntity {
		parts = append(parts, f.Entity)
	}
	h := sha256.New()
	for _, s := range parts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// logicalLocation walks pointer through root, replacing array indices by the
// element's identity, and returns the normalised scalar value found there
// (containers normalise to their type, so that editing a sibling does not
// change the fingerprint of a finding on the whole object).
func logicalLocation(root any, pointer string, keys []string, secret bool) (string, string) {
	if pointer == "" {
		return "", normalise(root)
	}
	tokens, ok := rules.SplitPointer(pointer)
	if !ok {
		return pointer, ""
	}
	var b strings.Builder
	cur := root
	for _, tok := range tokens {
		switch v := cur.(type) {
		case map[string]any:
			b.WriteString("/" + tok)
			cur = v[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				b.WriteString("/" + tok)
				cur = nil
				continue
			}
			if secret {
				b.WriteString("/" + strconv.Itoa(i)) // an element's identity may be the secret
			} else {
				b.WriteString("/" + identity(v[i], i, keys))
			}
			cur = v[i]
		default:
			b.WriteString("/" + tok)
			cur = nil
		}
	}
	return b.String(), normalise(cur)
}

func identity(v any, index int, keys []string) string {
	switch e := v.(type) {
	case map[string]any:
		for _, k := range keys {
			if s := scalar(e[k]); s != "" {
				return "[" + k + "=" + s + "]"
			}
		}
	case string:
		return "[" + e + "]"
	}
	return strconv.Itoa(index)
}

func scalar(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case json.Number:
		return s.String()
	}
	return ""
}

func normalise(v any) string {
	switch s := v.(type) {
	case map[string]any:
		return "{}"
	case []any:
		return "[]"
	case string:
		return strings.TrimSpace(s)
	case json.Number:
		return s.String()
	case bool:
		return strconv.FormatBool(s)
	case nil:
		return ""
	}
	return ""
}

// throughCredential reports whether a pointer names a credential key on the
// way: whatever is at or below it may be the secret.
func throughCredential(pointer string) bool {
	tokens, ok := rules.SplitPointer(pointer)
	if !ok {
		return false
	}
	for _, t := range tokens {
		if general.CredentialKind(t) != "" {
			return true
		}
	}
	return false
}

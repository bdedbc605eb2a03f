package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
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
		logical, value = logicalLocation(doc.Data, f.Pointer, keys, secret, wholeElements(doc))
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
// change the fingerprint of a finding on the whole object). An element is
// read by index: a long array is indexed once (tree.Index), so a map of a
// big file's entities by pointer would only cost memory.
//
// elem, when set, reads an array's element it knows of (ok), in place of
// the tree's: a big file's facts hold only some members of each entity, or
// none, and an entity's identity is read from the entity whole.
func logicalLocation(root tree.Value, pointer string, keys []string, secret bool, elem func(arr tree.Value, i int) (tree.Value, bool)) (string, string) {
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
		switch cur.Kind() {
		case tree.Object:
			b.WriteString("/" + tok)
			cur = cur.Get(tok)
		case tree.Array:
			i, err := strconv.Atoi(tok)
			next, found := tree.Value{}, false
			if err == nil && i >= 0 && elem != nil {
				next, found = elem(cur, i)
			}
			if !found && err == nil && i >= 0 && i < cur.Len() {
				next, found = cur.Index(i), true
			}
			if !found {
				b.WriteString("/" + tok)
				cur = tree.Value{}
				continue
			}
			cur = next
			if secret {
				b.WriteString("/" + strconv.Itoa(i)) // an element's identity may be the secret
			} else {
				b.WriteString("/" + identity(cur, i, keys))
			}
		default:
			b.WriteString("/" + tok)
			cur = tree.Value{}
		}
	}
	return b.String(), normalise(cur)
}

// wholeElements reads the entities among the elements of doc's entity
// array whole when doc reads its entities again (rules.WholeSource): nil
// otherwise. Such a document is a big file's facts, whose entities are
// every element of the array (which the facts may hold empty, or not at
// all), entity i its element i.
func wholeElements(doc *rules.Document) func(tree.Value, int) (tree.Value, bool) {
	if _, ok := doc.Source.(rules.WholeSource); !ok {
		return nil
	}
	first, ok := doc.PointerOf(0)
	if !ok {
		return nil
	}
	arr, _, ok := rules.ElementIndex(first)
	if !ok {
		return nil
	}
	entities := doc.Data.At(arr)
	return func(v tree.Value, i int) (tree.Value, bool) {
		if v != entities {
			return tree.Value{}, false
		}
		e, ok := doc.Whole(i)
		return e.Data, ok
	}
}

func identity(v tree.Value, index int, keys []string) string {
	switch v.Kind() {
	case tree.Object:
		for _, k := range keys {
			if s := scalar(v.Get(k)); s != "" {
				return "[" + k + "=" + s + "]"
			}
		}
	case tree.String:
		s, _ := v.Str()
		return "[" + s + "]"
	}
	return strconv.Itoa(index)
}

func scalar(v tree.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	n, _ := v.Number()
	return n
}

func normalise(v tree.Value) string {
	switch v.Kind() {
	case tree.Object:
		return "{}"
	case tree.Array:
		return "[]"
	case tree.String:
		s, _ := v.Str()
		return strings.TrimSpace(s)
	case tree.Number:
		n, _ := v.Number()
		return n
	case tree.True, tree.False:
		b, _ := v.Bool()
		return strconv.FormatBool(b)
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

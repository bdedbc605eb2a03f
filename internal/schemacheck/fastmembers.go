package schemacheck

import "github.com/rbaclint/rbaclint/internal/tree"

// memberEntry is one key an object schema names: a property, a required
// key, or both.
type memberEntry struct {
	key  string
	prop *fastNode // nil when the key is only required
	bit  uint64    // the key's bit in fastNode.needed; 0 when not required
}

// maxTableKeys bounds the keys looked up by a linear, length-first scan of
// fastNode.table instead of hashing into fastNode.properties.
const maxTableKeys = 48

// indexMembers builds n.table once n's keywords are read: one pass over an
// object's members then finds each member's property schema and which
// required keys are present, without hashing every key and without
// scanning the object once per required key. Schemas with more keys (or
// more than 64 required ones) keep the map and per-key lookups.
func (n *fastNode) indexMembers() {
	keys := len(n.properties) + len(n.required)
	if keys == 0 || len(n.properties) > maxTableKeys || len(n.required) > 64 {
		return
	}
	table := make([]memberEntry, 0, keys)
	for k, p := range n.properties {
		table = append(table, memberEntry{key: k, prop: p})
	}
	var needed uint64
	bits := 0
	for _, r := range n.required {
		i := 0
		for i < len(table) && table[i].key != r {
			i++
		}
		if i == len(table) {
			table = append(table, memberEntry{key: r})
		}
		if table[i].bit == 0 {
			table[i].bit = 1 << bits
			bits++
		}
		needed |= table[i].bit
	}
	if len(table) > maxTableKeys {
		return
	}
	n.table, n.needed, n.indexed = table, needed, true
}

// entry returns the table entry for key; nil when n names no such key.
func (n *fastNode) entry(key string) *memberEntry {
	for i := range n.table {
		e := &n.table[i]
		if len(e.key) == len(key) && e.key == key {
			return e
		}
	}
	return nil
}

// checkMembers is the object part of check for an indexed node: required
// keys, properties and additionalProperties in one pass over v's members.
func (n *fastNode) checkMembers(v tree.Value, depth int) bool {
	var seen uint64
	for k, val := range v.Members() {
		if e := n.entry(k); e != nil {
			seen |= e.bit
			if e.prop != nil {
				if !e.prop.check(val, depth) {
					return false
				}
				continue
			}
		}
		if !n.checkAdditional(val, depth) {
			return false
		}
	}
	return seen == n.needed
}

// checkAdditional checks a member no property names against
// additionalProperties.
func (n *fastNode) checkAdditional(val tree.Value, depth int) bool {
	if n.addlFalse {
		return false
	}
	return n.addl == nil || n.addl.check(val, depth)
}

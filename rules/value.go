package rules

import "encoding/json"

// Helpers for reading the data model. They never fail: a value of the wrong
// type reads as absent, because the schema rule already reports it.

// Object returns v as an object.
func Object(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

// Array returns v as an array.
func Array(v any) ([]any, bool) {
	a, ok := v.([]any)
	return a, ok
}

// String returns m[key] as a string.
func String(m map[string]any, key string) (string, bool) {
	s, ok := m[key].(string)
	return s, ok
}

// Bool returns m[key] as a boolean.
func Bool(m map[string]any, key string) (bool, bool) {
	b, ok := m[key].(bool)
	return b, ok
}

// Int returns m[key] as an integer.
func Int(m map[string]any, key string) (int64, bool) {
	switch n := m[key].(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case int64:
		return n, true
	case int:
		return int64(n), true
	}
	return 0, false
}

// reuseMax is the most entries a map may hold and still be cleared for
// reuse by ReuseMap.
const reuseMax = 64

// ReuseMap empties m so that a rule can use one map for each of many small
// lists (a profile's permissions, a user's roles) instead of allocating a map
// per list; a nil m gets a new map. A map that a long list made big is
// replaced instead of cleared: clearing costs its capacity, which every
// later list would pay again.
func ReuseMap[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil || len(m) > reuseMax {
		return make(M)
	}
	clear(m)
	return m
}

// Repeat is the test of the duplicate-* rules: the first time key is seen it
// records v as key's first value in first and returns false; after that it
// returns the first value and true.
func Repeat[M ~map[K]V, K comparable, V any](first M, key K, v V) (V, bool) {
	if prev, seen := first[key]; seen {
		return prev, true
	}
	first[key] = v
	return v, false
}

package rules

import (
	"encoding/json"
	"strings"
	"sync"
	"unicode/utf8"
)

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

// Nearest returns the candidate closest to name by edit distance (case
// insensitive), or "" when none is close enough to be a plausible typo.
//
// Its cost is bounded whatever the input: a name longer than
// nearestMaxRunes gets no suggestion (nobody mistypes a 10 MB key), a
// candidate whose length differs by more than the distance limit is not
// compared (its distance is at least that difference), and results are
// kept per name and candidate list, as an export repeats the same unknown
// name many times.
func Nearest(name string, candidates []string) string {
	n := utf8.RuneCountInString(name)
	if n > nearestMaxRunes || len(candidates) == 0 {
		return ""
	}
	key := nearestKey{name: name, first: &candidates[0], n: len(candidates)}
	nearestMu.Lock()
	got, ok := nearestMemo[key]
	nearestMu.Unlock()
	if ok {
		return got
	}
	limit := min(n/3+1, 4)
	best, bestD := "", -1
	ln := strings.ToLower(name)
	for _, c := range candidates {
		if diff := utf8.RuneCountInString(c) - n; diff > limit || -diff > limit {
			continue
		}
		d := editDistance(ln, strings.ToLower(c))
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > limit {
		best = ""
	}
	nearestMu.Lock()
	if len(nearestMemo) >= nearestMemoMax {
		clear(nearestMemo) // bounded memory: start over
	}
	nearestMemo[key] = best
	nearestMu.Unlock()
	return best
}

// nearestMaxRunes is the longest name Nearest suggests for.
const nearestMaxRunes = 256

// nearestKey identifies a Nearest question: the name and the candidate
// list by its first element's address and length (the lists are package
// tables, built once).
type nearestKey struct {
	name  string
	first *string
	n     int
}

const nearestMemoMax = 1 << 14

var (
	nearestMu   sync.Mutex
	nearestMemo = map[nearestKey]string{}
)

// editDistance is the Levenshtein distance over code points.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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

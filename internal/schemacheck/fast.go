package schemacheck

import (
	"encoding/json"
	"hash/maphash"
	"iter"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// The fast check proves values valid on the compact model (internal/tree),
// without the validator library.
//
// The library reads the map[string]any form and builds bookkeeping (maps of
// evaluated members, location strings) for every value it visits, valid or
// not, which made it the largest cost of a run over a big export. Most
// values of a real export are valid, so each unit is first given to a small
// checker that understands the keywords rbaclint's schemas use. Its answer
// is exact for those keywords: numbers compare as the library compares them
// (big.Rat when the text is not a plain integer), uniqueItems compares
// values as the library's equality does. Only a unit it rejects is turned
// into the map form and given to the library, the validator of record,
// whose errors the wording code turns into findings as before; the library
// never sees a valid unit, so the checker must never reject what the
// library accepts either (FuzzCheckerMatchesLibrary holds both directions).
//
// Where it is conservative (answers "not valid", leaving the library to
// decide), on purpose:
//   - a schema file using a keyword or form compileFast does not know: the
//     whole file goes to the library (compileFast returns nil);
//   - a number too large to check (numbers.go): such units never reach
//     either, they are reported instead;
//   - nesting past maxFastDepth (a $ref loop that never consumes the value,
//     which the library reports as an infinite loop).
//
// XML documents need no mode of their own: the XML loader types a known
// field's leaf by the kind's table (xml_model.go), so a boolean or integer
// field whose text is exactly true/false or a JSON integer is a boolean or
// number node, and any other text is a string, just as in the map form the
// library reads (Value.Any).

// fastNode is one compiled subschema. A nil *fastNode is never used: a
// schema the checker cannot handle makes the whole file's fast check nil.
type fastNode struct {
	always *bool // boolean schema

	types []string
	// typeKinds has bit k set when tree.Kind k is one of types; typeInt
	// when "integer" is one and "number" is not. They are read, not types,
	// for every value checked.
	typeKinds uint16
	typeInt   bool
	enum      []any // scalars only (string, bool, nil)
	hasEnum   bool
	required  []string

	properties map[string]*fastNode
	// table, needed, indexed: the properties and required keys for one
	// pass over an object's members (fastmembers.go).
	table     []memberEntry
	needed    uint64
	indexed   bool
	addlFalse bool      // additionalProperties: false
	addl      *fastNode // additionalProperties as a schema
	items     *fastNode
	unique    bool

	minLength, maxLength int // -1 when absent
	pattern              *regexp.Regexp
	seq                  *seqPattern // pattern's fast matcher, when it has one
	minimum, maximum     *bound

	anyOf, allOf, oneOf []*fastNode
	ifS, thenS, elseS   *fastNode

	ref     string // "#/$defs/name" or "#"
	refNode *fastNode
}

// fastAnnotations are keywords that do not affect validity (format is an
// annotation in draft 2020-12 unless format assertion is turned on, and it
// is not).
var fastAnnotations = map[string]bool{
	"$schema": true, "$defs": true, "$comment": true, "title": true, "description": true,
	"examples": true, "default": true, "deprecated": true, "readOnly": true, "writeOnly": true,
	"format": true,
}

// fastCompiler turns a schema file's raw form into fast nodes.
type fastCompiler struct {
	defs  map[string]any // raw $defs
	root  any
	nodes map[string]*fastNode // by "#/$defs/name" or "#"
	ok    bool
}

// compileFast compiles every $defs entry of a draft 2020-12 schema file for
// the fast check. It returns nil when the file uses anything the checker
// does not know, so that the library alone validates it.
func compileFast(raw any) map[string]*fastNode {
	top, ok := raw.(map[string]any)
	if !ok {
		return nil
	}
	if s, _ := top["$schema"].(string); s != "https://json-schema.org/draft/2020-12/schema" {
		return nil
	}
	defs, _ := top["$defs"].(map[string]any)
	fc := &fastCompiler{defs: defs, root: raw, nodes: map[string]*fastNode{}, ok: true}
	out := map[string]*fastNode{}
	for name := range defs {
		out[name] = fc.ref("#/$defs/" + rules.EscapeToken(name))
	}
	// The root too: every $ref must resolve, including one to "#".
	fc.ref("#")
	for _, n := range fc.nodes {
		if n.ref != "" && n.refNode == nil {
			n.refNode = fc.nodes[n.ref]
		}
	}
	if !fc.ok {
		return nil
	}
	return out
}

// ref returns the node of a local reference, compiling it once.
func (fc *fastCompiler) ref(r string) *fastNode {
	if n, ok := fc.nodes[r]; ok {
		return n
	}
	var raw any
	switch {
	case r == "#":
		raw = fc.root
	case strings.HasPrefix(r, "#/$defs/") && !strings.Contains(r[len("#/$defs/"):], "/"):
		var ok bool
		if raw, ok = fc.defs[rules.UnescapeToken(r[len("#/$defs/"):])]; !ok {
			fc.ok = false
			return &fastNode{}
		}
	default:
		fc.ok = false
		return &fastNode{}
	}
	n := &fastNode{minLength: -1, maxLength: -1}
	fc.nodes[r] = n // before compiling: references may be recursive
	fc.fill(n, raw, r == "#")
	return n
}

func (fc *fastCompiler) node(raw any) *fastNode {
	n := &fastNode{minLength: -1, maxLength: -1}
	fc.fill(n, raw, false)
	return n
}

func (fc *fastCompiler) list(raw any) []*fastNode {
	arr, ok := raw.([]any)
	if !ok || len(arr) == 0 {
		fc.ok = false
		return nil
	}
	out := make([]*fastNode, len(arr))
	for i, x := range arr {
		out[i] = fc.node(x)
	}
	return out
}

func (fc *fastCompiler) fill(n *fastNode, raw any, root bool) {
	if b, ok := raw.(bool); ok {
		n.always = &b
		return
	}
	m, ok := raw.(map[string]any)
	if !ok {
		fc.ok = false
		return
	}
	for k, v := range m {
		switch {
		case fastAnnotations[k] || strings.HasPrefix(k, "x-"):
		case k == "$id" && root:
		case k == "type":
			switch t := v.(type) {
			case string:
				n.types = []string{t}
			case []any:
				for _, x := range t {
					s, ok := x.(string)
					if !ok {
						fc.ok = false
					}
					n.types = append(n.types, s)
				}
			default:
				fc.ok = false
			}
		case k == "enum" || k == "const":
			vals := []any{v}
			if k == "enum" {
				arr, ok := v.([]any)
				if !ok {
					fc.ok = false
				}
				vals = arr
			}
			for _, x := range vals {
				switch x.(type) {
				case string, bool, nil:
				default:
					fc.ok = false // numbers and containers compare in ways not copied here
				}
			}
			if n.hasEnum { // both enum and const: keep it simple
				fc.ok = false
			}
			n.enum, n.hasEnum = vals, true
		case k == "required":
			arr, ok := v.([]any)
			if !ok {
				fc.ok = false
			}
			for _, x := range arr {
				s, ok := x.(string)
				if !ok {
					fc.ok = false
				}
				n.required = append(n.required, s)
			}
		case k == "properties":
			props, ok := v.(map[string]any)
			if !ok {
				fc.ok = false
				continue
			}
			n.properties = make(map[string]*fastNode, len(props))
			for name, p := range props {
				n.properties[name] = fc.node(p)
			}
		case k == "additionalProperties":
			if b, ok := v.(bool); ok && !b {
				n.addlFalse = true
			} else {
				n.addl = fc.node(v)
			}
		case k == "items":
			if _, ok := v.([]any); ok {
				fc.ok = false // the pre-2020 tuple form
			}
			n.items = fc.node(v)
		case k == "uniqueItems":
			b, ok := v.(bool)
			if !ok {
				fc.ok = false
			}
			n.unique = b
		case k == "minLength" || k == "maxLength":
			i, ok := fastInt(v)
			if !ok || i < 0 || i > 1<<30 {
				fc.ok = false
				continue
			}
			if k == "minLength" {
				n.minLength = int(i)
			} else {
				n.maxLength = int(i)
			}
		case k == "pattern":
			s, ok := v.(string)
			re, err := regexp.Compile(s)
			if !ok || err != nil {
				fc.ok = false
				continue
			}
			n.pattern, n.seq = re, compileSeq(s)
		case k == "minimum" || k == "maximum":
			b, ok := newBound(v)
			if !ok {
				fc.ok = false
				continue
			}
			if k == "minimum" {
				n.minimum = b
			} else {
				n.maximum = b
			}
		case k == "anyOf":
			n.anyOf = fc.list(v)
		case k == "allOf":
			n.allOf = fc.list(v)
		case k == "oneOf":
			n.oneOf = fc.list(v)
		case k == "if":
			n.ifS = fc.node(v)
		case k == "then":
			n.thenS = fc.node(v)
		case k == "else":
			n.elseS = fc.node(v)
		case k == "$ref":
			s, ok := v.(string)
			if !ok {
				fc.ok = false
				continue
			}
			n.ref = s
			n.refNode = fc.ref(s)
		default:
			fc.ok = false // a keyword the fast check does not know
		}
	}
	n.indexMembers()
	n.indexTypes()
}

// fastInt reads an integer bound of the raw schema (decoded with UseNumber).
func fastInt(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok || !plainInteger(string(n)) {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	return i, err == nil
}

// plainInteger reports whether s is an integer in the one way JSON writes
// it (digits, an optional minus, no fraction or exponent), so that equal
// texts are equal numbers. "-0" is left out: it equals "0".
func plainInteger(s string) bool {
	if s == "" || s == "-0" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bound is a minimum or maximum: an int64 when the schema writes a plain
// integer (the fast comparison), always also the exact rational.
type bound struct {
	i     int64
	isInt bool
	rat   *big.Rat
}

// newBound reads a bound of the raw schema (decoded with UseNumber).
func newBound(v any) (*bound, bool) {
	n, ok := v.(json.Number)
	if !ok || uncheckable(n) {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return nil, false
	}
	b := &bound{rat: r}
	if plainInteger(string(n)) {
		b.i, b.isInt = parseInt64(string(n))
	}
	return b, true
}

func parseInt64(s string) (int64, bool) {
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// maxFastDepth bounds the checker's recursion (a $ref loop that never
// consumes the value, or hostile nesting): past it, the value is not proven
// valid and the library decides.
const maxFastDepth = 1000

// check reports whether v is valid against n, as the library would.
func (n *fastNode) check(v tree.Value, depth int) bool {
	if depth > maxFastDepth {
		return false
	}
	depth++
	if n.always != nil {
		return *n.always
	}
	// The library checks type first and stops there when it fails.
	if len(n.types) > 0 && !n.typeMatch(v) {
		return false
	}
	if n.hasEnum && !enumMatch(n.enum, v) {
		return false
	}
	switch v.Kind() {
	case tree.Object:
		if n.indexed {
			if !n.checkMembers(v, depth) {
				return false
			}
			break
		}
		for _, r := range n.required {
			if !v.Has(r) {
				return false
			}
		}
		if n.properties != nil || n.addlFalse || n.addl != nil {
			for k, val := range v.Members() {
				if p, ok := n.properties[k]; ok {
					if !p.check(val, depth) {
						return false
					}
					continue
				}
				if !n.checkAdditional(val, depth) {
					return false
				}
			}
		}
	case tree.Array:
		if n.items != nil {
			for _, item := range v.Elems() {
				if !n.items.check(item, depth) {
					return false
				}
			}
		}
		if n.unique && !allDistinct(v) {
			return false
		}
	case tree.String:
		if n.minLength >= 0 || n.maxLength >= 0 || n.pattern != nil {
			s, _ := v.Str()
			if (n.minLength >= 0 || n.maxLength >= 0) && !lengthSure(s, n.minLength, n.maxLength) {
				l := utf8.RuneCountInString(s)
				if (n.minLength >= 0 && l < n.minLength) || (n.maxLength >= 0 && l > n.maxLength) {
					return false
				}
			}
			if n.pattern != nil && !n.matchPattern(s) {
				return false
			}
		}
	case tree.Number:
		if n.minimum != nil || n.maximum != nil {
			s, _ := v.Number()
			if !withinBounds(s, n.minimum, n.maximum) {
				return false
			}
		}
	}
	for _, s := range n.allOf {
		if !s.check(v, depth) {
			return false
		}
	}
	if n.anyOf != nil {
		found := false
		for _, s := range n.anyOf {
			if s.check(v, depth) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if n.oneOf != nil {
		matched := 0
		for _, s := range n.oneOf {
			if s.check(v, depth) {
				if matched++; matched > 1 {
					break
				}
			}
		}
		if matched != 1 {
			return false
		}
	}
	if n.ifS != nil {
		if n.ifS.check(v, depth) {
			if n.thenS != nil && !n.thenS.check(v, depth) {
				return false
			}
		} else if n.elseS != nil && !n.elseS.check(v, depth) {
			return false
		}
	}
	if n.refNode != nil && !n.refNode.check(v, depth) {
		return false
	}
	return true
}

// lengthSure reports whether s has between lo and hi code points (either
// may be -1, no bound) by its byte length alone: it has at most len(s)
// and at least a quarter of that (UTF-8 takes up to four bytes; a byte
// that is not UTF-8 counts as one). Most strings are then never counted.
func lengthSure(s string, lo, hi int) bool {
	return (lo < 0 || (len(s)+3)/4 >= lo) && (hi < 0 || len(s) <= hi)
}

// indexTypes sets typeKinds and typeInt from types.
func (n *fastNode) indexTypes() {
	number := false
	for _, t := range n.types {
		for k := tree.Null; k <= tree.Array; k++ {
			if k.String() == t { // the JSON type names the schema uses
				n.typeKinds |= 1 << k
			}
		}
		number = number || t == "number"
		n.typeInt = n.typeInt || t == "integer"
	}
	n.typeInt = n.typeInt && !number
}

func (n *fastNode) typeMatch(v tree.Value) bool {
	k := v.Kind()
	if n.typeKinds&(1<<k) != 0 {
		return true
	}
	if n.typeInt && k == tree.Number {
		s, _ := v.Number()
		return isInteger(s)
	}
	return false
}

// isInteger reports whether a number's text is an integer in the library's
// sense (1.0 and 1e2 are).
func isInteger(s string) bool {
	if plainInteger(s) {
		return true
	}
	r, ok := rat(s)
	return ok && r.IsInt()
}

// rat is a number's exact value, as the library reads it; false for a
// number too large to check (numbers.go), which never reaches the checker
// in a run.
func rat(s string) (*big.Rat, bool) {
	if uncheckableText(s) {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// withinBounds compares a number with a minimum and a maximum (either may
// be nil) exactly.
func withinBounds(s string, lo, hi *bound) bool {
	if plainInteger(s) && (lo == nil || lo.isInt) && (hi == nil || hi.isInt) {
		if i, ok := parseInt64(s); ok {
			return (lo == nil || i >= lo.i) && (hi == nil || i <= hi.i)
		}
	}
	r, ok := rat(s)
	if !ok {
		return false
	}
	return (lo == nil || r.Cmp(lo.rat) >= 0) && (hi == nil || r.Cmp(hi.rat) <= 0)
}

// enumMatch compares v with scalar enum values (strings, booleans, null;
// compileFast refuses any other).
func enumMatch(enum []any, v tree.Value) bool {
	var x any
	switch v.Kind() {
	case tree.String:
		x, _ = v.Str()
	case tree.True:
		x = true
	case tree.False:
		x = false
	case tree.Null:
		x = nil
	default:
		return false // the enum holds no number or container
	}
	for _, e := range enum {
		if e == x {
			return true
		}
	}
	return false
}

// allDistinct answers uniqueItems exactly: no two items equal in the
// library's sense (equalValues).
func allDistinct(arr tree.Value) bool {
	if arr.Len() < 2 {
		return true
	}
	items := make([]tree.Value, 0, arr.Len())
	allStrings := true
	for _, x := range arr.Elems() {
		items = append(items, x)
		allStrings = allStrings && x.Kind() == tree.String
	}
	if allStrings {
		seen := make(map[string]struct{}, len(items))
		for _, x := range items {
			s, _ := x.Str()
			if _, dup := seen[s]; dup {
				return false
			}
			seen[s] = struct{}{}
		}
		return true
	}
	if distinctByMember(items) {
		return true
	}
	if len(items) <= 20 {
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				if equalValues(items[i], items[j]) {
					return false
				}
			}
		}
		return true
	}
	buckets := make(map[uint64][]int, len(items))
	for i, x := range items {
		h := hashValue(x)
		for _, j := range buckets[h] {
			if equalValues(items[j], x) {
				return false
			}
		}
		buckets[h] = append(buckets[h], i)
	}
	return true
}

// distinctByMember proves objects different in one pass when they all have
// a string member (an id, a name) whose values differ: the common case of a
// list of permissions or resources.
func distinctByMember(items []tree.Value) bool {
	tried := 0
	for key, v := range items[0].Members() {
		if v.Kind() != tree.String {
			continue
		}
		if tried++; tried > 3 {
			return false
		}
		seen := make(map[string]struct{}, len(items))
		for _, it := range items {
			s, ok := it.Get(key).Str()
			if !ok {
				break
			}
			if _, dup := seen[s]; dup {
				break
			}
			seen[s] = struct{}{}
		}
		if len(seen) == len(items) {
			return true
		}
	}
	return false
}

// equalValues is the library's equality: numbers by value (1 and 1.0 are
// equal), objects whatever their member order.
func equalValues(a, b tree.Value) bool {
	ka, kb := a.Kind(), b.Kind()
	if ka != kb {
		return false
	}
	switch ka {
	case tree.String, tree.Number:
		return scalarKey(a) == scalarKey(b)
	case tree.Array:
		if a.Len() != b.Len() {
			return false
		}
		next, stop := iter.Pull2(iter.Seq2[int, tree.Value](b.Elems()))
		defer stop()
		for _, x := range a.Elems() {
			if _, y, _ := next(); !equalValues(x, y) {
				return false
			}
		}
		return true
	case tree.Object:
		if members(a) != members(b) {
			return false
		}
		for k, x := range a.Members() {
			y, ok := b.Lookup(k)
			if !ok || !equalValues(x, y) {
				return false
			}
		}
		return true
	}
	return true // null, true, false
}

// members counts an object's members as the map form has them (Len counts a
// key written twice twice).
func members(v tree.Value) int {
	n := 0
	for range v.Members() {
		n++
	}
	return n
}

// scalarKey is a string's value or a number's canonical text.
func scalarKey(v tree.Value) string {
	if s, ok := v.Str(); ok {
		return s
	}
	s, _ := v.Number()
	return numberKey(s)
}

// numberKey is a number's canonical text: equal for equal values. A number
// too large to check keeps its text (it never reaches the checker in a run).
func numberKey(s string) string {
	if plainInteger(s) {
		return s
	}
	r, ok := rat(s)
	if !ok {
		return s
	}
	return r.RatString()
}

var hashSeed = maphash.MakeSeed()

// hashValue hashes v so that equal values (equalValues) hash equal.
func hashValue(v tree.Value) uint64 {
	const prime = 1099511628211
	switch v.Kind() {
	case tree.String:
		s, _ := v.Str()
		return maphash.String(hashSeed, s) ^ 0x5bd1e995
	case tree.Number:
		s, _ := v.Number()
		return maphash.String(hashSeed, numberKey(s)) ^ 0x27d4eb2f
	case tree.Array:
		h := uint64(4)
		for _, e := range v.Elems() {
			h = (h ^ hashValue(e)) * prime
		}
		return h
	case tree.Object:
		h := uint64(5)
		for k, e := range v.Members() {
			// A sum: the same members in any order hash the same.
			h += (maphash.String(hashSeed, k) ^ hashValue(e)) * prime
		}
		return h
	}
	return uint64(v.Kind())
}

package schemacheck

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/rules"
)

// The fast check proves values valid without the validator library.
//
// The library builds bookkeeping (maps of evaluated members, location
// strings) for every value it visits, valid or not, which makes it the
// largest cost of a run over a big export. Most values of a real export are
// valid, so each unit is first given to a small checker that understands the
// keywords rbaclint's schemas use and answers valid, invalid or unknown. Only
// "valid" is trusted: anything else goes to the library, which then words the
// findings exactly as before. The checker must therefore never answer valid
// where the library would not; where it is unsure (a keyword it does not
// know, a number it cannot compare exactly, a value of an unexpected Go type)
// it answers unknown.

// verdict is the fast check's answer.
type verdict uint8

const (
	unknown verdict = iota
	valid
	invalid
)

// fastNode is one compiled subschema. A nil *fastNode is never used: a
// schema the checker cannot handle makes the whole file's fast check nil.
type fastNode struct {
	always *bool // boolean schema

	types    []string
	enum     []any // scalars only (string, bool, nil)
	hasEnum  bool
	required []string

	properties map[string]*fastNode
	addlFalse  bool      // additionalProperties: false
	addl       *fastNode // additionalProperties as a schema
	items      *fastNode
	unique     bool

	minLength, maxLength int // -1 when absent
	pattern              *regexp.Regexp
	minimum, maximum     *int64

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
			n.pattern = re
		case k == "minimum" || k == "maximum":
			i, ok := fastInt(v)
			if !ok {
				fc.ok = false
				continue
			}
			if k == "minimum" {
				n.minimum = &i
			} else {
				n.maximum = &i
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

// maxFastDepth bounds the checker's recursion (a $ref loop that never
// consumes the value, or hostile nesting): past it, the answer is unknown.
const maxFastDepth = 1000

// check answers whether v is valid against n.
func (n *fastNode) check(v any, depth int) verdict {
	if depth > maxFastDepth {
		return unknown
	}
	depth++
	if n.always != nil {
		if *n.always {
			return valid
		}
		return invalid
	}
	res := valid
	// and folds one keyword's answer into the result: any invalid wins,
	// then any unknown.
	and := func(x verdict) bool {
		switch x {
		case invalid:
			res = invalid
			return false
		case unknown:
			res = unknown
		}
		return true
	}
	switch v.(type) {
	case nil, bool, string, json.Number, []any, map[string]any:
	default:
		return unknown // the library decides what to make of other Go types
	}
	if len(n.types) > 0 && !and(typeMatch(n.types, v)) {
		return invalid
	}
	if n.hasEnum && !and(enumMatch(n.enum, v)) {
		return invalid
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range n.required {
			if _, ok := x[r]; !ok {
				return invalid
			}
		}
		if n.properties != nil || n.addlFalse || n.addl != nil {
			for k, val := range x {
				if p, ok := n.properties[k]; ok {
					if !and(p.check(val, depth)) {
						return invalid
					}
					continue
				}
				if n.addlFalse {
					return invalid
				}
				if n.addl != nil && !and(n.addl.check(val, depth)) {
					return invalid
				}
			}
		}
	case []any:
		if n.items != nil {
			for _, item := range x {
				if !and(n.items.check(item, depth)) {
					return invalid
				}
			}
		}
		if n.unique && !and(allDistinct(x)) {
			return invalid
		}
	case string:
		if n.minLength >= 0 || n.maxLength >= 0 {
			l := utf8.RuneCountInString(x)
			if (n.minLength >= 0 && l < n.minLength) || (n.maxLength >= 0 && l > n.maxLength) {
				return invalid
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(x) {
			return invalid
		}
	case json.Number:
		if n.minimum != nil || n.maximum != nil {
			if !plainInteger(string(x)) {
				and(unknown)
			} else if i, err := strconv.ParseInt(string(x), 10, 64); err != nil {
				and(unknown)
			} else if (n.minimum != nil && i < *n.minimum) || (n.maximum != nil && i > *n.maximum) {
				return invalid
			}
		}
	}
	for _, s := range n.allOf {
		if !and(s.check(v, depth)) {
			return invalid
		}
	}
	if n.anyOf != nil {
		found := invalid
		for _, s := range n.anyOf {
			switch s.check(v, depth) {
			case valid:
				found = valid
			case unknown:
				if found == invalid {
					found = unknown
				}
			}
			if found == valid {
				break
			}
		}
		if !and(found) {
			return invalid
		}
	}
	if n.oneOf != nil {
		matched, unsure := 0, 0
		for _, s := range n.oneOf {
			switch s.check(v, depth) {
			case valid:
				matched++
			case unknown:
				unsure++
			}
		}
		switch {
		case unsure > 0:
			and(unknown)
		case matched != 1:
			return invalid
		}
	}
	if n.ifS != nil {
		switch n.ifS.check(v, depth) {
		case valid:
			if n.thenS != nil && !and(n.thenS.check(v, depth)) {
				return invalid
			}
		case invalid:
			if n.elseS != nil && !and(n.elseS.check(v, depth)) {
				return invalid
			}
		default:
			and(unknown)
		}
	}
	if n.refNode != nil && !and(n.refNode.check(v, depth)) {
		return invalid
	}
	return res
}

func typeMatch(types []string, v any) verdict {
	res := invalid
	for _, t := range types {
		switch x := v.(type) {
		case nil:
			if t == "null" {
				return valid
			}
		case bool:
			if t == "boolean" {
				return valid
			}
		case string:
			if t == "string" {
				return valid
			}
		case []any:
			if t == "array" {
				return valid
			}
		case map[string]any:
			if t == "object" {
				return valid
			}
		case json.Number:
			switch {
			case t == "number" && (plainInteger(string(x)) || validFloat(string(x))):
				return valid
			case t == "integer" && plainInteger(string(x)):
				return valid
			case t == "number" || t == "integer":
				res = unknown // 1.0 and 1e2 are integers too; let the library say
			}
		}
	}
	return res
}

func validFloat(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// enumMatch compares v with scalar enum values (strings, booleans, null).
func enumMatch(enum []any, v any) verdict {
	switch v.(type) {
	case string, bool, nil:
		for _, e := range enum {
			if e == v {
				return valid
			}
		}
		return invalid
	case json.Number:
		return invalid // the enum holds no number, and numbers equal only numbers
	case []any, map[string]any:
		return invalid // nor a container
	}
	return unknown
}

// allDistinct answers uniqueItems: valid when every pair is provably
// different, unknown otherwise (the library then compares them its way).
func allDistinct(items []any) verdict {
	if len(items) < 2 {
		return valid
	}
	allStrings := true
	for _, x := range items {
		if _, ok := x.(string); !ok {
			allStrings = false
			break
		}
	}
	if allStrings {
		seen := make(map[string]struct{}, len(items))
		for _, x := range items {
			s := x.(string)
			if _, dup := seen[s]; dup {
				return invalid
			}
			seen[s] = struct{}{}
		}
		return valid
	}
	if distinctByMember(items) {
		return valid
	}
	if len(items) > 256 {
		return unknown // keep the pairwise proof cheap
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if !different(items[i], items[j], 0) {
				return unknown
			}
		}
	}
	return valid
}

// distinctByMember proves objects different in one pass when they all have
// a string member (an id, a name) whose values differ: the common case of a
// list of permissions or resources.
func distinctByMember(items []any) bool {
	first, ok := items[0].(map[string]any)
	if !ok {
		return false
	}
	tried := 0
	for key, v := range first {
		if _, ok := v.(string); !ok {
			continue
		}
		if tried++; tried > 3 {
			return false
		}
		seen := make(map[string]struct{}, len(items))
		for _, it := range items {
			m, ok := it.(map[string]any)
			if !ok {
				return false
			}
			s, ok := m[key].(string)
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

// different reports whether a and b are provably different JSON values.
func different(a, b any, depth int) bool {
	if depth > 64 {
		return false
	}
	switch x := a.(type) {
	case nil:
		return b != nil && known(b)
	case bool:
		y, ok := b.(bool)
		if !ok {
			return known(b)
		}
		return x != y
	case string:
		y, ok := b.(string)
		if !ok {
			return known(b)
		}
		return x != y
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return known(b)
		}
		return plainInteger(string(x)) && plainInteger(string(y)) && x != y
	case []any:
		y, ok := b.([]any)
		if !ok {
			return known(b)
		}
		if len(x) != len(y) {
			return true
		}
		for i := range x {
			if different(x[i], y[i], depth+1) {
				return true
			}
		}
		return false
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return known(b)
		}
		if len(x) != len(y) {
			return true
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || different(xv, yv, depth+1) {
				return true
			}
		}
		return false
	}
	return false
}

// known reports whether v is one of the data model's Go types.
func known(v any) bool {
	switch v.(type) {
	case nil, bool, string, json.Number, []any, map[string]any:
		return true
	}
	return false
}

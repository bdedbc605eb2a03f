package tree

import (
	"encoding/json"
	"slices"
	"strconv"
)

// FromAny builds a tree from a data model value: map[string]any, []any,
// string, json.Number, bool, nil, or a Go integer or float (as a number).
// The tree has no text: spans are 0. Object members are sorted by key, so
// the tree does not depend on map order. Values of any other type read as
// null.
func FromAny(v any) *Tree {
	b := NewBuilder(nil, 16)
	b.fromAny(v)
	return b.Finish()
}

func (b *Builder) fromAny(v any) {
	switch x := v.(type) {
	case map[string]any:
		b.Object(0)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			b.KeyValue(0, 0, k)
			b.fromAny(x[k])
		}
		b.Close(0)
	case []any:
		b.Array(0)
		for _, e := range x {
			b.fromAny(e)
		}
		b.Close(0)
	case string:
		b.StringValue(0, 0, x)
	case json.Number:
		b.NumberValue(0, 0, string(x))
	case bool:
		b.Bool(0, 0, x)
	case int:
		b.NumberValue(0, 0, strconv.Itoa(x))
	case int64:
		b.NumberValue(0, 0, strconv.FormatInt(x, 10))
	case float64:
		b.NumberValue(0, 0, strconv.FormatFloat(x, 'g', -1, 64))
	default:
		b.Null(0, 0)
	}
}

// Any returns v as the map[string]any data model (map[string]any, []any,
// string, json.Number, bool or nil), the form the JSON Schema library
// reads. It copies nothing but the containers: strings view the source.
// An absent value is nil; a based array (Builder.ArrayFrom) is the
// elements it holds.
func (v Value) Any() any {
	switch v.Kind() {
	case Object:
		m := make(map[string]any, v.Len())
		for k, e := range v.Members() {
			m[k] = e.Any()
		}
		return m
	case Array:
		a := make([]any, 0, v.held())
		for _, e := range v.Elems() {
			a = append(a, e.Any())
		}
		return a
	case String:
		s, _ := v.Str()
		return s
	case Number:
		s, _ := v.Number()
		return json.Number(s)
	case True:
		return true
	case False:
		return false
	}
	return nil
}

// Map returns an object as map[string]any (see Any); nil for any other
// value.
func (v Value) Map() map[string]any {
	m, _ := v.Any().(map[string]any)
	return m
}

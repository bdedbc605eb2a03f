package schemacheck

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// FuzzCheckerMatchesLibrary is the differential test of the fast checker
// (fast.go) against the library, the validator of record, in both
// directions: on an entity (or envelope) of every kind from examples/ and
// testdata/, mutated as the fuzz bytes say (values, types and keys
// changed, members added, dropped and renamed, array items repeated or
// dropped), the checker must call valid exactly what the library calls
// valid, against every definition of the kind's schema. The one exception
// is a number too large to check (numbers.go): Validate reports it instead
// of giving its unit to either, so such values are skipped here.
func FuzzCheckerMatchesLibrary(f *testing.F) {
	seeds := differentialSeeds(f)
	for i := range seeds {
		f.Add(uint16(i), []byte{})
		f.Add(uint16(i), []byte{1, 1, 2, 1, 3, 7, 0, 12})
		f.Add(uint16(i), []byte{0, 6, 1, 0, 7, 5, 2, 1, 1, 9})
	}
	f.Fuzz(func(t *testing.T, pick uint16, ops []byte) {
		s := seeds[int(pick)%len(seeds)]
		m := &mutator{ops: ops, vocab: schemaVocab(t, s.kind)}
		v := clone(s.value)
		for range 4 {
			if len(m.ops) == 0 {
				break
			}
			v = m.apply(v, 0)
		}
		tv := tree.FromAny(v).Root()
		if hasUncheckable(tv) {
			return // reported, never checked (numbers.go)
		}
		compareFast(t, s.kind, tv, func(def string, fast, lib bool) {
			if fast != lib {
				text, _ := json.Marshal(v)
				t.Fatalf("%s (from %s) against %s: the fast check says valid=%v, the library valid=%v, for %s", s.kind, s.from, def, fast, lib, text)
			}
		})
	})
}

// TestDifferentialSeedsCoverEveryKind keeps the fuzz test's seeds honest: an
// entity of every kind with a schema, and they all agree unmutated.
func TestDifferentialSeedsCoverEveryKind(t *testing.T) {
	seeds := differentialSeeds(t)
	kinds := map[rules.Kind]bool{}
	for _, s := range seeds {
		kinds[s.kind] = true
		compareFast(t, s.kind, tree.FromAny(s.value).Root(), func(def string, fast, lib bool) {
			if fast != lib {
				t.Errorf("%s against %s: fast %v, library %v", s.from, def, fast, lib)
			}
		})
	}
	for k := range bySchema {
		if !kinds[k] {
			t.Errorf("no seed entity of kind %s in examples/ or testdata/", k)
		}
	}
}

type differentialSeed struct {
	kind  rules.Kind
	from  string // file#pointer
	value any    // the map form, never modified (mutations work on a clone)
}

// differentialSeeds loads every fixture and example of a kind with a schema
// through the real loaders and keeps its first entities and, for a small
// file, the whole document (its envelope), in a fixed order.
func differentialSeeds(tb testing.TB) []differentialSeed {
	tb.Helper()
	seedsOnce.Do(func() {
		for _, dir := range []string{"../../examples", "../../testdata"} {
			filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !source.Supported(path) || strings.Contains(path, "hostile") {
					return nil
				}
				data, err := os.ReadFile(path)
				if err != nil || len(data) > 64<<10 {
					return nil
				}
				doc, _ := source.Load(path, data, source.Options{})
				if doc == nil || bySchema[doc.Kind] == nil {
					return nil
				}
				seeds = append(seeds, differentialSeed{doc.Kind, path + "#", doc.Data.Any()})
				for i, e := range doc.Entities {
					if i == 3 {
						break
					}
					seeds = append(seeds, differentialSeed{doc.Kind, path + "#" + e.Pointer, e.Data.Any()})
				}
				return nil
			})
		}
	})
	if len(seeds) < 20 {
		tb.Fatalf("only %d seed values", len(seeds))
	}
	return seeds
}

var (
	seedsOnce sync.Once
	seeds     []differentialSeed
)

// vocab is what mutations draw names and strings from: the member names and
// enum strings of the kind's schema, so that a mutation often makes a value
// the schema has a word for.
type vocab struct {
	keys, strs []string
}

var vocabs sync.Map // rules.Kind -> *vocab

func schemaVocab(tb testing.TB, kind rules.Kind) *vocab {
	if v, ok := vocabs.Load(kind); ok {
		return v.(*vocab)
	}
	c, err := bySchema[kind].get()
	if err != nil {
		tb.Fatal(err)
	}
	keys, strs := map[string]bool{}, map[string]bool{}
	var walk func(x any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, y := range x {
				switch k {
				case "properties":
					if props, ok := y.(map[string]any); ok {
						for name := range props {
							keys[name] = true
						}
					}
				case "enum", "const":
					for _, e := range append([]any{}, y) {
						if arr, ok := e.([]any); ok {
							for _, s := range arr {
								if s, ok := s.(string); ok {
									strs[s] = true
								}
							}
						} else if s, ok := e.(string); ok {
							strs[s] = true
						}
					}
				}
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(c.raw)
	v := &vocab{}
	for k := range keys {
		v.keys = append(v.keys, k)
	}
	for s := range strs {
		v.strs = append(v.strs, s)
	}
	slices.Sort(v.keys)
	slices.Sort(v.strs)
	v.keys = append(v.keys, "unexpectedMember", "", "#text")
	v.strs = append(v.strs, "", "x", "true", "false", "1", "bad/char", "a.b_c", strings.Repeat("long name ", 30), "ÄÖÜ", "user@example.com")
	got, _ := vocabs.LoadOrStore(kind, v)
	return got.(*vocab)
}

// mutator changes a value as its bytes say; when they run out, it stops.
type mutator struct {
	ops   []byte
	vocab *vocab
}

func (m *mutator) next() int {
	if len(m.ops) == 0 {
		return 0
	}
	b := m.ops[0]
	m.ops = m.ops[1:]
	return int(b)
}

func (m *mutator) pick(list []string) string { return list[m.next()%len(list)] }

var numbers = []json.Number{"0", "-1", "1", "1.0", "1e2", "0.5", "-0", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1E+2", "12.50"}

// apply descends to one value (each byte above a container picks a member
// or an item, or stops there) and changes it.
func (m *mutator) apply(v any, depth int) any {
	if depth < 8 && m.next()%4 != 0 {
		switch x := v.(type) {
		case map[string]any:
			if len(x) > 0 {
				keys := sortedKeys(x)
				k := keys[m.next()%len(keys)]
				x[k] = m.apply(x[k], depth+1)
				return x
			}
		case []any:
			if len(x) > 0 {
				i := m.next() % len(x)
				x[i] = m.apply(x[i], depth+1)
				return x
			}
		}
	}
	switch op := m.next() % 14; op {
	case 0:
		return nil
	case 1:
		return m.next()%2 == 0
	case 2:
		return m.pick(m.vocab.strs)
	case 3:
		return numbers[m.next()%len(numbers)]
	case 4:
		if m.next()%2 == 0 {
			return map[string]any{}
		}
		return map[string]any{m.pick(m.vocab.keys): m.pick(m.vocab.strs)}
	case 5:
		if m.next()%2 == 0 {
			return []any{}
		}
		return []any{v}
	}
	switch x := v.(type) {
	case map[string]any:
		keys := sortedKeys(x)
		switch m.next() % 3 {
		case 0:
			if len(keys) > 0 {
				delete(x, keys[m.next()%len(keys)])
			}
		case 1:
			x[m.pick(m.vocab.keys)] = m.scalar()
		case 2:
			if len(keys) > 0 {
				k := keys[m.next()%len(keys)]
				y := x[k]
				delete(x, k)
				x[m.pick(m.vocab.keys)] = y
			}
		}
		return x
	case []any:
		if len(x) == 0 {
			return append(x, m.scalar())
		}
		i := m.next() % len(x)
		if m.next()%2 == 0 {
			return append(x, clone(x[i])) // a repeated item
		}
		return append(x[:i], x[i+1:]...)
	case string:
		switch m.next() % 5 {
		case 0:
			return strings.ToUpper(x)
		case 1:
			return x + m.pick([]string{"/", " ", "é", "-", "_", "."})
		case 2:
			if x != "" {
				return x[:len(x)/2]
			}
		case 3:
			return strings.Repeat(x, 9)
		}
		if plainInteger(x) {
			return json.Number(x) // a number written as text, the other way
		}
		return x
	case json.Number:
		if m.next()%2 == 0 {
			return string(x) // an integer field written as text, as XML has it
		}
		return numbers[m.next()%len(numbers)]
	case bool:
		if m.next()%2 == 0 {
			return map[bool]string{true: "true", false: "false"}[x]
		}
		return !x
	}
	return m.scalar()
}

func (m *mutator) scalar() any {
	switch m.next() % 4 {
	case 0:
		return m.pick(m.vocab.strs)
	case 1:
		return numbers[m.next()%len(numbers)]
	case 2:
		return m.next()%2 == 0
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// clone copies the containers of a map-form value.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(x))
		for k, y := range x {
			c[k] = clone(y)
		}
		return c
	case []any:
		c := make([]any, len(x))
		for i, y := range x {
			c[i] = clone(y)
		}
		return c
	}
	return v
}

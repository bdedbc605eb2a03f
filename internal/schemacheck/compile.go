package schemacheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/schemas"
)

// baseURL is where the embedded schemas claim to live (their $id). Nothing is
// ever fetched from it.
const baseURL = "https://github.com/rbaclint/rbaclint/schemas/"

// compiled is one schema file: its raw form, which the messages read
// x-rbaclint-* annotations from, its fast checker and, compiled only when a
// value needs it, the library's validators.
type compiled struct {
	url  string
	raw  any
	defs map[string]bool // the $defs names

	// fast proves values valid before the library is asked (fast.go); a
	// missing entry (or a nil map) leaves the definition to the library.
	fast map[string]*fastNode

	// library compiles the validators on first use. Compiling costs a few
	// milliseconds (the library checks the schema against the draft 2020-12
	// metaschema first), the largest part of a small file's run, and a
	// file the fast check proves valid, the usual case, never needs it.
	library         func() (*library, error)
	libraryCompiled atomic.Bool // for tests: whether library was ever called
}

// library is a schema file as the validator library compiles it, one
// definition at a time (see schema).
type library struct {
	defs  map[string]func() (*jsonschema.Schema, error) // by $defs name, compiled on first use
	chars map[string]*regexp.Regexp                     // x-rbaclint-chars values, compiled
}

// schema returns the library's validator of the definition name.
func (l *library) schema(name string) (*jsonschema.Schema, error) {
	compile := l.defs[name]
	if compile == nil {
		return nil, fmt.Errorf("no definition %q", name)
	}
	return compile()
}

// lazySchema compiles one kind's schema the first time a document of that
// kind is validated, so a run never pays for kinds it does not see.
type lazySchema struct {
	kind rules.Kind
	file string // in schemas.FS
	once sync.Once
	c    *compiled
	err  error
}

func (l *lazySchema) get() (*compiled, error) {
	l.once.Do(func() {
		data, err := fs.ReadFile(schemas.FS, l.file)
		if err != nil {
			l.err = fmt.Errorf("no schema for kind %s: %v", l.kind, err)
			return
		}
		l.c, l.err = compile(baseURL+l.file, data)
	})
	return l.c, l.err
}

// bySchema has one entry per kind whose spec names a schema file. It is filled once at
// start-up and only read afterwards, so concurrent lookups need no lock.
var bySchema = func() map[rules.Kind]*lazySchema {
	m := map[rules.Kind]*lazySchema{}
	for _, s := range kinds.All() {
		if s.Schema != "" {
			m[s.Name] = &lazySchema{kind: s.Name, file: s.Schema}
		}
	}
	return m
}()

// refuseLoad keeps compilation offline: every schema rbaclint uses is
// embedded, so any other URL (network or disk) is an error.
func refuseLoad(url string) (io.ReadCloser, error) {
	return nil, fmt.Errorf("loading %s refused: rbaclint schemas may only refer to themselves", url)
}

// compile reads one schema file and builds its fast checker; the library's
// validators are compiled when first asked for.
func compile(url string, data []byte) (*compiled, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	top, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema %s is not an object", url)
	}
	rawDefs, _ := top["$defs"].(map[string]any)
	out := &compiled{url: url, raw: raw, defs: make(map[string]bool, len(rawDefs)), fast: compileFast(raw)}
	for name := range rawDefs {
		out.defs[name] = true
	}
	out.library = sync.OnceValues(func() (*library, error) {
		out.libraryCompiled.Store(true)
		return compileLibrary(url, data, raw, rawDefs)
	})
	return out, nil
}

// compileLibrary prepares the library's validators of one schema file's
// $defs entries, each compiled when first asked for.
func compileLibrary(url string, data []byte, raw any, rawDefs map[string]any) (*library, error) {
	lib := &library{defs: make(map[string]func() (*jsonschema.Schema, error), len(rawDefs)), chars: map[string]*regexp.Regexp{}}
	top, _ := raw.(map[string]any)
	local := onlyLocalRefs(raw)
	for name := range rawDefs {
		lib.defs[name] = sync.OnceValues(func() (*jsonschema.Schema, error) {
			src := data
			if local {
				src = definitionOnly(top, rawDefs, name)
			}
			return compileDefinition(url, src, name)
		})
	}
	if err := collectChars(raw, lib.chars); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	return lib, nil
}

// compileDefinition compiles the definition name of the schema file at url,
// whose text is src.
func compileDefinition(url string, src []byte, name string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = refuseLoad
	if err := c.AddResource(url, bytes.NewReader(src)); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	return c.Compile(url + "#/$defs/" + rules.EscapeToken(name))
}

// definitionOnly is the schema file cut down to what the definition name
// needs: $schema, $id and the definitions it reaches through $ref, at the
// same places. The library checks a schema file against the draft 2020-12
// metaschema before it compiles any part of it, which costs more than the
// compile itself and grows with the file; a small run with one failing
// entity needs one definition and what it refers to, not the envelopes and
// shapes beside it. The validators, their error messages and their keyword
// locations (which the wording reads the full schema at) are the same as
// the whole file's.
func definitionOnly(top, rawDefs map[string]any, name string) []byte {
	need := map[string]any{}
	var reach func(def string)
	reach = func(def string) {
		if _, done := need[def]; done {
			return
		}
		d, ok := rawDefs[def]
		if !ok {
			return
		}
		need[def] = d
		for _, ref := range refsIn(d, nil) {
			toks, _ := rules.SplitPointer(strings.TrimPrefix(ref, "#"))
			reach(toks[1])
		}
	}
	reach(name)
	cut := map[string]any{"$defs": need}
	for _, k := range []string{"$schema", "$id"} {
		if v, ok := top[k]; ok {
			cut[k] = v
		}
	}
	out, err := json.Marshal(cut)
	if err != nil {
		panic(err) // values decoded from JSON always encode
	}
	return out
}

// onlyLocalRefs reports whether every $ref in the schema names a $defs
// entry ("#/$defs/NAME", maybe with more tokens), and nothing else makes one
// part of the file reach another ($id below the root, anchors, dynamic
// references): only then can a definition be compiled without the rest.
func onlyLocalRefs(raw any) bool {
	top, _ := raw.(map[string]any)
	defs, _ := top["$defs"].(map[string]any)
	for _, ref := range refsIn(defs, nil) {
		toks, ok := rules.SplitPointer(strings.TrimPrefix(ref, "#"))
		if !strings.HasPrefix(ref, "#/") || !ok || len(toks) < 2 || toks[0] != "$defs" {
			return false
		}
		if _, ok := defs[toks[1]]; !ok {
			return false
		}
	}
	return !hasKey(defs, "$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor")
}

// refsIn appends every $ref string found in v (a $ref that is not a
// string is returned as "", which no check accepts).
func refsIn(v any, out []string) []string {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "$ref" {
				s, _ := x.(string)
				out = append(out, s)
				continue
			}
			out = refsIn(x, out)
		}
	case []any:
		for _, x := range v {
			out = refsIn(x, out)
		}
	}
	return out
}

// hasKey reports whether any object in v has one of the keys.
func hasKey(v any, keys ...string) bool {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if slices.Contains(keys, k) || hasKey(x, keys...) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasKey(x, keys...) {
				return true
			}
		}
	}
	return false
}

// collectChars compiles every x-rbaclint-chars annotation (a pattern for one
// allowed character) found anywhere in the schema.
func collectChars(v any, into map[string]*regexp.Regexp) error {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == annChars {
				re, err := regexp.Compile("^(?:" + s + ")$")
				if err != nil {
					return fmt.Errorf("%s %q: %w", annChars, s, err)
				}
				into[s] = re
				continue
			}
			if err := collectChars(x, into); err != nil {
				return err
			}
		}
	case []any:
		for _, x := range v {
			if err := collectChars(x, into); err != nil {
				return err
			}
		}
	}
	return nil
}

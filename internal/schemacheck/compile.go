package schemacheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"regexp"
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

// library is a schema file compiled by the validator library.
type library struct {
	defs  map[string]*jsonschema.Schema // by $defs name
	chars map[string]*regexp.Regexp     // x-rbaclint-chars values, compiled
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

// compileLibrary compiles every $defs entry of one schema file with the
// validator library.
func compileLibrary(url string, data []byte, raw any, rawDefs map[string]any) (*library, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = refuseLoad
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	if _, err := c.Compile(url); err != nil {
		return nil, err
	}
	lib := &library{defs: make(map[string]*jsonschema.Schema, len(rawDefs)), chars: map[string]*regexp.Regexp{}}
	for name := range rawDefs {
		s, err := c.Compile(url + "#/$defs/" + rules.EscapeToken(name))
		if err != nil {
			return nil, err
		}
		lib.defs[name] = s
	}
	if err := collectChars(raw, lib.chars); err != nil {
		return nil, fmt.Errorf("schema %s: %w", url, err)
	}
	return lib, nil
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

package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/schemas"
)

// SchemaFile is the configuration schema's name in the schemas package; the
// same file is what editors use for completion (see README).
const SchemaFile = "rbaclint-config.schema.json"

var (
	compileOnce sync.Once
	compiled    *jsonschema.Schema
	rawSchema   any // the schema's own JSON, read to word violations
	compileErr  error
)

func configSchema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		b, err := fs.ReadFile(schemas.FS, SchemaFile)
		if err != nil {
			compileErr = err
			return
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if compileErr = dec.Decode(&rawSchema); compileErr != nil {
			return
		}
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.LoadURL = func(u string) (io.ReadCloser, error) {
			return nil, fmt.Errorf("refusing to load %s: rbaclint never reads schemas from disk or network", u)
		}
		if err := c.AddResource(SchemaFile, strings.NewReader(string(b))); err != nil {
			compileErr = err
			return
		}
		compiled, compileErr = c.Compile(SchemaFile)
	})
	return compiled, compileErr
}

type violation struct {
	pointer string
	message string
}

// validate checks the configuration's data model against the schema and
// words each violation for a person editing the file.
func validate(root any) []violation {
	sch, err := configSchema()
	if err != nil {
		return []violation{{"", "internal error: configuration schema: " + err.Error()}}
	}
	err = sch.Validate(root)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []violation
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		out = append(out, word(root, e))
	}
	walk(ve)
	sort.Slice(out, func(i, j int) bool {
		if out[i].pointer != out[j].pointer {
			return out[i].pointer < out[j].pointer
		}
		return out[i].message < out[j].message
	})
	return out
}

// dotted names a place in the file as its keys joined by dots, unescaped
// ("rules.webex/privilege-escalation", not the pointer's
// "rules.webex~1privilege-escalation").
func dotted(ptr string) string {
	tokens, ok := rules.SplitPointer(ptr)
	if !ok || len(tokens) == 0 {
		return "configuration"
	}
	return strings.Join(tokens, ".")
}

// word says what a violation means from where it is: the keyword that
// failed (the last token of its keyword location), the schema object that
// holds it and the value at its instance location. The library's message
// text is shown only for keywords that need no more than it says.
func word(root any, e *jsonschema.ValidationError) violation {
	ptr := e.InstanceLocation
	where := dotted(ptr)
	node, kw := keywordParent(e.AbsoluteKeywordLocation)
	obj, _ := lookup(root, ptr).(map[string]any)
	switch kw {
	case "additionalProperties":
		if key := firstUnknownKey(node, obj); key != "" {
			return violation{rules.PointerJoin(ptr, key), fmt.Sprintf("%s: unknown key %q", where, key)}
		}
	case "required":
		var names []string
		for _, k := range stringList(node["required"]) {
			if _, ok := obj[k]; !ok {
				names = append(names, fmt.Sprintf("%q", k))
			}
		}
		if len(names) > 0 {
			return violation{ptr, fmt.Sprintf("%s: missing required key %s", where, strings.Join(names, ", "))}
		}
	case "const":
		if ptr == "/version" {
			return violation{ptr, "version: only version 1 is supported"}
		}
	}
	return violation{ptr, fmt.Sprintf("%s: %s", where, e.Message)}
}

// keywordParent resolves an absolute keyword location
// ("rbaclint-config.schema.json#/$defs/ignore/required") in the schema's
// JSON: the object holding the keyword, and the keyword.
func keywordParent(loc string) (map[string]any, string) {
	_, frag, _ := strings.Cut(loc, "#")
	toks, ok := rules.SplitPointer(frag)
	if !ok || len(toks) == 0 {
		return nil, ""
	}
	node, _ := lookup(rawSchema, rules.PointerJoin("", toksAny(toks[:len(toks)-1])...)).(map[string]any)
	return node, toks[len(toks)-1]
}

// firstUnknownKey returns, in sorted order, the first key of obj that the
// schema object neither names in properties nor matches in
// patternProperties.
func firstUnknownKey(node, obj map[string]any) string {
	props, _ := node["properties"].(map[string]any)
	patterns, _ := node["patternProperties"].(map[string]any)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
next:
	for _, k := range keys {
		if _, ok := props[k]; ok {
			continue
		}
		for p := range patterns {
			if re, err := regexp.Compile(p); err == nil && re.MatchString(k) {
				continue next
			}
		}
		return k
	}
	return ""
}

func lookup(root any, ptr string) any {
	toks, ok := rules.SplitPointer(ptr)
	if !ok {
		return nil
	}
	v, _ := rules.Lookup(root, toks)
	return v
}

func toksAny(toks []string) []any {
	out := make([]any, len(toks))
	for i, t := range toks {
		out[i] = t
	}
	return out
}

func stringList(v any) []string {
	var out []string
	arr, _ := v.([]any)
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

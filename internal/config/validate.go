package config

import (
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
	compileErr  error
)

func configSchema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		b, err := fs.ReadFile(schemas.FS, SchemaFile)
		if err != nil {
			compileErr = err
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

var (
	reAdditional = regexp.MustCompile(`additionalProperties (.+) not allowed`)
	reMissing    = regexp.MustCompile(`missing properties?: (.+)`)
	reQuoted     = regexp.MustCompile(`'([^']*)'`)
)

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
		out = append(out, word(e))
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

func word(e *jsonschema.ValidationError) violation {
	ptr := e.InstanceLocation
	where := dotted(ptr)
	msg := e.Message
	switch {
	case reAdditional.MatchString(msg):
		keys := reQuoted.FindAllStringSubmatch(msg, -1)
		if len(keys) > 0 {
			key := keys[0][1]
			return violation{ptr + "/" + key, fmt.Sprintf("%s: unknown key %q", where, key)}
		}
	case reMissing.MatchString(msg):
		var names []string
		for _, k := range reQuoted.FindAllStringSubmatch(msg, -1) {
			names = append(names, fmt.Sprintf("%q", k[1]))
		}
		return violation{ptr, fmt.Sprintf("%s: missing required key %s", where, strings.Join(names, ", "))}
	case strings.HasSuffix(e.KeywordLocation, "/const") && strings.HasSuffix(ptr, "/version"):
		return violation{ptr, "version: only version 1 is supported"}
	}
	return violation{ptr, fmt.Sprintf("%s: %s", where, msg)}
}

package config

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// optionSections returns the configuration schema's sections that the packs'
// declared options make: each top-level vendor section ("tenant", "pcce",
// ...) and "catalog", keyed by name. The schema file holds them as generated
// (TestSchemaSectionsAreGenerated; go test ./internal/config -update writes
// them), so a declaration is the one place an option is described.
func optionSections(opts []*rules.Option) (map[string]any, error) {
	sections := map[string]any{}
	for _, o := range opts {
		v, err := optionSchema(o)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", o.Key, err)
		}
		parts := strings.Split(o.Key, ".")
		node := sections
		for _, p := range parts[:len(parts)-1] {
			sec, ok := node[p].(map[string]any)
			if !ok {
				sec = map[string]any{"type": []string{"object", "null"}, "additionalProperties": false, "properties": map[string]any{}}
				node[p] = sec
			}
			node = sec["properties"].(map[string]any)
		}
		node[parts[len(parts)-1]] = v
	}
	return sections, nil
}

// optionSchema is the JSON Schema of one option's value.
func optionSchema(o *rules.Option) (map[string]any, error) {
	v := map[string]any{}
	if o.Schema != "" {
		if err := json.Unmarshal([]byte(o.Schema), &v); err != nil {
			return nil, fmt.Errorf("its Schema: %v", err)
		}
	} else {
		switch o.Type {
		case rules.OptionString:
			// An enum says the type too, and its message ("must be one
			// of ...") is the more useful one for a wrong value.
			if o.Enum == nil {
				v["type"] = "string"
			}
		case rules.OptionNames:
			v["$ref"] = "#/$defs/names"
		default:
			return nil, fmt.Errorf("a %s option declares its Schema", o.Type)
		}
	}
	if o.Enum != nil {
		v["enum"] = o.Enum
	}
	if o.Default != "" {
		v["default"] = o.Default
	}
	if o.Doc != "" {
		v["description"] = o.Doc
	}
	return v, nil
}

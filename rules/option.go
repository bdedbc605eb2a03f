package rules

import "strings"

// Option is one setting of .rbaclint.yaml that a pack declares (in its
// Options list, which rules/registry collects) and reads through
// Options.String, Names or Records. Values are keyed by the declaration, so a
// pack reads only the options it holds.
type Option struct {
	Key     string     // dotted path in .rbaclint.yaml: "tenant.region", "catalog.pcce.features"
	Type    OptionType // what the value is
	Enum    []string   // OptionString: the accepted values; nil: any
	Default string     // OptionString: the value when unset or blank
	Doc     string     // one line: what it changes
	Example string     // the value rbaclint init shows (YAML; lines of a list for records)
	// Schema is the JSON Schema of the value where its type does not say
	// it all (a records option's objects, a string's constraints); the
	// configuration schema's entry is generated from the declaration.
	Schema string
}

// OptionType is the type of an option's value.
type OptionType string

// Option types.
const (
	OptionString  OptionType = "string"  // one string
	OptionNames   OptionType = "names"   // a list of names
	OptionRecords OptionType = "records" // a list of objects, which the pack reads itself
)

// Set records an option's value, as the configuration's data model holds it
// (string, []any); the configuration loader and tests call it.
func (o *Options) Set(opt *Option, v any) {
	if o.values == nil {
		o.values = map[*Option]any{}
	}
	o.values[opt] = v
}

func (o *Options) value(opt *Option) any {
	if o == nil {
		return nil
	}
	return o.values[opt]
}

// String returns a string option's value, or its default when it is unset
// or blank.
func (o *Options) String(opt *Option) string {
	if s, _ := o.value(opt).(string); strings.TrimSpace(s) != "" {
		return s
	}
	return opt.Default
}

// Names returns a list option's strings (entries that are not strings are
// left out: the configuration schema rejects them).
func (o *Options) Names(opt *Option) []string {
	switch v := o.value(opt).(type) {
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Records returns a records option's objects.
func (o *Options) Records(opt *Option) []map[string]any {
	switch v := o.value(opt).(type) {
	case []map[string]any:
		return v
	case []any:
		var out []map[string]any
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// NewOptions returns options holding the given values, as Set would.
func NewOptions(values map[*Option]any) *Options { return &Options{values: values} }

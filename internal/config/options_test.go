package config

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules/registry"
)

// The configuration schema and the starter describe exactly the options the
// packs declare: each declared key is a property at its path with the
// declared values, each vendor or catalog property is a declared key, and
// the starter shows each one.
func TestSchemaHasTheDeclaredOptions(t *testing.T) {
	var root map[string]any
	readSchema(t, &root)
	props := func(v any) map[string]any {
		m, _ := v.(map[string]any)
		p, _ := m["properties"].(map[string]any)
		return p
	}
	declared := map[string]bool{}
	seen := map[string]bool{}
	for _, opt := range registry.Options() {
		if seen[opt.Key] {
			t.Errorf("%s declared twice", opt.Key)
		}
		seen[opt.Key] = true
		declared[opt.Key] = true
		var node any = root
		for _, k := range strings.Split(opt.Key, ".") {
			node = props(node)[k]
		}
		if node == nil {
			t.Errorf("%s: not in %s", opt.Key, SchemaFile)
			continue
		}
		if opt.Enum != nil {
			var enum []string
			for _, e := range node.(map[string]any)["enum"].([]any) {
				enum = append(enum, e.(string))
			}
			if !reflect.DeepEqual(enum, opt.Enum) {
				t.Errorf("%s: schema enum %v, declared %v", opt.Key, enum, opt.Enum)
			}
		}
		last := opt.Key[strings.LastIndexByte(opt.Key, '.')+1:]
		if !regexp.MustCompile(`#\s+` + last + `:`).MatchString(Starter) {
			t.Errorf("%s: rbaclint init does not show it", opt.Key)
		}
	}
	// Every leaf under catalog: and under a vendor section is declared.
	core := map[string]bool{"version": true, "rules": true, "overrides": true, "ignore": true, "kinds": true, "exclude": true, "limits": true, "access": true, "catalog": true}
	check := func(prefix string, section any) {
		for k := range props(section) {
			if !declared[prefix+k] {
				t.Errorf("%s%s: in the schema, but no pack declares it", prefix, k)
			}
		}
	}
	for name, sec := range props(root) {
		if !core[name] {
			check(name+".", sec)
		}
	}
	for vendor, sec := range props(props(root)["catalog"]) {
		check("catalog."+vendor+".", sec)
	}
}

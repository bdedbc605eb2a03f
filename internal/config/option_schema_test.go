package config

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/internal/golden"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// TestSchemaSectionsAreGenerated holds the configuration schema's vendor and
// catalog sections to what optionSections makes of the packs' declarations;
// -update writes them into the file, leaving every other byte as it is.
func TestSchemaSectionsAreGenerated(t *testing.T) {
	path := filepath.Join("..", "..", "schemas", SchemaFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := optionSections(registry.Options())
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	sort.Strings(names)
	out := data
	for _, name := range names {
		start, end, indent, ok := memberValue(t, out, "/properties/"+name)
		if !ok {
			t.Fatalf("%s has no top-level property %q: add `%q: {}` where it belongs, then go test ./internal/config -update", SchemaFile, name, name)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent(indent, "  ")
		if err := enc.Encode(sections[name]); err != nil {
			t.Fatal(err)
		}
		out = append(append(append([]byte{}, out[:start]...), bytes.TrimRight(b.Bytes(), "\n")...), out[end:]...)
	}
	golden.Check(t, path, out)
}

// memberValue finds the value at pointer ptr (an object member) in data: its
// byte range and the indentation of the line its member starts on.
func memberValue(t *testing.T, data []byte, ptr string) (start, end int, indent string, ok bool) {
	t.Helper()
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.ReadToken(); err != nil {
			return 0, 0, "", false
		}
		kind, n := dec.StackIndex(dec.StackDepth())
		if kind != '{' || n%2 != 1 || string(dec.StackPointer()) != ptr {
			continue
		}
		nameEnd := int(dec.InputOffset())
		v, err := dec.ReadValue()
		if err != nil {
			t.Fatal(err)
		}
		end = int(dec.InputOffset())
		line := data[bytes.LastIndexByte(data[:nameEnd], '\n')+1:]
		return end - len(v), end, strings.Repeat(" ", len(line)-len(bytes.TrimLeft(line, " "))), true
	}
}

package source

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rbaclint/rbaclint/internal/tree"
	yaml "go.yaml.in/yaml/v3"
)

// TestYAMLDotenvTreeMatchesDecode holds the tree the YAML and dotenv
// loaders write to an independent decode of every such file under
// examples/ and testdata/: yaml.v3 into any for YAML, a line split for the
// simple .env files. Both sides are normalised to the map model's form
// (numbers as their float value, integers exactly).
func TestYAMLDotenvTreeMatchesDecode(t *testing.T) {
	compared := 0
	for _, dir := range []string{"../../examples", "../../testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			format := sniff(path, nil)
			ext := strings.ToLower(filepath.Ext(path))
			isYAML := ext == ".yaml" || ext == ".yml"
			if !isYAML && !isDotenvName(path) {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			doc, _ := Load(path, data, Options{})
			if doc == nil || sniff(path, data) != format {
				return nil // not loaded (syntax), or JSON/XML text under a YAML name
			}
			var want any
			var ok bool
			if isYAML {
				want, ok = decodeYAMLAny(data)
			} else {
				want, ok = decodeSimpleDotenv(data)
			}
			if !ok {
				t.Logf("%s: no independent decode", path)
				return nil
			}
			if got := normalise(byGet(doc.Data)); !reflect.DeepEqual(got, normalise(want)) {
				t.Errorf("%s: tree\n%v\nwant\n%v", path, got, normalise(want))
			}
			compared++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if compared < 20 {
		t.Fatalf("only %d files compared", compared)
	}
}

// byGet reads v into the map model through Get, which must find a
// repeated key's last value (the earlier ones shadowed).
func byGet(v tree.Value) any {
	switch v.Kind() {
	case tree.Object:
		m := map[string]any{}
		for k := range v.Members() {
			m[k] = byGet(v.Get(k))
		}
		return m
	case tree.Array:
		a := []any{}
		for _, e := range v.Elems() {
			a = append(a, byGet(e))
		}
		return a
	}
	return v.Any()
}

// decodeYAMLAny decodes the first document with yaml.v3's own decoder
// into any. yaml.v3 refuses duplicate keys there; such a document is
// decoded from its nodes instead, the last value winning.
func decodeYAMLAny(data []byte) (any, bool) {
	var n yaml.Node
	if err := yaml.NewDecoder(strings.NewReader(string(data))).Decode(&n); errors.Is(err, io.EOF) {
		return nil, true
	} else if err != nil {
		return nil, false
	}
	var v any
	if err := n.Decode(&v); err == nil {
		return v, true
	}
	return lastWins(&n)
}

// lastWins decodes a node whose mappings repeat keys, each scalar by
// yaml.v3; documents with aliases or merge keys are not decoded here.
func lastWins(n *yaml.Node) (any, bool) {
	switch n.Kind {
	case yaml.DocumentNode:
		return lastWins(n.Content[0])
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				return nil, false
			}
			v, ok := lastWins(n.Content[i+1])
			if !ok {
				return nil, false
			}
			m[k.Value] = v
		}
		return m, true
	case yaml.SequenceNode:
		var a []any
		for _, c := range n.Content {
			v, ok := lastWins(c)
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
		return a, true
	case yaml.ScalarNode:
		var v any
		return v, n.Decode(&v) == nil
	}
	return nil, false
}

// decodeSimpleDotenv splits NAME=value lines; a file with escapes, a
// multi-line value is not simple.
func decodeSimpleDotenv(data []byte) (any, bool) {
	m := map[string]any{}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, found := strings.Cut(line, "=")
		if !found || strings.Contains(v, "\\") {
			return nil, false
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		} else if strings.ContainsAny(v, "\"'") {
			return nil, false
		}
		m[k] = v // the last value wins
	}
	return m, true
}

// normalise maps both decodes to one form: string keys, numbers as
// "n:" and their value, time.Time as the text yaml.v3 read.
func normalise(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalise(e)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			ks := fmt.Sprint(k)
			if _, str := k.(string); !str {
				b, _ := json.Marshal(normalise(k))
				ks = string(b)
			}
			out[ks] = normalise(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return "n:" + strconv.FormatInt(i, 10)
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return "n:" + strconv.FormatFloat(f, 'g', -1, 64)
	case int:
		return "n:" + strconv.Itoa(x)
	case uint64:
		return "n:" + strconv.FormatUint(x, 10)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return x // the loader keeps .inf and .nan as text: a mismatch
		}
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return "n:" + strconv.FormatInt(int64(x), 10)
		}
		return "n:" + strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	}
	return v
}

package source

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

var dotenvFuzzSeeds = []string{
	"# Finesse client\nexport FINESSE_URL=https://uccx1.example.com:8445  # base\n\nFINESSE_USER = 'agent 7'\n",
	"FINESSE_PASSWORD=\"a\\\"b\\nc\"\nNOTE=\"two\nlines\"\nEMPTY=\nREF=${SECRET}\r\nFINESSE_USER=again\nFINESSE_USER=x\n",
	"\xEF\xBB\xBFA=1", "A='never closed", "=x", "1A=x", "A x", "A=b c d", "A=\"q\" tail", "\xff\xfe", "A=\x00",
	"export\tB.c-d=\"\\$HOME \\q\"", "",
}

// FuzzLoadDotenv: the dotenv loader never panics; a file it rejects gets
// one syntax finding inside the file; every key it loads resolves to its
// own text, a bare value to its own text; and the model, written back as
// double-quoted settings, loads to the same model.
func FuzzLoadDotenv(f *testing.F) {
	addSeeds(f, dotenvFuzzSeeds, ".env")
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, fs := fuzzLoad(t, loadDotenv, "f.env", data, Options{MaxDepth: 64})
		if doc == nil {
			if len(fs) != 1 || (fs[0].RuleID != rules.IDSyntax && fs[0].RuleID != "limit-exceeded") {
				t.Fatalf("rejected with %d findings, want one syntax finding: %+v", len(fs), fs)
			}
			return
		}
		for _, f := range fs {
			if f.RuleID != rules.IDDuplicateKey {
				t.Fatalf("a loaded file has a %s finding: %+v", f.RuleID, f)
			}
		}
		root, ok := doc.Data.Any().(map[string]any)
		if !ok {
			t.Fatalf("root is %T, want an object", doc.Data.Any())
		}
		keys := make([]string, 0, len(root))
		ptrs := make([]string, 0, len(root))
		for k := range root {
			keys = append(keys, k)
			ptrs = append(ptrs, rules.PointerJoin("", k))
		}
		sort.Strings(keys)
		places := doc.Source.Resolve(ptrs)
		for _, k := range keys {
			v, ok := root[k].(string)
			if !ok {
				t.Fatalf("%q holds %T, want a string", k, root[k])
			}
			pl, ok := places[rules.PointerJoin("", k)]
			if !ok || !spanWithin(pl.Key, len(data)) || !spanWithin(pl.Value, len(data)) {
				t.Fatalf("%q does not resolve inside the file: %+v", k, pl)
			}
			if got := string(data[pl.Key.Start.Offset:pl.Key.End.Offset]); got != k {
				t.Fatalf("key %q resolves to the text %q", k, got)
			}
			text := string(data[pl.Value.Start.Offset:pl.Value.End.Offset])
			if text == "" || (text[0] != '"' && text[0] != '\'') {
				if text != v {
					t.Fatalf("%q: bare value %q resolves to the text %q", k, v, text)
				}
			}
		}
		// Written back, double-quoted with \\ and \" escaped, the settings
		// load to the same model.
		var b strings.Builder
		for _, k := range keys {
			v := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(root[k].(string))
			b.WriteString(k + "=\"" + v + "\"\n")
		}
		again, fs2 := loadDotenv("g.env", []byte(b.String()), Options{MaxDepth: 64})
		if again == nil || len(fs2) != 0 {
			t.Fatalf("the model written back %q does not load cleanly: %+v", b.String(), fs2)
		}
		if !reflect.DeepEqual(again.Data.Any(), doc.Data.Any()) {
			t.Fatalf("written back and loaded: %v, want %v", again.Data.Any(), doc.Data.Any())
		}
	})
}

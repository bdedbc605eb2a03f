package escape

import (
	"encoding/json"
	"testing"
)

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            "plain",
		"a\r\nb\nc\rd\te":  "a b c d e",
		"osc\x1b]0;t\x07":  `osc\x1b]0;t\x07`,
		"c1\u009b":         `c1\x9b`,
		"bad\xffbyte":      `bad\xffbyte`,
		"bidi\u202e\u2066": `bidi\u202e\u2066`,
		"zw\u200b\ufeff":   `zw\u200b\ufeff`,
		"sep\u2028\u2029":  `sep\u2028\u2029`,
		"tag\U000e0041":    `tag\U000e0041`,
		"rôle ünïcode 日本":  "rôle ünïcode 日本",
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Text("a\nb\tc\rd"); got != "a\nb\tc\\x0dd" {
		t.Errorf("Text kept or escaped the wrong characters: %q", got)
	}
}

func TestCommands(t *testing.T) {
	for in, want := range map[string]string{
		"::warning::x":            `\x3a:warning::x`,
		"  ::error::x":            `  \x3a:error::x`,
		"\u00a0\u3000::notice::x": "\u00a0\u3000\\x3a:notice::x",
		"a ::b":                   "a ::b",
		"k ##[set-output x;]y":    `k ##\x5bset-output x;]y`,
	} {
		if got := Commands(in); got != want {
			t.Errorf("Commands(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJSON: the rewritten document decodes to the same value.
func TestJSON(t *testing.T) {
	in := []byte("{\"k\u202e\":\"##[x \u2028 \U000e0041 \u0085 ok\"}")
	out := JSON(in)
	if want := `{"k\u202e":"##\u005bx \u2028 \udb40\udc41 \u0085 ok"}`; string(out) != want {
		t.Fatalf("JSON = %s, want %s", out, want)
	}
	var a, b any
	if err := json.Unmarshal(in, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	if a.(map[string]any)["k\u202e"] != b.(map[string]any)["k\u202e"] {
		t.Errorf("decoded values differ: %v vs %v", a, b)
	}
}

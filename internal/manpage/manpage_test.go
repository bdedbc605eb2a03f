package manpage

import "testing"

func TestTextEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"--format FILE":   `\-\-format FILE`,
		`a\b`:             `a\eb`,
		".rbaclint.yaml":  `\&.rbaclint.yaml`,
		"'quoted'":        `\&'quoted'`,
		"a → b":           `a \[u2192] b`,
		"https://x.io/a":  `https:/\:/\:x.io/\:a`,
		"in the middle .": "in the middle .",
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := quote(`say "hi"`); got != `"say \(dqhi\(dq"` {
		t.Errorf("quote = %s", got)
	}
}

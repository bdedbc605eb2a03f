package source

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func TestLoadDotenv(t *testing.T) {
	src := "# Finesse client\n" +
		"export FINESSE_URL=https://uccx1.example.com:8445  # base\n" +
		"\n" +
		"FINESSE_USER = 'agent 7'\n" +
		"FINESSE_PASSWORD=\"a\\\"b\\nc\"\n" +
		"NOTE=\"two\nlines\"\n" +
		"EMPTY=\n" +
		"REF=${SECRET}\r\n" +
		"FINESSE_USER=again\n"
	doc, findings := Load("conf/.env", []byte(src), Options{})
	if doc == nil {
		t.Fatalf("no document: %+v", findings)
	}
	if doc.Format != rules.FormatDotenv {
		t.Errorf("format %q", doc.Format)
	}
	want := map[string]string{
		"FINESSE_URL": "https://uccx1.example.com:8445", "FINESSE_USER": "again", "FINESSE_PASSWORD": "a\"b\nc",
		"NOTE": "two\nlines", "EMPTY": "", "REF": "${SECRET}",
	}
	root, _ := doc.Data.Any().(map[string]any)
	if len(root) != len(want) {
		t.Errorf("root %v, want %v", root, want)
	}
	for k, v := range want {
		if root[k] != v {
			t.Errorf("%s = %q, want %q", k, root[k], v)
		}
	}
	if len(findings) != 1 || findings[0].RuleID != rules.IDDuplicateKey || findings[0].Span.Start.Line != 10 ||
		len(findings[0].Related) != 1 || findings[0].Related[0].Span.Start.Line != 4 {
		t.Errorf("findings: %+v, want one duplicate-key at line 10 related to line 4", findings)
	}
	places := doc.Source.Resolve([]string{"/FINESSE_URL", "/FINESSE_PASSWORD", "/NOTE"})
	check := func(ptr string, keyLine, keyCol, valLine, valCol int) {
		t.Helper()
		pl, ok := places[ptr]
		if !ok {
			t.Fatalf("%s not resolved", ptr)
		}
		if pl.Key.Start.Line != keyLine || pl.Key.Start.Column != keyCol || pl.Value.Start.Line != valLine || pl.Value.Start.Column != valCol {
			t.Errorf("%s: key %d:%d value %d:%d, want %d:%d %d:%d", ptr, pl.Key.Start.Line, pl.Key.Start.Column,
				pl.Value.Start.Line, pl.Value.Start.Column, keyLine, keyCol, valLine, valCol)
		}
	}
	check("/FINESSE_URL", 2, 8, 2, 20)
	check("/FINESSE_PASSWORD", 5, 1, 5, 18)
	check("/NOTE", 6, 1, 6, 6)
}

func TestLoadDotenvErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		message   string
	}{
		{"A=1\nB x\n", 2, 3, `expected '=' after "B"`},
		{"=1\n", 1, 1, "expected a setting NAME=value"},
		{"1A=1\n", 1, 1, "expected a setting NAME=value"},
		{"A=\"open\nB=2\n", 1, 3, "the quote \" opened here is never closed"},
		{"A='x' y\n", 1, 7, `unexpected text after the value of "A"`},
		{"A=\x01\n", 1, 3, "control character U+0001 is not allowed in a .env file"},
		{"A=\xff\n", 1, 3, "invalid UTF-8"},
	} {
		doc, findings := Load("x.env", []byte(c.src), Options{})
		if doc != nil || len(findings) != 1 {
			t.Errorf("%q: doc %v, findings %+v; want one syntax finding", c.src, doc != nil, findings)
			continue
		}
		f := findings[0]
		if f.RuleID != rules.IDSyntax || f.Span.Start.Line != c.line || f.Span.Start.Column != c.col || !strings.Contains(f.Message, c.message) {
			t.Errorf("%q: %s %d:%d %q, want syntax %d:%d %q", c.src, f.RuleID, f.Span.Start.Line, f.Span.Start.Column, f.Message, c.line, c.col, c.message)
		}
	}
}

func TestDotenvNames(t *testing.T) {
	for name, want := range map[string]bool{
		".env": true, "deploy/.env.production": true, "finesse.env": true, `C:\x\.ENV`: true,
		"env": false, "env.json": false, ".envrc": false, "settings.yaml": false,
	} {
		if got := isDotenvName(name); got != want {
			t.Errorf("isDotenvName(%q) = %v, want %v", name, got, want)
		}
	}
}

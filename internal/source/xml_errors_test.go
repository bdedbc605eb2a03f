package source

import (
	"strings"
	"testing"
	"time"

	"github.com/rbaclint/rbaclint/rules"
)

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<role><name>&lol9;</name></role>`

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE role [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<role><name>&xxe;</name></role>`

const doctypeMessage = "DOCTYPE declarations are not allowed: entities are never expanded (remove the DOCTYPE)"

func TestXMLRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, in  string
		opts      Options
		line, col int
		rule      string
		msg       string // the whole message, or its start when it ends in "…"
	}{
		{"billion laughs", billionLaughs, Options{}, 2, 1, rules.IDSyntax, doctypeMessage},
		{"external entity", externalEntity, Options{}, 2, 1, rules.IDSyntax, doctypeMessage},
		{"unclosed doctype", "<!DOCTYPE role [ <!ENTITY a 'b'>", Options{}, 1, 1, rules.IDSyntax, doctypeMessage},
		{"entity outside doctype", "<!ENTITY a 'b'><role/>", Options{}, 1, 1, rules.IDSyntax,
			"the declaration <!ENTITY> is not allowed: entities are never expanded (remove it)"},
		{"undefined entity", "<role>\n  <name>a&foo;</name>\n</role>", Options{}, 2, 10, rules.IDSyntax,
			`an undefined entity: only &amp; &lt; &gt; &apos; &quot; and character references are defined, and entities are never expanded; a "&" in text must be written as &amp;`},
		{"bare ampersand", "<role><name>R & D</name></role>", Options{}, 1, 15, rules.IDSyntax,
			`"&" must be written as &amp; (or end the entity reference with ";")`},
		{"bad character reference", "<role>&#xFFFFFFFF;</role>", Options{}, 1, 7, rules.IDSyntax,
			"not a valid character reference"},
		{"truncated", "<role>\n  <name>R</name>\n  <desc", Options{}, 3, 8, rules.IDSyntax,
			"unexpected end of file inside a tag; the element opened at 1:1 is not closed"},
		{"unclosed root", "<role>\n  <name>R</name>\n", Options{}, 3, 1, rules.IDSyntax,
			"unexpected end of file; the element opened at 1:1 is not closed"},
		{"unclosed comment", "<role><!-- x", Options{}, 1, 13, rules.IDSyntax,
			"unexpected end of file inside a comment; the element opened at 1:1 is not closed"},
		{"mismatched tags", "<role>\n  <name>R</nam>\n</role>", Options{}, 2, 10, rules.IDSyntax,
			`this end tag does not match the start tag at 2:3; a "<" in text must be written as &lt;`},
		{"end tag without start", "<role/></name>", Options{}, 1, 8, rules.IDSyntax,
			"this end tag has no matching start tag"},
		{"second root", "<role>\n</role>\n<role/>", Options{}, 3, 1, rules.IDSyntax,
			"a second root element <role> after </role>; an XML file has exactly one root element"},
		{"text after root", "<role/>\n  trailing words\n", Options{}, 2, 3, rules.IDSyntax,
			"text after the root element </role>; an XML file holds one root element and nothing else"},
		{"text before root", "hello <role/>", Options{}, 1, 1, rules.IDSyntax,
			"text before the root element; an XML file holds one root element and nothing else"},
		{"empty", "", Options{}, 1, 1, rules.IDSyntax, "the file has no root element"},
		{"only a comment", "<!-- nothing -->\n", Options{}, 1, 1, rules.IDSyntax, "the file has no root element"},
		{"invalid UTF-8", "<role><name>caf\xe9</name></role>", Options{}, 1, 16, rules.IDSyntax,
			"invalid UTF-8 byte 0xE9; save the file as UTF-8 or declare its encoding (for example encoding=\"ISO-8859-1\")"},
		{"NUL byte", "<role>\n<name>a\x00b</name></role>", Options{}, 2, 8, rules.IDSyntax, "NUL byte (0x00) is not allowed in XML"},
		{"control character", "<role>\x01</role>", Options{}, 1, 7, rules.IDSyntax, "control character U+0001 is not allowed in XML"},
		{"UTF-16", "\xff\xfe<\x00r\x00", Options{}, 1, 1, rules.IDSyntax, "the file is encoded as UTF-16; save it as UTF-8"},
		{"unsupported encoding", `<?xml version="1.0" encoding="windows-1252"?><role/>`, Options{}, 1, 31, rules.IDSyntax,
			`encoding "windows-1252" is not supported; save the file as UTF-8 (or ISO-8859-1) and declare that encoding`},
		{"not ASCII", "<?xml version='1.0' encoding='US-ASCII'?>\n<role>\xc3\xa9</role>", Options{}, 2, 7, rules.IDSyntax,
			`byte 0xC3 is not US-ASCII, but the XML declaration says encoding="US-ASCII"; declare UTF-8 or ISO-8859-1`},
		{"XML 1.1", `<?xml version="1.1"?><role/>`, Options{}, 1, 16, rules.IDSyntax,
			`XML version "1.1" is not supported; use version "1.0"`},
		{"late declaration", "\n<?xml version=\"1.0\"?><role/>", Options{}, 2, 1, rules.IDSyntax,
			"the XML declaration <?xml ...?> must be at the very start of the file"},
		{"late declaration with encoding", "<role><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?></role>", Options{}, 1, 7, rules.IDSyntax,
			"the XML declaration <?xml ...?> must be at the very start of the file"},
		{"unquoted attribute", "<role id=7/>", Options{}, 1, 10, rules.IDSyntax, "attribute values must be in quotes"},
		{"lt in attribute", `<role id="<"/>`, Options{}, 1, 11, rules.IDSyntax, `"<" inside an attribute value must be written as &lt;`},
		{"lone lt", "<role>a < b</role>", Options{}, 1, 9, rules.IDSyntax, `"<" must start a tag; write a literal "<" as &lt;`},
		{"too deep", "<role>\n<a><a><a></a></a></a></role>", Options{MaxDepth: 3}, 2, 7, rules.IDLimit,
			"elements are nested more than 3 levels deep; the file is not read further (raise limits.maxDepth in .rbaclint.yaml or --max-depth if this is a real export)"},
		{"too deep by default", strings.Repeat("<a>", 100000), Options{}, 1, 1 + 3*DefaultMaxDepth, rules.IDLimit,
			"elements are nested more than 512 levels deep; the file is not read further (raise limits.maxDepth in .rbaclint.yaml or --max-depth if this is a real export)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			begin := time.Now()
			doc, fs := loadXML("bad.xml", []byte(tc.in), tc.opts)
			if d := time.Since(begin); d > time.Second {
				t.Errorf("took %v", d)
			}
			if doc != nil {
				t.Errorf("got a document for bad input")
			}
			if len(fs) != 1 {
				t.Fatalf("findings %+v, want one", fs)
			}
			f := fs[0]
			if f.RuleID != tc.rule || f.Message != tc.msg || f.Path != "bad.xml" {
				t.Errorf("finding %s %q\nwant      %s %q", f.RuleID, f.Message, tc.rule, tc.msg)
			}
			if f.Span.Start.Line != tc.line || f.Span.Start.Column != tc.col {
				t.Errorf("at %d:%d, want %d:%d", f.Span.Start.Line, f.Span.Start.Column, tc.line, tc.col)
			}
			if f.Span.Start.Offset > f.Span.End.Offset || f.Span.End.Offset > len(tc.in) {
				t.Errorf("span %+v outside the input", f.Span)
			}
		})
	}
}

func TestXMLDuplicateElements(t *testing.T) {
	src := "<results>\n  <roles>\n    <role>\n      <name>First</name>\n      <description>d</description>\n      <name>Second</name>\n      <name>Third</name>\n    </role>\n  </roles>\n</results>"
	doc, fs := loadXML("dup.xml", []byte(src), Options{})
	if doc == nil {
		t.Fatal("no document")
	}
	if got, _ := xmlLookup(doc.Data.Any(), "/roles/0/name"); got != "Third" {
		t.Errorf("kept %v, want the last value", got)
	}
	want := []struct {
		line, col int
		msg       string
	}{
		{6, 7, "element <name> appears twice in <role> (first at line 4); PCCE keeps the last value"},
		{7, 7, "element <name> appears 3 times in <role> (first at line 4); PCCE keeps the last value"},
	}
	if len(fs) != len(want) {
		t.Fatalf("findings %+v", fs)
	}
	for i, w := range want {
		f := fs[i]
		if f.RuleID != rules.IDDuplicateKey || f.Message != w.msg || f.Pointer != "/roles/0/name" || f.Target != rules.TargetKey {
			t.Errorf("finding %d: %s %q %q %v", i, f.RuleID, f.Message, f.Pointer, f.Target)
		}
		if f.Span.Start.Line != w.line || f.Span.Start.Column != w.col || f.Span.End.Column != w.col+6 {
			t.Errorf("finding %d at %+v, want the start tag at %d:%d", i, f.Span, w.line, w.col)
		}
		if len(f.Related) != 1 || f.Related[0].Span.Start.Line != 4 || f.Related[0].Span.Start.Column != 7 || f.Related[0].Path != "dup.xml" {
			t.Errorf("finding %d related %+v, want the first <name> at 4:7", i, f.Related)
		}
	}

	// Containers repeat too; Finesse documents do not claim PCCE behaviour.
	_, fs = loadXML("dup.xml", []byte("<results><pageInfo/><roles/><pageInfo/></results>"), Options{})
	if len(fs) != 1 || fs[0].Pointer != "/pageInfo" || fs[0].Span.Start.Column != 29 {
		t.Errorf("duplicate pageInfo: %+v", fs)
	}
	_, fs = loadXML("dup.xml", []byte("<ReasonCode><code>1</code><code>2</code></ReasonCode>"), Options{})
	if len(fs) != 1 || fs[0].Message != "element <code> appears twice in <ReasonCode> (first at line 1); only the last value is kept" {
		t.Errorf("duplicate code: %+v", fs)
	}
}

func TestXMLLatin1(t *testing.T) {
	// "Café" in ISO-8859-1: é is one byte (0xE9), one column.
	src := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<role><description>Caf\xe9 \xe0 la carte</description><name>R</name></role>"
	doc := mustLoadXML(t, src, Options{})
	if got, _ := xmlLookup(doc.Data.Any(), "/description"); got != "Café à la carte" {
		t.Errorf("description %q", got)
	}
	pl := doc.Source.Resolve([]string{"/name"})["/name"]
	if pl.Key.Start.Line != 2 || pl.Key.Start.Column != 49 || pl.Value.Start.Column != 55 || pl.Value.End.Column != 56 {
		t.Errorf("/name at %+v", pl)
	}
	if want := strings.Index(src, "<name>"); pl.Key.Start.Offset != want {
		t.Errorf("offset %d, want the file's byte offset %d", pl.Key.Start.Offset, want)
	}
}

func TestXMLDeclaredEncodings(t *testing.T) {
	for _, enc := range []string{"UTF-8", "utf8", "US-ASCII", "latin1"} {
		doc := mustLoadXML(t, `<?xml version="1.0" encoding="`+enc+`"?>`+"\n<role><name>R</name></role>", Options{})
		if got, _ := xmlLookup(doc.Data.Any(), "/name"); got != "R" {
			t.Errorf("%s: name %v", enc, got)
		}
	}
}

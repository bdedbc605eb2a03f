package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// rejectDecl rejects <!DOCTYPE ...> and any other markup declaration, as a
// token, before its content means anything.
func (s *xmlScanner) rejectDecl(off0 int) *xmlProblem {
	rest := s.in.text[off0+2:]
	n := 0
	for n < len(rest) && n < 16 && ('A' <= rest[n] && rest[n] <= 'Z' || 'a' <= rest[n] && rest[n] <= 'z') {
		n++
	}
	word := string(rest[:n])
	switch {
	case word == "DOCTYPE":
		return s.problem(rules.IDSyntax, off0, off0+2+n,
			"DOCTYPE declarations are not allowed: entities are never expanded (remove the DOCTYPE)")
	case n > 0 && n < 16:
		return s.problem(rules.IDSyntax, off0, off0+2+n, fmt.Sprintf(
			"the declaration <!%s> is not allowed: entities are never expanded (remove it)", word))
	}
	return s.problem(rules.IDSyntax, off0, off0+2, "markup declarations (<!...>) are not allowed: entities are never expanded")
}

// decodeError turns an encoding/xml error into a finding in plain words at
// the place the tokenizer stopped. off0 is where the failing token began and
// off1 where the tokenizer stopped reading.
func (s *xmlScanner) decodeError(err error, off0, off1 int) *xmlProblem {
	text := s.in.text
	at := text[off0:]
	if bytes.HasPrefix(at, []byte("<!")) && !bytes.HasPrefix(at, []byte("<!--")) && !bytes.HasPrefix(at, []byte("<![")) {
		return s.rejectDecl(off0)
	}
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		if bytes.HasPrefix(at, []byte("<?xml")) {
			return s.problem(rules.IDSyntax, off0, off0+5, "the XML declaration <?xml ...?> must be at the very start of the file")
		}
		return s.problem(rules.IDSyntax, off0, off1, "the file could not be read as XML")
	}
	last := max(off0, off1-1) // the byte the tokenizer stopped on
	msg := se.Msg
	switch {
	case strings.HasPrefix(msg, "unexpected EOF"):
		return s.problem(rules.IDSyntax, len(text), len(text), s.eofMessage(at))
	case strings.HasPrefix(msg, "invalid character entity "):
		amp := off0 + bytes.LastIndexByte(text[off0:off1], '&')
		ent := strings.TrimSuffix(strings.TrimPrefix(msg, "invalid character entity "), " (no semicolon)")
		// The reference is never quoted: it is text of a value (a password
		// "&Jerry2026q;" is an undefined entity).
		switch {
		case strings.HasSuffix(msg, "(no semicolon)"):
			return s.problem(rules.IDSyntax, amp, amp+1, `"&" must be written as &amp; (or end the entity reference with ";")`)
		case strings.HasPrefix(ent, "&#"):
			return s.problem(rules.IDSyntax, amp, off1, "not a valid character reference")
		}
		return s.problem(rules.IDSyntax, amp, off1,
			`an undefined entity: only &amp; &lt; &gt; &apos; &quot; and character references are defined, and entities are never expanded; a "&" in text must be written as &amp;`)
	case msg == "unescaped < inside quoted string":
		return s.problem(rules.IDSyntax, last, off1, `"<" inside an attribute value must be written as &lt;`)
	case msg == "expected element name after <":
		return s.problem(rules.IDSyntax, off0, off1, `"<" must start a tag; write a literal "<" as &lt;`)
	case msg == "expected element name after </":
		return s.problem(rules.IDSyntax, off0, off1, `"</" must be followed by an element name`)
	case strings.HasPrefix(msg, "invalid characters between </"):
		return s.problem(rules.IDSyntax, last, off1, "unexpected characters in an end tag; expected \">\"")
	case msg == "expected target name after <?":
		return s.problem(rules.IDSyntax, off0, off1, `"<?" must be followed by a processing-instruction name`)
	case strings.HasPrefix(msg, "invalid sequence <!-"):
		return s.problem(rules.IDSyntax, off0, off1, `"<!-" does not start a comment; comments are written <!-- ... -->`)
	case strings.HasPrefix(msg, `invalid sequence "--"`):
		return s.problem(rules.IDSyntax, max(off0, off1-3), off1, `"--" is not allowed inside a comment`)
	case msg == "invalid <![ sequence":
		return s.problem(rules.IDSyntax, off0, off1, `"<![" must start a CDATA section: <![CDATA[ ... ]]>`)
	case msg == "expected /> in element":
		return s.problem(rules.IDSyntax, last, off1, `expected "/>" to end the tag`)
	case msg == "expected attribute name in element":
		return s.problem(rules.IDSyntax, last, off1, "expected an attribute name or the end of the tag")
	case msg == "attribute name without = in element":
		return s.problem(rules.IDSyntax, last, off1, `attribute without "=" and a value`)
	case msg == "unquoted or missing attribute value in element":
		return s.problem(rules.IDSyntax, last, off1, "attribute values must be in quotes")
	case msg == "unescaped ]]> not in CDATA section":
		return s.problem(rules.IDSyntax, max(off0, off1-3), off1, `"]]>" is not allowed in text; write it as ]]&gt;`)
	case strings.HasPrefix(msg, "invalid XML name: "):
		return s.problem(rules.IDSyntax, off0, off1, `not a valid XML name (a name starts with a letter or "_"); a "<" in text must be written as &lt;`)
	}
	// The remaining messages (invalid UTF-8, illegal characters) are caught
	// before tokenizing; this keeps any other one readable.
	return s.problem(rules.IDSyntax, last, off1, msg)
}

// eofMessage says what the file ended inside of.
func (s *xmlScanner) eofMessage(at []byte) string {
	msg := "unexpected end of file"
	switch {
	case bytes.HasPrefix(at, []byte("<!--")):
		msg += " inside a comment"
	case bytes.HasPrefix(at, []byte("<![CDATA[")):
		msg += " inside a CDATA section"
	case bytes.HasPrefix(at, []byte("<?")):
		msg += " inside a processing instruction"
	case bytes.HasPrefix(at, []byte("<")):
		msg += " inside a tag"
	}
	if len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		msg += "; the element opened at " + s.at(top) + " is not closed" // no name: it may be text of a value
	}
	return msg
}

package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/rbaclint/rbaclint/rules"
)

// The loader's own findings. Messages are written for the person who edits
// the file: plain words, a position, never a Go error string.

// syntax turns a decoder error into a finding at the byte where the parser
// stopped.
func (p *jsonParser) syntax(err error) *rules.Finding {
	if err == io.EOF {
		return p.finding(rules.IDSyntax, "", 0, 0, "the file is empty: it holds no JSON value")
	}
	var se *jsontext.SyntacticError
	if !errors.As(err, &se) {
		return p.finding(rules.IDSyntax, p.pointer(), p.offset(), p.offset(), "malformed JSON")
	}
	if errors.Is(se.Err, io.ErrUnexpectedEOF) {
		return p.unexpectedEOF()
	}
	off := p.base + int(se.ByteOffset)
	if strings.Contains(se.Err.Error(), "exceeded max depth") {
		return p.depthFinding(off)
	}
	n := len(p.stack)
	wantKey := n > 0 && p.stack[n-1].object && !p.stack[n-1].haveKey
	return p.finding(rules.IDSyntax, p.pointer(), off, charEnd(p.data, off), describeSyntax(se.Err, p.data, off, wantKey))
}

// describeSyntax rewrites the decoder's description of a grammar error;
// wantKey says an object member name was expected.
func describeSyntax(err error, data []byte, off int, wantKey bool) string {
	msg := strings.TrimPrefix(err.Error(), "jsontext: ")
	switch {
	case msg == "invalid UTF-8":
		if off < len(data) {
			return fmt.Sprintf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8", data[off])
		}
		return "invalid UTF-8: save the file as UTF-8"
	case strings.HasPrefix(msg, "invalid surrogate pair"):
		// Never echo the text: it may be part of a credential.
		return `invalid \u escape in string: a UTF-16 surrogate (\uD800-\uDFFF) must be half of a valid pair`
	case strings.HasPrefix(msg, "invalid escape sequence"):
		return `invalid escape sequence in string: use \", \\, \/, \b, \f, \n, \r, \t or \uXXXX`
	case msg == "object member name must be a string":
		return "object keys must be strings in double quotes"
	case strings.HasPrefix(msg, "invalid character "):
		quoted, err := strconv.QuotedPrefix(msg[len("invalid character "):])
		if err != nil {
			return msg
		}
		where := msg[len("invalid character ")+len(quoted):]
		ch := describeChar(data, off)
		what := "unexpected " + ch
		if strings.HasPrefix(ch, "'") {
			what = "invalid character " + ch
		}
		if wantKey && strings.HasPrefix(where, " at start of value") && (off >= len(data) || data[off] != ',') {
			return what + " where a key was expected: object keys must be strings in double quotes"
		}
		if strings.HasPrefix(where, " in string") {
			return ch + " inside a string: control characters must be escaped (e.g. \\n, \\t, \\u0000)"
		}
		if off < len(data) && data[off] == ',' && strings.HasPrefix(where, " at start of value") {
			if next := skipJSONSpace(data, off+1); next < len(data) && (data[next] == '}' || data[next] == ']') {
				return "comma before a closing bracket: remove the trailing ','"
			}
		}
		return what + where
	}
	return msg
}

// describeChar names the character at off: quoted when printable, by code
// point otherwise (a NUL or a control character would be invisible).
func describeChar(data []byte, off int) string {
	if off >= len(data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(data[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02X", data[off])
	}
	switch {
	case r == 0:
		return "NUL byte (U+0000)"
	case r < 0x20 || r == 0x7F:
		return fmt.Sprintf("control character U+%04X", r)
	}
	return strconv.QuoteRune(r)
}

// unexpectedEOF names what the truncation left open.
func (p *jsonParser) unexpectedEOF() *rules.Finding {
	end := len(bytes.TrimRight(p.data, " \t\r\n")) // just after the last text
	li := p.index()
	next := p.offset()
	for next < len(p.data) && strings.IndexByte(" \t\r\n:,", p.data[next]) >= 0 {
		next++
	}
	if next < len(p.data) && p.data[next] == '"' {
		pos := li.position(next)
		return p.finding(rules.IDSyntax, p.pointer(), end, end,
			fmt.Sprintf("unexpected end of file: the string starting at %d:%d is not closed", pos.Line, pos.Column))
	}
	if n := len(p.stack); n > 0 {
		top := p.stack[n-1]
		what := "array"
		if top.object {
			what = "object"
		}
		pos := li.position(top.start)
		return p.finding(rules.IDSyntax, p.pointer(), end, end,
			fmt.Sprintf("unexpected end of file: the %s opened at %d:%d is not closed", what, pos.Line, pos.Column))
	}
	return p.finding(rules.IDSyntax, "", end, end, "unexpected end of file: the JSON value is incomplete")
}

// trailing reports text after the top-level value.
func (p *jsonParser) trailing() *rules.Finding {
	off := skipJSONSpace(p.data, p.offset())
	if off >= len(p.data) {
		return nil
	}
	return p.finding(rules.IDSyntax, "", off, charEnd(p.data, off),
		"text after the end of the JSON value: a file holds exactly one JSON value")
}

func (p *jsonParser) depthFinding(off int) *rules.Finding {
	return p.finding(rules.IDLimit, p.pointer(), off, off+1, fmt.Sprintf(
		"nesting deeper than %d levels; raise limits.maxDepth in .rbaclint.yaml (or --max-depth) if this is a real export", p.maxDepth))
}

// jsonDup is a duplicate key met while parsing, with the offsets of both
// occurrences of the key.
type jsonDup struct {
	pointer, key  string
	firstOff, off int
	// removeTo is where the member after the first occurrence starts when
	// both values are the same: removing [firstOff, removeTo) then changes
	// nothing in the data and is the fix. 0 when the values differ.
	removeTo int
	// earlier is the first occurrence's value when it may be a credential
	// (mayHoldSecret): the data model keeps the last one only.
	earlier    string
	hasEarlier bool
	capped     bool // no finding: past the per-file cap, or a third occurrence
	prevOff    int  // the key of the value replaced
}

// duplicate notes member m, whose key is already among earlier members:
// first is the first of them, after the member that follows it, prev the
// latest, whose value m replaces. second says m is the second: a third
// one's finding would be the second's again (same key, place and message),
// so only its replaced value is noted.
func (p *jsonParser) duplicate(first, after, prev, m jsonMember, second bool) {
	// close() still has the object on the stack.
	ptr := rules.PointerJoin(p.containerPointer(), m.key)
	d := jsonDup{pointer: ptr, key: m.key, firstOff: first.keyOff, off: m.keyOff, prevOff: prev.keyOff}
	if v, ok := p.scalar(prev); ok && mayHoldSecret(m.key, v) {
		d.earlier, d.hasEarlier = v, true
	}
	if !second {
		if d.hasEarlier {
			d.capped = true // no finding: the second's stands for it
			p.dups = append(p.dups, d)
		}
		return
	}
	if !p.dupCount.admit(p.opts) {
		// Past the cap: counted, and kept only for the earlier value.
		if d.hasEarlier {
			d.capped = true
			p.dups = append(p.dups, d)
		}
		return
	}
	// Never a fix for an array member of the root object: comparing two
	// entity lists can cost as much as the load, and such duplicates never
	// had one.
	if !(m.valKind == '[' && rules.ParentPointer(ptr) == "") && p.sameValue(first, m) {
		d.removeTo = after.keyOff
	}
	p.dups = append(p.dups, d)
}

// dupFindings reports duplicate keys, in the order they were met.
func (p *jsonParser) dupFindings(dups []jsonDup) []rules.Finding {
	var out []rules.Finding
	for _, d := range dups {
		if d.capped {
			continue
		}
		li := p.index()
		firstSpan, ok := p.firstKeys[d.firstOff]
		if !ok {
			if p.firstKeys == nil {
				p.firstKeys = map[int]rules.Span{}
			}
			firstSpan = li.span(d.firstOff, jsonStringEnd(p.data, d.firstOff))
			p.firstKeys[d.firstOff] = firstSpan
		}
		var fix *rules.Fix
		if d.removeTo > d.firstOff {
			fix = &rules.Fix{Description: fmt.Sprintf("Remove the first %q, which has the same value", d.key),
				Edits: []rules.Edit{{Span: li.span(d.firstOff, d.removeTo)}}}
		}
		out = append(out, rules.Finding{
			Fix:     fix,
			RuleID:  rules.IDDuplicateKey,
			Message: fmt.Sprintf("key %q appears twice in this object (first at line %d); the last value wins", d.key, firstSpan.Start.Line),
			Path:    p.name,
			Pointer: d.pointer,
			Target:  rules.TargetKey,
			Span:    li.span(d.off, jsonStringEnd(p.data, d.off)),
			Related: []rules.Related{{
				Path:    p.name,
				Pointer: d.pointer,
				Target:  rules.TargetKey,
				Span:    firstSpan,
				Message: fmt.Sprintf("first %q here", d.key),
			}},
		})
	}
	return out
}

// unmodelled lists the earlier values of duplicate keys that may be
// credentials (see rules.Document.Unmodelled).
func (p *jsonParser) unmodelled(dups []jsonDup) []rules.Unmodelled {
	var out []rules.Unmodelled
	for _, d := range dups {
		if d.hasEarlier {
			out = append(out, rules.Unmodelled{Pointer: d.pointer, Key: d.key, Value: d.earlier, Earlier: true,
				KeySpan: p.index().span(d.prevOff, jsonStringEnd(p.data, d.prevOff))})
		}
	}
	return out
}

func (p *jsonParser) finding(id, ptr string, from, to int, msg string) *rules.Finding {
	return &rules.Finding{RuleID: id, Message: msg, Path: p.name, Pointer: ptr, Span: p.index().span(from, to)}
}

// jsonStringEnd returns the offset just after the JSON string that starts at
// off (a validated string, so a scan for the closing quote suffices).
func jsonStringEnd(data []byte, off int) int {
	end, _ := doubleQuotedEnd(data, off)
	return end
}

// doubleQuotedEnd returns the offset just after the double-quoted string
// (with backslash escapes, as JSON and YAML write it) that opens at off, and
// whether it is closed; an unclosed one runs to the end of data.
func doubleQuotedEnd(data []byte, off int) (int, bool) {
	for i := off + 1; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return len(data), false
}

// skipJSONSpace returns the offset of the first non-whitespace byte at or after off.
func skipJSONSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

// charEnd returns the offset after the character at off (at least off+1
// inside the data, so a span covers the offending byte).
func charEnd(data []byte, off int) int {
	if off >= len(data) {
		return len(data)
	}
	_, n := utf8.DecodeRune(data[off:])
	return off + n
}

// utf16Finding rejects UTF-16 text up front: decoders would report its
// zero bytes as garbage, which hides the real fix.
func utf16Finding(name string, data []byte) (rules.Finding, bool) {
	if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return rules.Finding{}, false
	}
	return rules.Finding{
		RuleID:  rules.IDSyntax,
		Message: "the file is UTF-16 encoded: save it as UTF-8",
		Path:    name,
		Span:    rules.Span{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}},
	}, true
}

// Package escape holds the one escaping every printer uses, so that a hostile
// file name, key or value cannot reach a terminal, a CI log or a report as
// anything but visible text: the reporters, the JUnit names and everything
// written on standard error go through it.
//
// What it protects against:
//   - line breaks, which would start a new finding or a new workflow command;
//   - control characters (C0, DEL, C1), which drive terminals (CSI, OSC);
//   - format characters (Unicode Cf: bidi overrides and isolates, zero-width
//     characters, the BOM) and line/paragraph separators (Zl, Zp), which make
//     a name read differently from what it is ("Trojan Source");
//   - invalid UTF-8, shown byte for byte instead of as a lossy U+FFFD, so two
//     different names never print the same;
//   - GitHub Actions workflow commands: a line that starts with "::" after
//     blanks, and the legacy "##[" anywhere in a line, which the runner obeys
//     in any step's output.
package escape

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line makes s safe to print as part of one line: line breaks and tabs
// become spaces; control characters and invalid bytes become \xNN; format
// characters and separators become \uNNNN (\UNNNNNNNN beyond the BMP).
func Line(s string) string { return escape(s, true) }

// Cell makes s safe as one cell of a markdown table (a pull-request
// comment, a job summary): Line, then pipes (which end cells), backslashes,
// asterisks, underscores and backticks (which format) are escaped, and
// angle brackets (which would be HTML) become entities.
func Cell(s string) string { return cellReplacer.Replace(Line(s)) }

var cellReplacer = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;")

// Text is Line for text that may span lines: "\n" and tabs stay, the rest
// is escaped as Line does.
func Text(s string) string { return escape(s, false) }

func escape(s string, oneLine bool) string {
	i := firstUnsafe(s, oneLine)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && !oneLine:
			b.WriteByte('\n')
		case r == '\r' && oneLine && strings.HasPrefix(s[i:], "\r\n"):
			b.WriteByte(' ')
			n = 2
		case oneLine && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteByte(' ')
		case r == '\t':
			b.WriteByte('\t')
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Invisible(r):
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// firstUnsafe is the index of the first byte escape would change, or -1;
// most text has none and is returned as it is.
func firstUnsafe(s string, oneLine bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (oneLine || c != '\n' && c != '\t') || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsControl(r) || Invisible(r) {
			return i
		}
		i += n
	}
	return -1
}

// Invisible reports format characters (Cf) and line and paragraph
// separators (Zl, Zp): characters that change how text around them reads
// without being seen themselves.
func Invisible(r rune) bool {
	return r >= 0x80 && (unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r))
}

// Commands neutralises GitHub Actions workflow commands in one complete
// output line: a line whose first non-blank characters are "::" gets its
// first colon shown as \x3a, and every legacy "##[" becomes "##\x5b". The
// runner obeys neither form then; a reader still sees what was there.
func Commands(line string) string {
	// The runner trims every Unicode blank (.NET String.Trim), not just ASCII.
	if t := strings.TrimLeftFunc(line, unicode.IsSpace); strings.HasPrefix(t, "::") {
		k := len(line) - len(t)
		line = line[:k] + `\x3a` + line[k+1:]
	}
	return Legacy(line, `\x5b`)
}

// Legacy replaces every "##[" with s, the same text spelt so that the
// runner does not read it as a command (\x5b in text, &#x5B; in XML).
func Legacy(text, s string) string {
	if !strings.Contains(text, "##[") {
		return text
	}
	return strings.ReplaceAll(text, "##[", "##"+s)
}

// Lines applies Commands to every line of s.
func Lines(s string) string {
	if !strings.Contains(s, "::") && !strings.Contains(s, "##[") {
		return s
	}
	ls := strings.SplitAfter(s, "\n")
	for i, l := range ls {
		ls[i] = Commands(l)
	}
	return strings.Join(ls, "")
}

// JSON escapes, inside an encoded JSON document, what encoding/json leaves
// raw: C1 controls, format characters and separators become \uNNNN escapes
// (a pair for a rune beyond the BMP) and "##[" becomes "##\u005b". Outside strings a
// JSON document holds only ASCII punctuation, digits, letters of literals
// and blanks, so every rewritten byte is inside a string and the document
// decodes to the same value.
func JSON(doc []byte) []byte {
	if !needsJSON(doc) {
		return doc
	}
	var b strings.Builder
	b.Grow(len(doc) + 64)
	for i := 0; i < len(doc); {
		if doc[i] == '#' && i+2 < len(doc) && doc[i+1] == '#' && doc[i+2] == '[' {
			b.WriteString(`##\u005b`)
			i += 3
			continue
		}
		if doc[i] == 0x7f { // DEL: a control character encoding/json leaves raw
			b.WriteString(`\u007f`)
			i++
			continue
		}
		if doc[i] < utf8.RuneSelf {
			b.WriteByte(doc[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(doc[i:])
		switch {
		case Invisible(r) && r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		case Invisible(r) || unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.Write(doc[i : i+n])
		}
		i += n
	}
	return []byte(b.String())
}

func needsJSON(doc []byte) bool {
	for i := 0; i < len(doc); {
		if doc[i] < utf8.RuneSelf {
			if doc[i] == 0x7f || doc[i] == '#' && i+2 < len(doc) && doc[i+1] == '#' && doc[i+2] == '[' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(doc[i:])
		if Invisible(r) || unicode.IsControl(r) {
			return true
		}
		i += n
	}
	return false
}

// Writer wraps standard error: everything written through it has control
// characters, format characters and invalid bytes escaped (line breaks
// kept) and workflow commands neutralised line by line. It is the last
// guard; values are also escaped where they are formatted.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct{ w io.Writer }

func (w *writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.w, Lines(Text(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}

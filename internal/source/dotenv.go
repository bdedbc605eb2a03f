package source

import (
	"fmt"
	"path"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// Dotenv files (.env) are KEY=VALUE settings, the form integration scripts
// keep their Finesse URL and credentials in. The data model is one object of
// string values, so the settings rules (plaintext-secret, the finesse/*
// credential rules) read it as they read a YAML or JSON file.
//
// The syntax is the common one of the dotenv libraries: blank lines and
// lines starting with # are skipped; a line is [export ]KEY=VALUE, KEY
// being letters, digits, '_', '.' and '-' (not starting with a digit);
// VALUE is bare (trimmed, a " #" starts a comment), 'single-quoted'
// (literal) or "double-quoted" (\n, \t, \", \\ and \$ escapes), and a
// quoted value may span lines. ${VAR} is kept as written: a reference, not
// expanded. The loader is hand-written because the one maintained Go
// library (github.com/joho/godotenv) returns a map without positions, and
// findings need each key's and value's line and column.

// isDotenvName reports whether a file name is a dotenv file: .env,
// .env.<anything> (.env.local, .env.production) or <name>.env.
func isDotenvName(name string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}

// dotenvSource is the SourceMap of a dotenv file: every key is a member of
// the root object.
type dotenvSource struct {
	places map[string]rules.Place
}

func (s *dotenvSource) Resolve(pointers []string) map[string]rules.Place {
	out := make(map[string]rules.Place, len(pointers))
	for _, p := range pointers {
		if pl, ok := s.places[p]; ok {
			out[p] = pl
		}
	}
	return out
}

// loadDotenv parses a dotenv file. A line it cannot read is a syntax
// finding at that line and column, and the file is not checked further; a
// key set twice is a duplicate-key finding (the last value wins, as the
// libraries do).
func loadDotenv(name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	lines, f := textLines(name, data, "a .env file")
	if f != nil {
		return nil, []rules.Finding{*f}
	}
	p := &dotenvParser{name: name, data: data, lines: lines, opts: opts, tb: tree.NewBuilder(data, len(data)/16),
		set: map[string]dotenvSetting{}, src: &dotenvSource{places: map[string]rules.Place{}}}
	p.tb.Object(0)
	if bom := "\xEF\xBB\xBF"; strings.HasPrefix(string(data), bom) {
		p.off = len(bom)
	}
	for p.off < len(data) && p.fail == nil {
		p.line()
	}
	if p.fail != nil {
		return nil, []rules.Finding{*p.fail}
	}
	p.tb.Close(len(data))
	p.src.places[""] = rules.Place{Key: lines.span(0, len(data)), Value: lines.span(0, len(data))}
	doc := newTreeDocument(name, rules.FormatDotenv, p.tb.Finish().Root(), opts)
	doc.Source = p.src
	doc.Unmodelled = p.unmodelled
	doc.MoreDuplicates = p.dupCount.more
	return doc, p.findings
}

type dotenvParser struct {
	name       string
	data       []byte
	lines      *lineIndex
	off        int
	tb         *tree.Builder // the root object, open while parsing
	src        *dotenvSource
	set        map[string]dotenvSetting // the keys met
	findings   []rules.Finding
	fail       *rules.Finding
	unmodelled []rules.Unmodelled // earlier values of duplicate keys that may be credentials
	opts       Options
	dupCount   dupCount
}

// dotenvSetting is what the parser keeps of a key it has met.
type dotenvSetting struct {
	first, last [2]int // spans of the key's first and latest occurrences
	dups        int    // occurrences after the first
	keyNode     int    // the latest occurrence's name in the tree
	value       string // the latest value, for the credential check
}

func (p *dotenvParser) errorAt(off int, msg string) {
	p.fail = &rules.Finding{RuleID: rules.IDSyntax, Message: msg, Path: p.name, Span: p.lines.span(off, off)}
}

// skipBlanks skips spaces and tabs.
func (p *dotenvParser) skipBlanks() {
	for p.off < len(p.data) && (p.data[p.off] == ' ' || p.data[p.off] == '\t') {
		p.off++
	}
}

// endLine moves past the end of the current line.
func (p *dotenvParser) endLine() {
	for p.off < len(p.data) && p.data[p.off] != '\n' {
		p.off++
	}
	if p.off < len(p.data) {
		p.off++
	}
}

// atLineEnd reports whether only blanks, a comment or the line end follow.
func (p *dotenvParser) atLineEnd() bool {
	p.skipBlanks()
	return p.off >= len(p.data) || p.data[p.off] == '\n' || p.data[p.off] == '\r' || p.data[p.off] == '#'
}

// line reads one logical line: a blank line, a comment or a setting.
func (p *dotenvParser) line() {
	if p.atLineEnd() {
		p.endLine()
		return
	}
	if rest := p.data[p.off:]; strings.HasPrefix(string(rest), "export ") || strings.HasPrefix(string(rest), "export\t") {
		p.off += len("export")
		p.skipBlanks()
	}
	keyStart := p.off
	for p.off < len(p.data) && isDotenvKeyByte(p.data[p.off], p.off == keyStart) {
		p.off++
	}
	keyEnd := p.off
	if keyEnd == keyStart {
		p.errorAt(keyStart, "expected a setting NAME=value (a name starts with a letter or '_')")
		return
	}
	key := string(p.data[keyStart:keyEnd])
	p.skipBlanks()
	if p.off >= len(p.data) || p.data[p.off] != '=' {
		p.errorAt(p.off, fmt.Sprintf("expected '=' after %q", key))
		return
	}
	p.off++
	p.skipBlanks()
	valStart := p.off
	value, valEnd, ok := p.value()
	if !ok {
		return
	}
	if !p.atLineEnd() {
		p.errorAt(p.off, fmt.Sprintf("unexpected text after the value of %q; quote a value that holds spaces and quotes", key))
		return
	}
	p.endLine()
	ptr := rules.PointerJoin("", key)
	span := [2]int{keyStart, keyEnd}
	st, dup := p.set[key]
	if dup {
		p.tb.Shadow(st.keyNode) // the last value wins
		first := st.first
		firstSpan := p.lines.span(first[0], first[1])
		prev, third := st.last, st.dups > 0
		if !third {
			prev = first
		}
		st.last = span
		st.dups++
		if third {
			// The finding would be the second occurrence's again.
		} else if p.dupCount.admit(p.opts) { // past the per-file cap it is counted, not built
			p.findings = append(p.findings, rules.Finding{
				RuleID:  rules.IDDuplicateKey,
				Message: fmt.Sprintf("%q is set twice (first at line %d); the last value wins", key, firstSpan.Start.Line),
				Path:    p.name, Pointer: ptr, Target: rules.TargetKey, Span: p.lines.span(keyStart, keyEnd),
				Related: []rules.Related{{Path: p.name, Pointer: ptr, Target: rules.TargetKey, Span: firstSpan, Message: fmt.Sprintf("first %q here", key)}},
			})
		}
		if mayHoldSecret(key, st.value) {
			p.unmodelled = append(p.unmodelled, rules.Unmodelled{Pointer: ptr, Key: key, Value: st.value, Earlier: true, KeySpan: p.lines.span(prev[0], prev[1])})
		}
	} else {
		st.first = span
	}
	st.keyNode = p.tb.KeyText(keyStart, keyEnd)
	st.value = value
	p.set[key] = st
	if q := valEnd - valStart - len(value); q == 0 || q == 2 && string(p.data[valStart+1:valEnd-1]) == value {
		p.tb.Text(valStart+q/2, valEnd-q/2) // the text as written, between its quotes if any
	} else {
		p.tb.StringValue(valStart, valEnd, value)
	}
	p.src.places[ptr] = rules.Place{Key: p.lines.span(keyStart, keyEnd), Value: p.lines.span(valStart, valEnd)}
}

// value reads a bare or quoted value and returns it with the offset its
// text ends at.
func (p *dotenvParser) value() (string, int, bool) {
	if p.off < len(p.data) && (p.data[p.off] == '"' || p.data[p.off] == '\'') {
		return p.quoted(p.data[p.off])
	}
	start := p.off
	end := start
	for p.off < len(p.data) && p.data[p.off] != '\n' {
		c := p.data[p.off]
		if c == '#' && p.off > start && (p.data[p.off-1] == ' ' || p.data[p.off-1] == '\t') {
			break // a comment after the value
		}
		p.off++
		if c != ' ' && c != '\t' && c != '\r' {
			end = p.off
		}
	}
	p.off = end
	return string(p.data[start:end]), end, true
}

// quoted reads a quoted value, which may span lines.
func (p *dotenvParser) quoted(q byte) (string, int, bool) {
	open := p.off
	p.off++
	var b strings.Builder
	for p.off < len(p.data) {
		c := p.data[p.off]
		switch {
		case c == q:
			p.off++
			return b.String(), p.off, true
		case c == '\\' && q == '"' && p.off+1 < len(p.data):
			p.off++
			switch e := p.data[p.off]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '"', '\\', '$':
				b.WriteByte(e)
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
		p.off++
	}
	p.errorAt(open, fmt.Sprintf("the quote %c opened here is never closed", q))
	return "", 0, false
}

func isDotenvKeyByte(c byte, first bool) bool {
	switch {
	case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		return true
	case c >= '0' && c <= '9' || c == '.' || c == '-':
		return !first
	}
	return false
}

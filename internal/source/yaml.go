package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	yaml "go.yaml.in/yaml/v3"
)

// loadYAML parses the first YAML document of a file into the same data
// model as JSON. Scalars follow the YAML 1.2 core schema as go.yaml.in/yaml/v3
// resolves it: only true/false (any case) are booleans, so the YAML 1.1
// words yes/no/on/off stay strings, as a YAML 1.2 reader would read them.
// Integers and floats become json.Number; keys that are not strings are
// used as written. An empty file (or one holding only comments) is a
// document with a nil root.
func loadYAML(name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	lines, f := textLines(name, data, "YAML")
	if f != nil {
		return nil, []rules.Finding{*f}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var top yaml.Node
	if err := dec.Decode(&top); err != nil {
		if errors.Is(err, io.EOF) {
			doc := newTreeDocument(name, rules.FormatYAML, tree.Value{}, opts)
			doc.Source = &yamlSource{}
			return doc, nil
		}
		return nil, []rules.Finding{yamlErrorFinding(name, err, lines, opts.maxDepth())}
	}
	b := &yamlBuilder{
		name:     name,
		data:     data,
		lines:    lines,
		maxDepth: opts.maxDepth(),
		opts:     opts,
		src:      &yamlSource{places: map[string]rules.Place{}, expanded: map[string]bool{}},
		tb:       tree.NewBuilder(data, len(data)/16),
	}
	if len(top.Content) > 0 { // a document node holds one node
		b.value(top.Content[0], "", 0, true, -1, -1)
	}
	if b.fail != nil {
		return nil, []rules.Finding{*b.fail}
	}
	findings := b.findings
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, []rules.Finding{yamlErrorFinding(name, err, lines, opts.maxDepth())}
	default:
		off := lines.offsetOf(next.Line, next.Column)
		findings = append(findings, rules.Finding{
			RuleID:  rules.IDSyntax,
			Message: "only one YAML document per file is supported: split the file or remove this document",
			Path:    name,
			Span:    lines.span(off, off),
		})
	}
	root := b.tb.Finish().Root()
	if root.IsNull() {
		root = tree.Value{} // a null document is an empty one, as in the map model
	}
	b.src.root = root
	doc := newTreeDocument(name, rules.FormatYAML, root, opts)
	doc.Source = b.src
	doc.Unmodelled = b.unmodelled
	doc.MoreDuplicates = b.dupCount.more
	return doc, findings
}

// maxAliasValues bounds the values that alias expansion may produce. Real
// configuration reuses a few blocks; an alias bomb (aliases of aliases)
// would otherwise grow exponentially.
const maxAliasValues = 100000

// maxAliasBytes bounds the text that alias expansion may produce: a few
// aliases of a megabyte scalar pass the value cap, yet make every rule
// scan gigabytes (99,999 aliases of 1 MB: hours). Scalars and keys count
// their length, every other value a few bytes for its entry.
const maxAliasBytes = 16 << 20

// yamlBuilder converts a node tree into the compact tree, recording every
// value's place. The place map is eager: YAML files are small, and nodes
// carry line and column.
type yamlBuilder struct {
	name     string
	data     []byte
	lines    *lineIndex
	maxDepth int
	tb       *tree.Builder // where values are written; a scratch one for merge sources and complex keys

	expanded      int // values produced through aliases and merge keys
	expandedBytes int // and their text, as maxAliasBytes counts it
	// Where the expansion under way is written, for a limit finding.
	expansionAt  int
	expansionPtr string
	src          *yamlSource
	findings     []rules.Finding
	fail         *rules.Finding
	unmodelled   []rules.Unmodelled // earlier values of duplicate keys that may be credentials
	opts         Options
	dupCount     dupCount
}

// value converts n, found at ptr. record says whether n is written in the
// file at its own place (false inside alias expansions and keys); keyStart
// and keyEnd locate the member name (-1 for elements and the root). It
// writes the value to b.tb and returns it when it is a scalar (for the
// credential check of duplicate keys), with the offset where its text ends.
func (b *yamlBuilder) value(n *yaml.Node, ptr string, depth int, record bool, keyStart, keyEnd int) (any, int) {
	if b.fail != nil {
		return nil, 0
	}
	start := b.lines.offsetOf(n.Line, n.Column)
	if !record && b.expansionTooLarge(1, len(n.Value)) {
		return nil, start
	}
	var v any
	end := start
	switch n.Kind {
	case yaml.ScalarNode:
		end = yamlScalarEnd(b.data, start, n)
		v = b.scalar(n, start, end)
	case yaml.AliasNode:
		end = start + 1 + len(n.Value) // *name
		if record {
			b.expansionAt, b.expansionPtr = start, ptr
		}
		if n.Alias != nil { // the parser rejects unknown anchors
			v, _ = b.value(n.Alias, ptr, depth, false, -1, -1)
		}
		if record {
			b.src.expanded[ptr] = true
		}
	case yaml.MappingNode, yaml.SequenceNode:
		if depth >= b.maxDepth {
			b.fail = b.finding(rules.IDLimit, ptr, start, start, fmt.Sprintf(
				"nesting deeper than %d levels; raise limits.maxDepth in .rbaclint.yaml (or --max-depth) if this is a real export", b.maxDepth))
			return nil, start
		}
		if n.Kind == yaml.MappingNode {
			b.tb.Object(start)
			end = b.mapping(n, ptr, depth, record)
		} else {
			b.tb.Array(start)
			end = b.sequence(n, ptr, depth, record)
		}
		if n.Style&yaml.FlowStyle != 0 {
			end = flowEnd(b.data, start, end)
		}
		b.tb.Close(max(start, end))
	}
	if record {
		val := b.lines.span(start, max(start, end))
		key := val
		if keyStart >= 0 {
			key = b.lines.span(keyStart, keyEnd)
		}
		b.src.places[ptr] = rules.Place{Key: key, Value: val}
	}
	return v, end
}

// expansionTooLarge counts values (1 for a value, 0 for a key) of size
// bytes produced by alias expansion and, past either cap, fails the file at
// the alias.
func (b *yamlBuilder) expansionTooLarge(values, size int) bool {
	b.expanded += values
	b.expandedBytes += size + 8
	switch {
	case b.expanded > maxAliasValues:
		b.fail = b.finding(rules.IDLimit, b.expansionPtr, b.expansionAt, b.expansionAt, fmt.Sprintf(
			"YAML aliases expand to more than %d values; the file is not checked (is this an alias bomb?)", maxAliasValues))
	case b.expandedBytes > maxAliasBytes:
		b.fail = b.finding(rules.IDLimit, b.expansionPtr, b.expansionAt, b.expansionAt, fmt.Sprintf(
			"YAML aliases expand to more than %d MiB of text; the file is not checked (is this an alias bomb?)", maxAliasBytes>>20))
	default:
		return false
	}
	return true
}

// scalar writes a scalar and returns its value in the map model's form. A
// plain scalar written on one line is its text verbatim, which the tree
// reads without a copy.
func (b *yamlBuilder) scalar(n *yaml.Node, start, end int) any {
	v := yamlScalar(n)
	i := skipYAMLProps(b.data, start)
	verbatim := func(s string) bool {
		return n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
			bytes.HasPrefix(b.data[i:], []byte(s))
	}
	switch x := v.(type) {
	case nil:
		b.tb.Null(start, end)
	case bool:
		b.tb.Bool(start, end, x)
	case json.Number:
		if verbatim(string(x)) {
			b.tb.Number(i, i+len(x))
		} else {
			b.tb.NumberValue(start, end, string(x))
		}
	case string:
		if verbatim(x) {
			b.tb.Text(i, i+len(x))
		} else {
			b.tb.StringValue(start, end, x)
		}
	}
	return v
}

// key writes a member name: verbatim when it is a plain scalar's text.
func (b *yamlBuilder) key(k *yaml.Node, key string, start, end int) int {
	i := skipYAMLProps(b.data, start)
	if k.Kind == yaml.ScalarNode && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
		bytes.HasPrefix(b.data[i:], []byte(key)) {
		return b.tb.KeyText(i, i+len(key))
	}
	return b.tb.KeyValue(start, end, key)
}

func (b *yamlBuilder) sequence(n *yaml.Node, ptr string, depth int, record bool) int {
	end := 0
	for i, c := range n.Content {
		_, e := b.value(c, ptr+"/"+strconv.Itoa(i), depth+1, record, -1, -1)
		end = max(end, e)
	}
	return end
}

// yamlMember is what a mapping keeps of a key it has met.
type yamlMember struct {
	first, last [2]int // spans of the key's first and latest occurrences
	dups        int    // occurrences after the first (counted where recorded)
	keyNode     int    // the latest occurrence's name in the tree, shadowed if the key comes again
	value       any    // the latest value when a scalar, for the credential check
}

// mapping writes the members of n (the object is open), then the members
// its merge keys bring.
func (b *yamlBuilder) mapping(n *yaml.Node, ptr string, depth int, record bool) int {
	members := make(map[string]yamlMember, len(n.Content)/2)
	var merges []*yaml.Node
	end := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, c := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, k, c)
			continue
		}
		key := b.keyString(k, ptr, depth)
		if !record && b.expansionTooLarge(0, len(key)) {
			return end
		}
		kStart := b.lines.offsetOf(k.Line, k.Column)
		kEnd := yamlScalarEnd(b.data, kStart, k)
		child := rules.PointerJoin(ptr, key)
		m, dup := members[key]
		if dup {
			b.tb.Shadow(m.keyNode) // the last value wins
			if record {
				prev := m.last
				if m.dups == 0 {
					// A third occurrence's finding would be the second's
					// again (same key, place and message).
					b.duplicate(child, key, kStart, kEnd, m.first)
					prev = m.first
				}
				if v, ok := scalarText(m.value); ok && mayHoldSecret(key, v) {
					b.unmodelled = append(b.unmodelled, rules.Unmodelled{Pointer: child, Key: key, Value: v, Earlier: true,
						KeySpan: b.lines.span(prev[0], prev[1])})
				}
				m.last = [2]int{kStart, kEnd}
				m.dups++
			}
		} else {
			m.first = [2]int{kStart, kEnd}
		}
		m.keyNode = b.key(k, key, kStart, kEnd)
		var e int
		m.value, e = b.value(c, child, depth+1, record, kStart, kEnd)
		members[key] = m
		end = max(end, e)
	}
	for i := 0; i+1 < len(merges); i += 2 {
		end = max(end, b.merge(members, merges[i], merges[i+1], ptr, depth, record))
	}
	return end
}

// merge applies a merge key (<<): members of the merged mappings that the
// mapping does not set itself, earlier mappings first. Their pointers
// resolve to the merge key's value.
func (b *yamlBuilder) merge(members map[string]yamlMember, key, val *yaml.Node, ptr string, depth int, record bool) int {
	sources := []*yaml.Node{val}
	if val.Kind == yaml.SequenceNode {
		sources = val.Content
	}
	mergedPlace := b.lines.offsetOf(val.Line, val.Column)
	if record {
		b.expansionAt, b.expansionPtr = mergedPlace, ptr
	}
	end := mergedPlace
	for _, s := range sources {
		// The source is built on its own, as a whole, then the members
		// the mapping does not set are copied.
		m, e := b.scratch(s, ptr+"/<<", depth)
		end = max(end, e)
		if !m.IsObject() {
			if b.fail == nil {
				off := b.lines.offsetOf(s.Line, s.Column)
				b.fail = b.finding(rules.IDSyntax, ptr, off, off, "a merge key (<<) must refer to a mapping or a list of mappings")
			}
			return end
		}
		for k, mv := range m.Members() {
			if _, set := members[k]; set {
				continue
			}
			ko, ke, _ := mv.KeySpan()
			members[k] = yamlMember{keyNode: b.tb.KeyValue(ko, ke, k)}
			b.copyValue(mv)
			if record {
				child := rules.PointerJoin(ptr, k)
				kStart := b.lines.offsetOf(key.Line, key.Column)
				b.src.places[child] = rules.Place{
					Key:   b.lines.span(kStart, kStart+2),
					Value: b.lines.span(mergedPlace, end),
				}
				b.src.expanded[child] = true
			}
		}
	}
	return end
}

// keyString returns a mapping key as text: scalars as written, other keys
// (rare: "? [a, b]") as their JSON form.
func (b *yamlBuilder) keyString(k *yaml.Node, ptr string, depth int) string {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode {
		return k.Value
	}
	v, _ := b.scratch(k, ptr, depth+1)
	return compactJSON(v.Any())
}

// scratch builds a value that is not written where it is met (a merge
// source, a complex key) on a tree of its own.
func (b *yamlBuilder) scratch(n *yaml.Node, ptr string, depth int) (tree.Value, int) {
	saved := b.tb
	b.tb = tree.NewBuilder(b.data, 16)
	_, end := b.value(n, ptr, depth, false, -1, -1)
	v := b.tb.Finish().Root()
	b.tb = saved
	return v, end
}

// copyValue writes a copy of v (a merged member).
func (b *yamlBuilder) copyValue(v tree.Value) {
	off, end := v.Span()
	switch v.Kind() {
	case tree.Object:
		b.tb.Object(off)
		for k, e := range v.Members() {
			ko, ke, _ := e.KeySpan()
			b.tb.KeyValue(ko, ke, k)
			b.copyValue(e)
		}
		b.tb.Close(end)
	case tree.Array:
		b.tb.Array(off)
		for _, e := range v.Elems() {
			b.copyValue(e)
		}
		b.tb.Close(end)
	case tree.String:
		s, _ := v.Str()
		b.tb.StringValue(off, end, s)
	case tree.Number:
		s, _ := v.Number()
		b.tb.NumberValue(off, end, s)
	case tree.True, tree.False:
		b.tb.Bool(off, end, v.Kind() == tree.True)
	default:
		b.tb.Null(off, end)
	}
}

// duplicate reports a key met again in the same mapping, or counts it past
// the per-file cap.
func (b *yamlBuilder) duplicate(ptr, key string, start, end int, first [2]int) {
	if !b.dupCount.admit(b.opts) {
		return
	}
	firstSpan := b.lines.span(first[0], first[1])
	b.findings = append(b.findings, rules.Finding{
		RuleID:  rules.IDDuplicateKey,
		Message: fmt.Sprintf("key %q appears twice in this mapping (first at line %d); the last value wins", key, firstSpan.Start.Line),
		Path:    b.name,
		Pointer: ptr,
		Target:  rules.TargetKey,
		Span:    b.lines.span(start, end),
		Related: []rules.Related{{
			Path:    b.name,
			Pointer: ptr,
			Target:  rules.TargetKey,
			Span:    firstSpan,
			Message: fmt.Sprintf("first %q here", key),
		}},
	})
}

func (b *yamlBuilder) finding(id, ptr string, from, to int, msg string) *rules.Finding {
	return &rules.Finding{RuleID: id, Message: msg, Path: b.name, Pointer: ptr, Span: b.lines.span(from, to)}
}

// yamlScalar converts a scalar by its resolved tag.
func yamlScalar(n *yaml.Node) any {
	s := n.Value
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(s, "true")
	case "!!int":
		if isJSONNumber(s) {
			return json.Number(s)
		}
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		if u, err := strconv.ParseUint(s, 0, 64); err == nil {
			return json.Number(strconv.FormatUint(u, 10))
		}
	case "!!float":
		if isJSONNumber(s) {
			return json.Number(s)
		}
		// .inf and .nan have no JSON form and stay text.
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return s
}

var jsonNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func isJSONNumber(s string) bool { return jsonNumberRE.MatchString(s) }

// textLines indexes the lines of a file for a line-based parser (YAML,
// dotenv), first finding what that parser would reject without a line
// number: UTF-16, invalid UTF-8 and control characters. what names the
// syntax ("YAML") in the message.
func textLines(name string, data []byte, what string) (*lineIndex, *rules.Finding) {
	if f, ok := utf16Finding(name, data); ok {
		return nil, &f
	}
	lines := newLineIndex(data)
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		var msg string
		switch {
		case r == utf8.RuneError && size == 1:
			msg = fmt.Sprintf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8", data[off])
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F:
			msg = fmt.Sprintf("control character U+%04X is not allowed in %s", r, what)
		}
		if msg != "" {
			return nil, &rules.Finding{RuleID: rules.IDSyntax, Message: msg, Path: name, Span: lines.span(off, off+size)}
		}
		off += size
	}
	return lines, nil
}

var yamlLineRE = regexp.MustCompile(`^line (\d+): `)

// yamlErrorFinding turns a parser error into a finding. The parser gives a
// line at best; the column is then 1.
func yamlErrorFinding(name string, err error, lines *lineIndex, maxDepth int) rules.Finding {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	id := rules.IDSyntax
	alias := ""
	switch {
	case strings.HasPrefix(msg, "unknown anchor '") && strings.HasSuffix(msg, "' referenced"):
		// yaml.v3 quotes the alias, which is file text: "password:
		// *Winter2026" would print the password. Say what is wrong and
		// point at the alias instead.
		alias = "*" + strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		msg = "an alias refers to an undefined anchor"
	case strings.HasPrefix(msg, "exceeded max depth"):
		id = rules.IDLimit
		msg = fmt.Sprintf("nesting deeper than %d levels; raise limits.maxDepth in .rbaclint.yaml (or --max-depth) if this is a real export", maxDepth)
	case msg == "found character that cannot start any token" && bytes.Contains(lines.data, []byte("\t")):
		msg += " (YAML does not allow tabs for indentation)"
	}
	if id == rules.IDSyntax && alias == "" { // yaml.v3 names an alias's own line
		line = yamlProblemLine(lines, line, msg)
	}
	off := lines.offsetOf(line, 1)
	if alias != "" {
		off = aliasOffset(lines.data, alias)
	}
	if id == rules.IDLimit {
		// yaml.v3 stops at its own depth and names only a line; find where
		// flow nesting crosses our limit so the finding points at it.
		if at, ok := flowDepthOffset(lines.data, maxDepth); ok {
			off = at
		}
	}
	return rules.Finding{RuleID: id, Message: msg, Path: name, Span: lines.span(off, off)}
}

// yamlProblemMaxBytes bounds the text re-parsed to locate a parser error.
const yamlProblemMaxBytes = 4 << 20

// yamlProblemLine finds the line a YAML parser error is really on. For
// errors such as "did not find expected key", yaml.v3 names the line where
// the enclosing block starts, not the line that breaks it (an example
// uncommented under "rules: {}" was reported at the top of the file). The
// first line whose text up to and including it fails with the same message
// is the culprit: prefixes that end before it parse, as YAML blocks may end
// at any line. It is found by bisection, from the line yaml.v3 named.
func yamlProblemLine(lines *lineIndex, reported int, msg string) int {
	if len(lines.data) > yamlProblemMaxBytes || reported < 1 || reported >= lines.lines {
		return reported
	}
	failsThrough := func(line int) bool { // line is 1-based
		end := len(lines.data)
		if line < lines.lines {
			end = lines.lineStart(line)
		}
		var n yaml.Node
		dec := yaml.NewDecoder(bytes.NewReader(lines.data[:end]))
		for {
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				return false
			}
			m := strings.TrimPrefix(err.Error(), "yaml: ")
			if lm := yamlLineRE.FindStringSubmatch(m); lm != nil {
				m = m[len(lm[0]):]
			}
			return m == msg
		}
	}
	lo, hi := reported, lines.lines
	if !failsThrough(hi) {
		return reported
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if failsThrough(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// flowDepthOffset returns the offset of the bracket that nests flow
// collections ([ and {) deeper than maxDepth, counting levels as the loader
// does, skipping quoted scalars and comments. Block nesting below a flow
// collection is not counted: it only locates the finding.
func flowDepthOffset(data []byte, maxDepth int) (int, bool) {
	depth := 1 // a block mapping or sequence at the root is the first level
	if root := bytes.TrimLeft(data, " \t\r\n"); len(root) > 0 && (root[0] == '[' || root[0] == '{') {
		depth = 0
	}
	var quote byte
	lineStart := true
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (lineStart || i > 0 && (data[i-1] == ' ' || data[i-1] == '\t')):
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth {
				return i, true
			}
		case c == ']' || c == '}':
			depth--
		}
		lineStart = c == '\n'
	}
	return 0, false
}

// aliasOffset finds the first use of alias ("*name") as a whole token; the
// parser names no position for an undefined one.
func aliasOffset(data []byte, alias string) int {
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(alias))
		if i < 0 {
			return 0
		}
		i += from
		end := i + len(alias)
		before := i == 0 || strings.IndexByte(" \t\n[{,:-?", data[i-1]) >= 0
		after := end == len(data) || strings.IndexByte(" \t\r\n]},", data[end]) >= 0
		if before && after {
			return i
		}
		from = i + 1
	}
}

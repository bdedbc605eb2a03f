package engine

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// resolveFixes turns the changes of each finding's fix into byte edits on
// its document's text. A fix any of whose changes cannot be placed safely
// (a comment between elements, a shape the change does not fit) is dropped
// whole: a partial fix is worse than none.
func resolveFixes(fs []reported.Finding, docs map[string]*rules.Document, texts map[string][]byte, positions map[string]func(int) rules.Position) {
	want := map[string][]string{}
	for i := range fs {
		f := &fs[i]
		if f.Fix == nil || len(f.Fix.Changes) == 0 || docs[f.Path] == nil {
			continue
		}
		for _, c := range f.Fix.Changes {
			want[f.Path] = append(want[f.Path], changePointers(docs[f.Path], c)...)
		}
	}
	places := map[string]map[string]rules.Place{}
	if positions == nil {
		positions = map[string]func(int) rules.Position{}
	}
	for path, ptrs := range want {
		if docs[path].Source != nil {
			places[path] = docs[path].Source.Resolve(ptrs)
		}
	}
	for i := range fs {
		f := &fs[i]
		if f.Fix == nil || len(f.Fix.Changes) == 0 {
			continue
		}
		doc, text := docs[f.Path], texts[f.Path]
		var edits []rules.Edit
		ok := doc != nil && text != nil
		for _, c := range f.Fix.Changes {
			if !ok {
				break
			}
			var e []rules.Edit
			e, ok = changeEdits(doc, text, places[f.Path], c)
			edits = append(edits, e...)
		}
		if !ok || len(edits) == 0 {
			f.Fix = nil
			continue
		}
		pos := positions[f.Path]
		if pos == nil {
			pos = source.Positions(text)
			positions[f.Path] = pos
		}
		f.Fix = &rules.Fix{Description: f.Fix.Description, Edits: append(f.Fix.Edits, edits...)}
		sort.SliceStable(f.Fix.Edits, func(a, b int) bool {
			return f.Fix.Edits[a].Span.Start.Offset < f.Fix.Edits[b].Span.Start.Offset
		})
		for j := range f.Fix.Edits {
			e := &f.Fix.Edits[j]
			e.Span.Start, e.Span.End = pos(e.Span.Start.Offset), pos(e.Span.End.Offset)
		}
		if overlapping(f.Fix.Edits) {
			f.Fix = nil
		}
	}
}

// overlapping reports whether sorted edits overlap.
func overlapping(es []rules.Edit) bool {
	for i := 1; i < len(es); i++ {
		if es[i].Span.Start.Offset < es[i-1].Span.End.Offset {
			return true
		}
	}
	return false
}

// changePointers lists the pointers a change needs placed: the value and,
// for array changes, its neighbours (their gaps give the separator).
func changePointers(doc *rules.Document, c rules.Change) []string {
	out := []string{c.Pointer}
	if c.Op == rules.ChangeReplace {
		return out
	}
	arr, i, n, ok := element(doc, c.Pointer)
	if !ok {
		return out
	}
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < n {
			out = append(out, arr+"/"+strconv.Itoa(j))
		}
	}
	return out
}

// element finds the array an element pointer points into.
func element(doc *rules.Document, ptr string) (arr string, i, n int, ok bool) {
	arr, i, ok = rules.ElementIndex(ptr)
	if !ok {
		return "", 0, 0, false
	}
	a := doc.Data.At(arr)
	if !a.IsArray() || i >= a.Len() {
		return "", 0, 0, false
	}
	return arr, i, a.Len(), true
}

// changeEdits turns one change into edits; false when it cannot be placed.
func changeEdits(doc *rules.Document, text []byte, places map[string]rules.Place, c rules.Change) ([]rules.Edit, bool) {
	at, ok := places[c.Pointer]
	if !ok {
		return nil, false
	}
	edit := func(from, to int, s string) []rules.Edit {
		return []rules.Edit{{Span: rules.Span{Start: rules.Position{Offset: from}, End: rules.Position{Offset: to}}, NewText: s}}
	}
	if c.Op == rules.ChangeReplace {
		if len(c.Values) != 1 {
			return nil, false
		}
		old := text[at.Value.Start.Offset:at.Value.End.Offset]
		s, ok := encodeValue(doc.Format, old, c.Values[0])
		return edit(at.Value.Start.Offset, at.Value.End.Offset, s), ok
	}
	arr, i, n, ok := element(doc, c.Pointer)
	if !ok || (doc.Format == rules.FormatXML && !bytes.HasPrefix(text[at.Value.Start.Offset:], []byte("<"))) {
		return nil, false // an XML list item is an element; its text alone cannot be removed cleanly
	}
	near := func(j int) (rules.Place, bool) {
		if j < 0 || j >= n {
			return rules.Place{}, false
		}
		p, ok := places[arr+"/"+strconv.Itoa(j)]
		return p, ok
	}
	prev, hasPrev := near(i - 1)
	next, hasNext := near(i + 1)
	gap := func(from, to int) (string, bool) {
		g := text[from:to]
		return string(g), len(bytes.Trim(g, " \t\r\n,-")) == 0 // a comment in between: leave it to a human
	}
	switch c.Op {
	case rules.ChangeRemove:
		switch {
		case hasNext:
			_, ok := gap(at.Value.End.Offset, next.Value.Start.Offset)
			return edit(at.Value.Start.Offset, next.Value.Start.Offset, ""), ok
		case hasPrev:
			_, ok := gap(prev.Value.End.Offset, at.Value.Start.Offset)
			return edit(prev.Value.End.Offset, at.Value.End.Offset, ""), ok
		case doc.Format == rules.FormatYAML:
			return nil, false // "- x" alone would become "- ", a null element
		}
		return edit(at.Value.Start.Offset, at.Value.End.Offset, ""), true
	case rules.ChangeInsertBefore:
		if doc.Format == rules.FormatXML || len(c.Values) == 0 {
			return nil, false // a new XML element needs its element name and layout
		}
		sep, ok := ", ", true
		switch {
		case hasPrev:
			sep, ok = gap(prev.Value.End.Offset, at.Value.Start.Offset)
		case hasNext:
			sep, ok = gap(at.Value.End.Offset, next.Value.Start.Offset)
		case doc.Format == rules.FormatYAML:
			return nil, false
		}
		var b strings.Builder
		for _, v := range c.Values {
			s, good := encodeValue(doc.Format, text[at.Value.Start.Offset:at.Value.End.Offset], v)
			if !good {
				return nil, false
			}
			b.WriteString(s)
			b.WriteString(sep)
		}
		return edit(at.Value.Start.Offset, at.Value.Start.Offset, b.String()), ok
	}
	return nil, false
}

// plainYAML is a YAML scalar that needs no quotes and reads as a string.
var plainYAML = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._/@-]*$`)

// encodeValue writes v in the document's syntax, in the style of like (the
// text of the value it replaces or sits beside): quoted as it is quoted.
func encodeValue(format rules.Format, like []byte, v any) (string, bool) {
	s, isString := v.(string)
	switch format {
	case rules.FormatXML:
		if !isString {
			b, err := json.Marshal(v) // true, false, numbers: the same text in XML
			return string(b), err == nil
		}
		var b strings.Builder
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			return "", false
		}
		return b.String(), true
	case rules.FormatYAML:
		if isString && bytes.HasPrefix(like, []byte("'")) {
			return "'" + strings.ReplaceAll(s, "'", "''") + "'", true
		}
		if isString && !bytes.HasPrefix(like, []byte(`"`)) && plainYAML.MatchString(s) && !yamlSpecial(s) {
			return s, true
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", false
	}
	return strings.TrimSuffix(b.String(), "\n"), true
}

// yamlSpecial reports plain scalars YAML would read as something else than
// a string.
func yamlSpecial(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return true
	}
	return false
}

package source

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// loadXML parses an XML export into the data model of its kind (see
// xml_kinds.go and xml_model.go). Hostile or malformed input stops at the
// first problem with one finding; duplicate single-valued elements are
// reported and the document is still returned.
func loadXML(name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	var budget *workers.Budget
	if len(data) >= xmlParallelMinSize {
		budget = opts.Workers
	}
	return loadXMLWith(name, data, opts, budget, xmlChunkSize(len(data), budget.Size()))
}

// loadXMLWith is loadXML with the parallel scan's settings: the budget its
// helpers come from (nil: scan sequentially) and the text of one run.
func loadXMLWith(name string, data []byte, opts Options, budget *workers.Budget, chunk int) (*rules.Document, []rules.Finding) {
	lines := &xmlLines{data: data}
	in, p := newXMLInput(data)
	if p == nil {
		// Each scan runs as the mapper reads the nodes (xmlTree.scan), so
		// that a long list is never held scanned whole. The fast scan
		// first; when it is not sure, what was built is dropped and the
		// parallel scan takes over if it can, then encoding/xml's, which
		// makes the findings of a file it refuses.
		doc, fs, fp := buildXML(name, newXMLFastScan(in, opts.maxDepth(), lines, 64), opts, lines)
		if fp == nil {
			return doc, fs
		}
		if xt := newXMLParallelScan(in, opts.maxDepth(), lines, budget, chunk); xt != nil {
			if doc, fs, fp = buildXML(name, xt, opts, lines); fp == nil {
				return doc, fs
			}
		}
		if doc, fs, p = buildXML(name, newXMLDecoderScan(in, opts.maxDepth(), lines, 64), opts, lines); p == nil {
			return doc, fs
		}
	}
	return nil, []rules.Finding{{
		RuleID:  p.rule,
		Path:    name,
		Message: p.msg,
		Span:    lines.span(p.from, p.to),
	}}
}

// buildXML maps the tree by the forced (opts.Kind) or detected kind into
// the compact tree (Document.Data). A tree read while it is scanned is
// scanned to its end; the problem that ended the scan, if any, is
// returned instead of a document.
func buildXML(name string, xt *xmlTree, opts Options, lines *xmlLines) (*rules.Document, []rules.Finding, *xmlProblem) {
	if !xt.started() {
		return nil, nil, xt.end()
	}
	forced := opts.Kind
	m := newXMLMapper(xt, lines.data)
	m.maxDups = opts.MaxFindings
	doc := &rules.Document{Path: name, Format: rules.FormatXML, Kind: forced}
	root := xt.nodes[0].name
	l := xmlLayoutOf(forced)
	if forced == "" {
		if l = detectXML(xt); l != nil {
			doc.Kind = l.kind
		}
	}
	var field xmlField
	switch {
	case l == nil:
		field = xmlAnyField // a forced non-XML kind, or no kind: a generic model
	case l.results != "" && root == l.results:
		doc.Shape, field = rules.ShapeList, xmlObjectOf(l.resultsFor)
	case root == l.collection && (l.bareArray || forced != ""):
		doc.Shape, field = rules.ShapeArray, xmlArrayOf(l.entity, l.spec)
	default:
		doc.Shape, field = rules.ShapeObject, xmlObjectOf(l.spec)
	}
	m.value(0, field)
	if p := xt.end(); p != nil {
		return nil, nil, p
	}
	doc.Data = m.b.Finish().Root()
	isObject := doc.Data.IsObject()
	switch {
	case l == nil && forced != "" && isObject:
		doc.Shape = rules.ShapeObject
		doc.Entities = []rules.Entity{{Pointer: "", Data: doc.Data}}
	case doc.Shape == rules.ShapeObject && isObject:
		doc.Entities = []rules.Entity{{Pointer: "", Data: doc.Data}}
	case doc.Shape == rules.ShapeList && isObject:
		doc.Entities = m.entities("/"+l.collection, doc.Data.Get(l.collection))
	case doc.Shape == rules.ShapeArray:
		doc.Entities = m.entities("", doc.Data)
	}

	src := &xmlSource{src: lines.data, root: doc.Data, lines: lines, comments: xt.comments, commentPointers: xt.wanted}
	for _, u := range m.unmodelled {
		if u.Earlier {
			u.KeySpan = lines.span(u.from, u.to)
		} else {
			if src.attrs == nil {
				src.attrs = map[string]xmlSpan{}
			}
			src.attrs[u.Pointer] = xmlSpan{u.from, u.to}
		}
		doc.Unmodelled = append(doc.Unmodelled, u.Unmodelled)
	}
	doc.Source = src
	doc.MoreDuplicates = m.moreDups
	return doc, m.findings(name, doc.Kind, lines), nil
}

// entities lists the objects of an entity collection, leaving out items that
// were not the item element.
func (m *xmlMapper) entities(prefix string, list tree.Value) []rules.Entity {
	n := list.Len()
	if n == 0 {
		return nil
	}
	out := make([]rules.Entity, 0, n)
	// The pointers are views of one buffer sized for all of them, which
	// never grows: two allocations instead of two per entity.
	buf := make([]byte, 0, n*(len(prefix)+1+len(strconv.Itoa(n))))
	for i, v := range list.Elems() {
		if !v.IsObject() {
			continue
		}
		from := len(buf)
		buf = strconv.AppendInt(append(append(buf, prefix...), '/'), int64(i), 10)
		p := xmlView(buf[from:])
		if !m.strays[p] {
			out = append(out, rules.Entity{Pointer: p, Data: v})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// findings reports the duplicate elements, each at the later start tag.
func (m *xmlMapper) findings(name string, kind rules.Kind, lines *xmlLines) []rules.Finding {
	var out []rules.Finding
	keeper := "only the last value is kept"
	if s := kinds.Of(kind); s != nil && s.XML != nil && s.XML.Repeated != "" {
		keeper = s.XML.Repeated
	}
	// Positions of first occurrences are computed once each, so the
	// second occurrences are asked in increasing order, which the line
	// index answers without recounting a long line.
	firstTags := map[int]rules.Span{}
	for _, d := range m.duplicates {
		if _, ok := firstTags[d.first.from]; !ok {
			firstTags[d.first.from] = lines.span(d.first.from, d.first.to)
		}
	}
	for _, d := range m.duplicates {
		second := d.second
		firstTag := firstTags[d.first.from]
		times := "twice"
		if d.count > 2 {
			times = fmt.Sprintf("%d times", d.count)
		}
		out = append(out, rules.Finding{
			RuleID:  rules.IDDuplicateKey,
			Path:    name,
			Pointer: d.pointer,
			Target:  rules.TargetKey,
			Span:    lines.span(second.from, second.to),
			Message: fmt.Sprintf("element <%s> appears %s in <%s> (first at line %d); %s",
				d.name, times, d.parent, firstTag.Start.Line, keeper),
			Related: []rules.Related{{
				Path: name, Pointer: d.pointer, Target: rules.TargetKey, Span: firstTag,
				Message: fmt.Sprintf("first <%s> in <%s>", d.name, d.parent),
			}},
		})
	}
	return out
}

// xmlLines builds the line index on first use: a clean file needs none.
// The index remembers its last answer, so it is asked under a lock: the
// runs of a parallel scan word their problems side by side.
type xmlLines struct {
	data []byte
	once sync.Once
	li   *lineIndex
	mu   sync.Mutex
}

func (l *xmlLines) get() *lineIndex {
	l.once.Do(func() { l.li = newLineIndex(l.data) })
	return l.li
}

func (l *xmlLines) position(off int) rules.Position {
	li := l.get()
	l.mu.Lock()
	defer l.mu.Unlock()
	return li.position(off)
}

func (l *xmlLines) span(from, to int) rules.Span {
	li := l.get()
	l.mu.Lock()
	defer l.mu.Unlock()
	return li.span(from, to)
}

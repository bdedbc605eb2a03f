package source

import (
	"bytes"
	"encoding/xml"
	"io"
	"sync/atomic"

	"github.com/rbaclint/rbaclint/internal/workers"
)

// A big XML export is one long list: the children of the root element
// (<results><role>...) or of its biggest child (<results><pageInfo/>
// <roles><role>...). Tokenizing is most of the work of loading it, so the
// list is scanned in parallel:
//
//   - xmlSkim, a small lexer, finds the root's children and grandchildren
//     without building anything (it knows comments, CDATA, processing
//     instructions and quoted attribute values);
//   - the real scanner reads the file up to the end of the list element's
//     start tag;
//   - workers scan contiguous runs of the list's children, each with its
//     own decoder over its part of the text, at absolute offsets and with
//     the depth of the list around it, a batch of runs at a time, as the
//     mapper reaches them;
//   - the runs are stitched in document order (comments and attributes a
//     run at a time, nodes a child of the list at a time, so that the
//     mapper can drop each once written), and the real scanner reads the
//     rest of the file from the list's end tag.
//
// Every cut is at a "<" the lexer found, and a run is only accepted if its
// decoder reads it to the end without an error, with its elements balanced.
// RawToken keeps no state from one token to the next (namespaces are only
// Token's), so a decoder starting between two tokens reads exactly the
// tokens the sequential decoder reads there, and text never spans a cut,
// as text holds no "<". The lexer need not be trusted: had it cut inside a
// comment, CDATA section, tag or processing instruction, the run before
// the cut would end inside it, which is an error; had it cut at another
// depth, a run would be unbalanced. Anything unusual (any error or
// problem, an encoding other than UTF-8, a DOCTYPE) abandons the attempt,
// and the sequential scan makes the findings.

// xmlParallelMinSize is the smallest input scanned in parallel (a variable,
// so that a test can lower it). Measured on 2 CPUs, the parallel load is
// faster from 256 KB on (5.6 → 3.8 ms), but below 1 MB the gain is a few
// milliseconds, not worth the CPUs other files loading meanwhile could use.
var xmlParallelMinSize = 1 << 20

// xmlChunkSize is the text of one run: a quarter of each worker's share
// when the budget's workers all take part, so that they finish together,
// between 16 KB and 256 KB, as the load holds a batch of scanned runs at
// once (two per worker: 1 MB of text on 2 CPUs; with 1 MB runs, the 10 MB
// PCCE export with one CDATA section peaked at 77 MB instead of 54 MB).
func xmlChunkSize(size, workers int) int {
	return min(max(size/(4*max(workers, 1)), 16<<10), 256<<10)
}

// xmlKid1 is a child of the root element as the lexer found it.
type xmlKid1 struct {
	start, tagEnd int // its "<" and the end of its start tag
	endTag, end   int // its end tag's "<" and the end of the end tag
	kids          int // its children: starts2[kidsFrom:kidsFrom+kids]
	kidsFrom      int
}

// xmlSkimmed is the shape of a document's first two levels.
type xmlSkimmed struct {
	rootTagEnd, rootEndTag int
	kids1                  []xmlKid1
	starts2                []int // where the root's grandchildren start, in order
}

// xmlSkim lexes text far enough to find the root element's children and
// grandchildren. ok false: something it does not follow, or an error; the
// sequential scan will say what.
func xmlSkim(text []byte) (sk *xmlSkimmed, ok bool) {
	sk = &xmlSkimmed{rootTagEnd: -1}
	depth := 0
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '<')
		if j < 0 {
			return nil, false // the root is not closed
		}
		i += j
		rest := text[i:]
		if len(rest) < 2 {
			return nil, false
		}
		var k int
		switch rest[1] {
		case '!':
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				k = bytes.Index(rest[4:], []byte("-->"))
				if k < 0 {
					return nil, false
				}
				i += 4 + k + 3
			case bytes.HasPrefix(rest, []byte("<![CDATA[")):
				k = bytes.Index(rest[9:], []byte("]]>"))
				if k < 0 || depth == 0 {
					return nil, false
				}
				i += 9 + k + 3
			default:
				return nil, false // a DOCTYPE or other declaration
			}
		case '?':
			k = bytes.Index(rest[2:], []byte("?>"))
			if k < 0 {
				return nil, false
			}
			i += 2 + k + 2
		case '/':
			k = bytes.IndexByte(rest, '>')
			if k < 0 || depth == 0 {
				return nil, false
			}
			depth--
			switch depth {
			case 0:
				sk.rootEndTag = i
				return sk, true // the rest is the real scanner's
			case 1:
				kid := &sk.kids1[len(sk.kids1)-1]
				kid.endTag, kid.end = i, i+k+1
			}
			i += k + 1
		default:
			end, self := xmlSkimTag(rest)
			if end < 0 {
				return nil, false
			}
			switch depth {
			case 0:
				if sk.rootTagEnd >= 0 || self {
					return nil, false // a second root, or an empty one
				}
				sk.rootTagEnd = i + end
			case 1:
				sk.kids1 = append(sk.kids1, xmlKid1{start: i, tagEnd: i + end, kidsFrom: len(sk.starts2)})
				if self {
					kid := &sk.kids1[len(sk.kids1)-1]
					kid.endTag, kid.end = i+end, i+end
				}
			case 2:
				sk.kids1[len(sk.kids1)-1].kids++
				sk.starts2 = append(sk.starts2, i)
			}
			if !self {
				depth++
			}
			i += end
		}
	}
}

// xmlSkimTag returns the length of the start tag at the front of b and
// whether it is empty (<a/>); -1 when it does not end.
func xmlSkimTag(b []byte) (int, bool) {
	for j := 1; j < len(b); j++ {
		switch c := b[j]; c {
		case '>':
			return j + 1, b[j-1] == '/'
		case '"', '\'':
			k := bytes.IndexByte(b[j+1:], c)
			if k < 0 {
				return -1, false
			}
			j += k + 1
		case '<':
			return -1, false
		}
	}
	return -1, false
}

// xmlPlan is where a parallel scan cuts the file.
type xmlPlan struct {
	tagEnd int   // the end of the list element's start tag
	endTag int   // the list element's end tag
	depth  int   // elements open inside the list element, the list included
	cuts   []int // run boundaries, from tagEnd to endTag
}

// planXML chooses the list element and cuts its content into runs of about
// chunk bytes; ok false when there are fewer than two.
func planXML(text []byte, chunk int) (xmlPlan, bool) {
	sk, ok := xmlSkim(text)
	if !ok {
		return xmlPlan{}, false
	}
	pl := xmlPlan{tagEnd: sk.rootTagEnd, endTag: sk.rootEndTag, depth: 1}
	var starts []int
	for _, k := range sk.kids1 {
		starts = append(starts, k.start)
	}
	// A child holding at least half of the root's content is the list.
	best := -1
	for i, k := range sk.kids1 {
		if best < 0 || k.end-k.start > sk.kids1[best].end-sk.kids1[best].start {
			best = i
		}
	}
	if best >= 0 {
		if k := sk.kids1[best]; 2*(k.end-k.start) >= pl.endTag-pl.tagEnd && k.kids >= 2 {
			pl = xmlPlan{tagEnd: k.tagEnd, endTag: k.endTag, depth: 2}
			starts = sk.starts2[k.kidsFrom : k.kidsFrom+k.kids]
		}
	}
	pl.cuts = []int{pl.tagEnd}
	for _, s := range starts {
		if s-pl.cuts[len(pl.cuts)-1] >= chunk {
			pl.cuts = append(pl.cuts, s)
		}
	}
	if pl.cuts[len(pl.cuts)-1] == pl.endTag {
		pl.cuts = pl.cuts[:len(pl.cuts)-1]
	}
	pl.cuts = append(pl.cuts, pl.endTag)
	for _, c := range pl.cuts[1:] {
		if c >= len(text) || text[c] != '<' {
			return xmlPlan{}, false // cannot happen: the lexer cuts at "<"
		}
	}
	return pl, len(pl.cuts) > 2
}

// xmlRun is one run of the list element's children, scanned by a worker.
type xmlRun struct {
	from, to int // its text

	// Set by the worker: its nodes (indices local to the run), comments
	// and attributes, the start of its first element (-1: none), and the
	// comments still waiting for a next sibling element at its end.
	nodes      []xnode
	comments   []xmlComment
	attrs      []xmlAttr
	wanted     map[int]string
	firstStart int
	pending    []int
	spaces     []string // the spaces of its nodes (xmlTree.spaces)
}

// xmlListNode stands for the list element and those around it on a run's
// stack of open elements.
const xmlListNode = -2

// scanXMLParallel plans and scans in with the budget's workers as described
// above, to the end; ok false means: scan sequentially.
func scanXMLParallel(in *xmlInput, maxDepth int, lines *xmlLines, budget *workers.Budget, chunk int) (tree *xmlTree, ok bool) {
	xt := newXMLParallelScan(in, maxDepth, lines, budget, chunk)
	if xt == nil {
		return nil, false
	}
	tree, p := xt.complete()
	return tree, p == nil
}

// newXMLParallelScan returns the tree of in, to be read while it is scanned
// in parallel (xmlTree.scan): the runs are scanned a batch at a time, as
// the reader reaches them, and stitched one at a time, so that a long list
// whose items the reader drops is held a batch of runs at a time. nil: no
// parallel scan (with no worker free it does not try: the caller's
// goroutine alone scans faster without the plan's pass). Like the fast
// scan, it declines (xmlDeclined) on anything unusual.
func newXMLParallelScan(in *xmlInput, maxDepth int, lines *xmlLines, budget *workers.Budget, chunk int) *xmlTree {
	if in.charset != "" || len(in.wide) > 0 || !budget.Spare() {
		return nil
	}
	pl, ok := planXML(in.text, chunk)
	if !ok {
		return nil
	}
	s := &xmlScanner{in: in, lines: lines, tree: &xmlTree{}, declines: true}
	if s.run(newXMLDecoder(in.text[:pl.tagEnd], in.acceptCharset), 0, maxDepth) != nil ||
		len(s.stack) != pl.depth || s.tree.nodes[s.stack[pl.depth-1]].tagEnd != in.fileOffset(pl.tagEnd) {
		return nil
	}
	listAt := s.tree.nodes[s.stack[pl.depth-1]].start
	runs := make([]xmlRun, len(pl.cuts)-1)
	for i := range runs {
		runs[i].from, runs[i].to = pl.cuts[i], pl.cuts[i+1]
	}
	// Two runs per worker: a worker that finishes early takes another.
	batch := 2 * budget.Size()
	cur, scanned := -1, 0 // the run being stitched, the runs scanned
	at := 0               // the next node of run cur to stitch
	var rest *xml.Decoder // the text after the list, once the runs are stitched
	s.tree.scan = s
	s.step = func() bool {
		if cur >= 0 && at < len(runs[cur].nodes) {
			// One child of the list at a time, so that the reader can
			// drop each (xmlTree.release).
			at = s.stitchNodes(&runs[cur], at)
			return true
		}
		if cur+1 < len(runs) {
			if cur >= 0 {
				runs[cur] = xmlRun{} // all stitched
			}
			cur, at = cur+1, 0
			if cur == scanned {
				from, n := scanned, min(batch, len(runs)-scanned)
				if !eachRun(budget, n, func(i int) bool { return runs[from+i].scan(in, lines, pl.depth, listAt, maxDepth) }) {
					s.declined = true
					return false
				}
				scanned += n
			}
			s.stitchRun(&runs[cur])
			return true
		}
		if rest == nil {
			rest = newXMLDecoder(in.text[pl.endTag:], in.acceptCharset)
		}
		done, p := s.token(rest, pl.endTag, maxDepth)
		if p != nil {
			s.declined = true
			return false
		}
		return !done
	}
	return s.tree
}

// scan builds the run's tokens as the sequential scanner would under the
// list element, depth elements deep. false: anything unusual.
func (r *xmlRun) scan(in *xmlInput, lines *xmlLines, depth, listAt, maxDepth int) bool {
	text := in.text[r.from:r.to]
	// The run's own input: its text, at its offsets in the file.
	part := &xmlInput{text: text, base: in.base + r.from}
	// A node starts at a "<", or is a text run before one or at the end.
	s := &xmlScanner{in: part, lines: lines, outer: listAt, tree: &xmlTree{
		rooted: true, // no "second root" reasoning here
		nodes:  make([]xnode, 0, bytes.Count(text, []byte("<"))+1),
	}}
	// The list element and those around it: only their number matters to
	// the scanner, which never reads them (their end tags are not the
	// run's).
	for range depth {
		s.stack = append(s.stack, xmlListNode)
	}
	// An XML declaration in a run is an error anyway: no charset passes.
	dec := newXMLDecoder(text, func(string) bool { return false })
	r.firstStart = -1
	for {
		off0 := int(dec.InputOffset())
		tok, err := dec.RawToken()
		off1 := int(dec.InputOffset())
		if err == io.EOF {
			break
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if r.firstStart < 0 {
				r.firstStart = part.fileOffset(off0)
			}
			if s.start(t, off0, off1, maxDepth) != nil {
				return false
			}
		case xml.EndElement:
			if len(s.stack) <= depth || s.end(t.Name, off0, off1) != nil {
				return false // the list element's end tag, or a mismatch
			}
		case xml.CharData:
			if s.text(t, off0, off1) != nil {
				return false
			}
		case xml.Comment:
			s.comment(string(t), off0, off1)
		case xml.ProcInst:
			if t.Target == "xml" {
				return false // a misplaced XML declaration
			}
		default:
			return false // a directive
		}
	}
	if len(s.stack) != depth {
		return false
	}
	r.nodes, r.comments, r.pending, r.attrs, r.spaces, r.wanted = s.tree.nodes, s.tree.comments, s.pending, s.tree.attrs, s.tree.spaces, s.tree.wanted
	return true
}

// stitchRun adds run r's comments and attributes to the tree and settles
// the comments that were waiting for the run's first element; its nodes
// follow (stitchNodes).
func (s *xmlScanner) stitchRun(r *xmlRun) {
	cbase := len(s.tree.comments)
	s.tree.comments = append(s.tree.comments, r.comments...)
	s.tree.attrs = append(s.tree.attrs, r.attrs...)
	for at := range r.wanted {
		s.tree.want(at)
	}
	if r.firstStart >= 0 {
		if len(s.pending) > 0 {
			for _, c := range s.pending {
				s.tree.comments[c].next = r.firstStart
			}
			s.tree.want(r.firstStart)
		}
		s.pending = s.pending[:0]
	}
	for _, c := range r.pending {
		s.pending = append(s.pending, cbase+c)
	}
}

// stitchNodes appends the subtree at node from of run r, a child of the
// list element, with its indices made global, and returns the node after
// it.
func (s *xmlScanner) stitchNodes(r *xmlRun, from int) int {
	to := r.nodes[from].next
	shift := len(s.tree.nodes) - from
	for _, n := range r.nodes[from:to] {
		n.next += shift
		if n.space != 0 {
			n.space = s.spaceID(r.spaces[n.space-1])
		}
		s.tree.nodes = append(s.tree.nodes, n)
	}
	return to
}

// eachRun calls run(0..n-1) on the workers budget can spare and reports
// whether every call succeeded. It stops handing out runs at the first
// failure. A panic counts as a failure: it would escape the loader's caller,
// while giving up lets the sequential scan do what it always did.
func eachRun(budget *workers.Budget, n int, run func(i int) bool) (ok bool) {
	var failed atomic.Bool
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	budget.Each(n, func(i int) {
		if !failed.Load() && !run(i) {
			failed.Store(true)
		}
	})
	return !failed.Load()
}

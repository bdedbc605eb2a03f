package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/internal/workers"
)

// addXMLSeeds adds the XML fuzz targets' seeds: examples, the parallel
// scan's cases and the hostile corpus.
func addXMLSeeds(f *testing.F) {
	addSeeds(f, append([]string{seedRoleGet, reasonCodes}, xmlParallelCases...), ".xml")
}

// checkParallelScan fails unless the parallel scan of in in runs of
// chunk bytes on two workers, when it succeeds, builds the tree seq of the
// sequential scan (nil: that scan failed).
func checkParallelScan(t *testing.T, in *xmlInput, data []byte, maxDepth, chunk int, seq *xmlTree) {
	t.Helper()
	got, ok := scanXMLParallel(in, maxDepth, &xmlLines{data: data}, workers.New(2), chunk)
	if !ok {
		return
	}
	if seq == nil {
		t.Fatalf("chunk %d: the parallel scan succeeds, the sequential one fails\ninput %q", chunk, clip(data))
	}
	if !reflect.DeepEqual(got.nodes, seq.nodes) || !reflect.DeepEqual(got.comments, seq.comments) ||
		got.rooted != seq.rooted || !reflect.DeepEqual(got.attrs, seq.attrs) || !reflect.DeepEqual(got.spaces, seq.spaces) {
		t.Fatalf("chunk %d: the parallel scan's tree differs\ninput %q", chunk, clip(data))
	}
}

// stdlibWellFormed reports whether encoding/xml's strict Token reads in.text
// to its end as one document: one root element with only comments,
// processing instructions and white space around it, no markup
// declaration (rbaclint refuses DOCTYPE), and an XML declaration only at
// the very start.
func stdlibWellFormed(in *xmlInput) bool {
	dec := xml.NewDecoder(bytes.NewReader(in.text))
	dec.Strict = true
	// The charsets the input stage approved (a declared "UTF8" among
	// them) pass, as the loader's decoder lets them; encoding/xml alone
	// knows only "UTF-8".
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if in.acceptCharset(charset) {
			return r, nil
		}
		return nil, errors.New("charset not approved")
	}
	depth, roots := 0, 0
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			return depth == 0 && roots == 1
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && !xmlBlank(t) {
				return false
			}
		case xml.Directive:
			return false
		case xml.ProcInst:
			if t.Target == "xml" && off != 0 {
				return false
			}
		}
		if roots > 1 {
			return false
		}
	}
}

// FuzzScanXML holds the XML scanner to two references: the parallel scan
// must build exactly the sequential scan's tree whenever it succeeds, and
// the scanner must accept exactly the documents encoding/xml's strict
// Token reads as one well-formed document without a declaration. The
// input stage's own checks (BOM, declared charset, characters XML never
// allows) are stricter than encoding/xml by design, so inputs they reject
// or convert are not compared on acceptance. The seed corpus is in
// testdata/fuzz/FuzzScanXML.
func FuzzScanXML(f *testing.F) {
	addXMLSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, p := newXMLInput(data)
		if p != nil {
			return
		}
		// No depth limit: encoding/xml has none.
		seq, sp := scanXML(in, len(data)+1, &xmlLines{data: data})
		if (sp == nil) != (seq != nil) {
			t.Fatalf("tree %v and problem %+v", seq != nil, sp)
		}
		for _, chunk := range []int{1, 64} {
			checkParallelScan(t, in, data, len(data)+1, chunk, seq)
		}
		if in.base != 0 || in.charset != "" {
			return
		}
		if want := stdlibWellFormed(in); (sp == nil) != want {
			t.Fatalf("the scanner accepts %v (%+v), encoding/xml %v\ninput %q", sp == nil, sp, want, clip(data))
		}
	})
}

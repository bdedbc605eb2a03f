package source

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/corpus"
)

// xmlSeedFiles are the XML files under testdata/ and examples/.
func xmlSeedFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	for _, dir := range []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "examples")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
				return err
			}
			b, err := os.ReadFile(p)
			out[p] = b
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no XML files found")
	}
	return out
}

// xmlFuzzCorpus reads the inputs saved for the other XML fuzz targets
// (go test fuzz v1 files of one []byte).
func xmlFuzzCorpus(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, target := range []string{"FuzzLoadXML", "FuzzScanXML"} {
		ps, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		for _, p := range ps {
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				line := sc.Text()
				if q, ok := strings.CutPrefix(line, "[]byte("); ok {
					if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
						out = append(out, []byte(s))
					}
				}
			}
		}
	}
	return out
}

// checkFastScan fails unless the fast scan of data declines or builds the
// tree of the encoding/xml scan (which must then succeed too). It reports
// whether the fast scan handled the input.
func checkFastScan(t *testing.T, data []byte, maxDepth int) bool {
	t.Helper()
	in, p := newXMLInput(data)
	if p != nil {
		return false
	}
	got, ok := scanXMLFast(in, maxDepth, &xmlLines{data: data})
	if !ok {
		return false
	}
	want, wp := scanXML(in, maxDepth, &xmlLines{data: data})
	if wp != nil {
		t.Fatalf("depth %d: the fast scan accepts, encoding/xml's finds %+v\ninput %q", maxDepth, wp, clip(data))
	}
	if got.rooted != want.rooted || !reflect.DeepEqual(got.nodes, want.nodes) ||
		!reflect.DeepEqual(got.comments, want.comments) || !reflect.DeepEqual(got.attrs, want.attrs) ||
		!reflect.DeepEqual(got.spaces, want.spaces) {
		t.Fatalf("depth %d: the fast scan's tree differs\ninput %q\nfast %+v\n%+v\n%+v\nxml  %+v\n%+v\n%+v",
			maxDepth, clip(data), got.nodes, got.comments, got.attrs, want.nodes, want.comments, want.attrs)
	}
	return true
}

// FuzzXMLFastMatchesDecoder holds the fast scanner to the encoding/xml
// scan: for any input it declines, or builds exactly that scan's tree.
func FuzzXMLFastMatchesDecoder(f *testing.F) {
	addXMLSeeds(f)
	for _, b := range xmlSeedFiles(f) {
		f.Add(b)
	}
	for _, b := range xmlFuzzCorpus(f) {
		f.Add(b)
	}
	for _, s := range []string{
		"<a x='1' y=\"&lt;&#x41;&#66;\r\n\">t&amp;\r\rx<b/><!-- c --></a>",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a:b xmlns:a='u'><a:c password='s3cret&quot;'>\xe9</a:c></a:b>",
		"<a><b><c><d/></c></b></a>",
		"<a>]]></a>", "<a>&#0;</a>", "<a>&bogus;</a>", "<a:b:c/>", "<a:/>", "<!----><a/><!-- x -->",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, depth := range []int{3, len(data) + 1} {
			checkFastScan(t, data, depth)
		}
	})
}

// TestXMLFastHandles checks that the fast scanner does not decline the
// files it is there for: the benchmark corpus's XML and every testdata and
// example XML file the encoding/xml scan accepts without a construct the
// fast scanner leaves to it.
func TestXMLFastHandles(t *testing.T) {
	files := xmlSeedFiles(t)
	for _, e := range corpus.Files(corpus.Medium) {
		if !strings.HasSuffix(string(e), ".xml") {
			continue
		}
		b, err := corpus.Generate(corpus.Medium, e)
		if err != nil {
			t.Fatal(err)
		}
		files["corpus "+string(e)] = b
	}
	files["rolesExport"] = rolesExport(256 << 10)
	handled := 0
	for name, data := range files {
		in, p := newXMLInput(data)
		if p != nil {
			continue
		}
		if _, sp := scanXML(in, 100, &xmlLines{data: data}); sp != nil || xmlFastLeavesToDecoder(in.text) {
			continue
		}
		if !checkFastScan(t, data, 100) {
			t.Errorf("%s: the fast scanner declines a file encoding/xml accepts", name)
		}
		handled++
	}
	if handled < 10 {
		t.Fatalf("only %d files handled", handled)
	}
}

// xmlFastLeavesToDecoder reports whether text has a construct the fast
// scanner declines by design, even in a valid file.
func xmlFastLeavesToDecoder(text []byte) bool {
	return bytes.Contains(text, []byte("<![CDATA[")) || bytes.Contains(text, []byte("<?")) && !bytes.HasPrefix(text, []byte("<?xml ")) ||
		bytes.Count(text, []byte("<?")) > 1
}

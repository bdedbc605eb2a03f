package source

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rbaclint/rbaclint/internal/workers"
)

// checkXMLParallel loads data sequentially and with the parallel scan at
// several worker counts and run sizes, and fails unless trees, documents,
// findings, comments and resolved places are identical. It reports whether
// the parallel scan was used at least once.
func checkXMLParallel(t *testing.T, data []byte, opts Options) bool {
	t.Helper()
	return checkXMLParallelWith(t, data, opts, []int{2, 3, 8}, []int{1, 7, 64, 4096, 1 << 20})
}

func checkXMLParallelWith(t *testing.T, data []byte, opts Options, workerCounts, chunks []int) bool {
	t.Helper()
	seqDoc, seqFs := loadXMLWith("p.xml", data, opts, nil, 0)
	var seqTree *xmlTree
	var seqProblem *xmlProblem
	in, inProblem := newXMLInput(data)
	if inProblem == nil {
		seqTree, seqProblem = scanXML(in, opts.maxDepth(), &xmlLines{data: data})
	}
	var ptrs []string
	if seqDoc != nil {
		collectPointers(seqDoc.Data.Any(), "", &ptrs, 3000)
		ptrs = append(ptrs, "/nope", "/0", "/results/roles/1/#text", "/x/0/y", "/#text", "/a/b/c/2")
		for _, u := range seqDoc.Unmodelled {
			ptrs = append(ptrs, u.Pointer)
		}
	}
	used := false
	for _, w := range workerCounts {
		for _, chunk := range chunks {
			if inProblem == nil {
				tree, ok := scanXMLParallel(in, opts.maxDepth(), &xmlLines{data: data}, workers.New(w), chunk)
				if ok {
					used = true
					if seqTree == nil {
						t.Fatalf("workers %d chunk %d: parallel scan succeeded, sequential failed: %+v\ninput %q", w, chunk, seqProblem, clip(data))
					}
					if !reflect.DeepEqual(tree.nodes, seqTree.nodes) {
						t.Fatalf("workers %d chunk %d: nodes differ\n got %v\nwant %v\ninput %q", w, chunk, tree.nodes, seqTree.nodes, clip(data))
					}
					if !reflect.DeepEqual(tree.comments, seqTree.comments) {
						t.Fatalf("workers %d chunk %d: comments differ\n got %+v\nwant %+v\ninput %q", w, chunk, tree.comments, seqTree.comments, clip(data))
					}
					if !reflect.DeepEqual(tree.attrs, seqTree.attrs) {
						t.Fatalf("workers %d chunk %d: attributes differ\n got %+v\nwant %+v\ninput %q", w, chunk, tree.attrs, seqTree.attrs, clip(data))
					}
				}
			}
			doc, fs := loadXMLWith("p.xml", data, opts, workers.New(w), chunk)
			if !sameLoad(t, fmt.Sprintf("workers %d chunk %d", w, chunk), data, doc, fs, seqDoc, seqFs) {
				continue
			}
			if !reflect.DeepEqual(doc.Unmodelled, seqDoc.Unmodelled) {
				t.Fatalf("workers %d chunk %d: unmodelled values differ\n got %+v\nwant %+v", w, chunk, doc.Unmodelled, seqDoc.Unmodelled)
			}
			if got, want := XMLComments(doc), XMLComments(seqDoc); !reflect.DeepEqual(got, want) {
				t.Fatalf("workers %d chunk %d: comments differ\n got %+v\nwant %+v", w, chunk, got, want)
			}
			// Resolving indexes long arrays in the compact tree (Value.Index):
			// a fresh sequential load is resolved, so that seqDoc's tree stays
			// as it was built for the next comparison.
			ref, _ := loadXMLWith("p.xml", data, opts, nil, 0)
			if got, want := doc.Source.Resolve(ptrs), ref.Source.Resolve(ptrs); !reflect.DeepEqual(got, want) {
				t.Fatalf("workers %d chunk %d: places differ\n got %+v\nwant %+v", w, chunk, got, want)
			}
		}
	}
	return used
}

var xmlParallelCases = []string{
	``, ` `, `<a/>`, `<a></a>`, `<a>x</a>`, `<a><b/></a>`, `<a><b/><c/></a>`, `<a><b/><c/>`, `<a><b/><c/></a><d/>`,
	`<a><b>1</b><b>2</b><b>3</b></a>`,
	"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<a>\r\n <b>1</b>\r\n <b>2</b>\r\n <b>3</b>\r\n</a>\r\n",
	`<!-- c0 --><a><!-- c1 --><b/><!-- c2 --><c/><!-- c3 --></a><!-- c4 -->`,
	`<a><b/><!-- pending --></a>`,
	`<a><!-- x --><!-- y --><b/><c><!-- in c --></c><!-- z --><d/></a>`,
	`<a>text<b/>more<c/>tail</a>`,
	`<a><b/><![CDATA[ <c/> ]]><c/><![CDATA[x]]></a>`,
	`<a><?pi <b/> ?><b/><?pi?><c/></a>`,
	`<a><b x=">" y='"<c/>"'/><c z='>'></c></a>`,
	`<a><b>&amp;&#x41;&#65;&lt;&gt;&quot;&apos;</b><c>&amp;</c></a>`,
	`<a><b>&bogus;</b><c/></a>`,
	`<a><b>& </b><c/></a>`,
	`<a><b></c><c/></a>`,
	`<a><b/></b><c/></a>`,
	`<a><b/><c/></a></a>`,
	`<a><b/><c/></a>x`,
	`<a><b/><c/></a><?xml version="1.0"?>`,
	`<a><b/><?xml version="1.0"?><c/></a>`,
	`<a><b/><!DOCTYPE x><c/></a>`,
	`<!DOCTYPE a><a><b/><c/></a>`,
	`<a><b/><!-- -- --><c/></a>`,
	`<a><b/><!-- --->--><c/></a>`,
	`<a><b/><c/><!-- unterminated </a>`,
	`<a><b/><![CDATA[ unterminated <c/></a>`,
	`<a><b/><? unterminated <c/></a>`,
	`<a><b/><c x="unterminated /></a>`,
	`<a><b x="<"/><c/></a>`,
	`<a><b/><c/></a]]></a>`,
	`<a><b>]]></b><c/></a>`,
	`<a xmlns="urn:x" xmlns:p="urn:p"><p:b/><p:b/><c/></a>`,
	`<p:a xmlns:p="urn:p"><p:b>1</p:b><p:c/></p:a>`,
	`<a><b><c><d/></c></b><b><c/></b></a>`,
	`<results><pageInfo><n>1</n></pageInfo><roles><role><name>a</name></role><!-- c --><role><name>b</name><name>c</name></role><role/></roles></results>`,
	`<results><pageInfo/><roles><role><name>a</name></role><role><name>b</name></role></roles><!-- after --><x/></results>`,
	`<results><roles><role><name>a</name></role><role><name>b</name></role></roles><roles><role/><role/></roles></results>`,
	`<results><roles><role><name>a</name></role><role><name>b</name></role></roles></results><!-- end -->` + "\n",
	`<roles><role><name>a</name><changeStamp>1</changeStamp></role><role><name>b</name><systemDefined>true</systemDefined></role><bogus/>text</roles>`,
	`<a>` + "\n" + `<b/>` + "\n" + `</a   >`,
	`<a><b/ ><c   /></a>`,
	`<a><b/><c/></ a>`,
	`<a password="pw1"><b token='t1'/><b apiKey="k&amp;1" id="7"/><c><d secret="s1"/></c></a>`,
	`<results><roles><role pwd="p1"><name>a</name><password>lit</password><password>${P}</password></role><role passwd="p2"><name>b</name></role></roles></results>`,
	`<a><b/>< c/></a>`,
}

func TestXMLParallelCases(t *testing.T) {
	for _, c := range xmlParallelCases {
		checkXMLParallel(t, []byte(c), Options{})
		checkXMLParallel(t, []byte(c), Options{Kind: "pcce-roles"})
	}
}

// TestXMLParallelUsed checks that the cases meant for it take the parallel
// path, so that the comparisons above compare something.
func TestXMLParallelUsed(t *testing.T) {
	for _, c := range []string{
		`<a><b/><c/></a>`,
		`<!-- c0 --><a><!-- c1 --><b/><!-- c2 --><c/><!-- c3 --></a><!-- c4 -->`,
		`<results><pageInfo><n>1</n></pageInfo><roles><role><name>a</name></role><!-- c --><role><name>b</name><name>c</name></role><role/></roles></results>`,
		"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<a>\r\n <b>1</b>\r\n <b>2</b>\r\n <b>3</b>\r\n</a>\r\n",
	} {
		if !checkXMLParallel(t, []byte(c), Options{}) {
			t.Errorf("parallel scan not used for %q", c)
		}
	}
	// A big role list is split under <roles>.
	data := rolesExport(2 << 20)
	in, p := newXMLInput(data)
	if p != nil {
		t.Fatal(p.msg)
	}
	pl, ok := planXML(in.text, xmlChunkSize(len(data), 2))
	if !ok || pl.depth != 2 || len(pl.cuts) < 8 {
		t.Fatalf("plan %v %d %d", ok, pl.depth, len(pl.cuts))
	}
	if _, ok := scanXMLParallel(in, DefaultMaxDepth, &xmlLines{data: data}, workers.New(2), xmlChunkSize(len(data), 2)); !ok {
		t.Fatal("the parallel scan was not used for a big role list")
	}
	if !checkXMLParallelWith(t, data, Options{}, []int{2, 3}, []int{64 << 10}) {
		t.Fatal("the parallel scan was not used")
	}
	// --jobs 1, or a budget whose workers another stage holds: the
	// caller's goroutine scans alone, without the plan's extra pass.
	for _, b := range []*workers.Budget{nil, workers.New(1)} {
		if _, ok := scanXMLParallel(in, DefaultMaxDepth, &xmlLines{data: data}, b, xmlChunkSize(len(data), 2)); ok {
			t.Errorf("budget of %d: the parallel scan was used", b.Size())
		}
	}
	b := workers.New(2)
	held := make(chan struct{})
	b.Each(2, func(i int) {
		if i == 1 {
			<-held // the helper holds the budget's one token meanwhile
			return
		}
		defer close(held)
		if _, ok := scanXMLParallel(in, DefaultMaxDepth, &xmlLines{data: data}, b, xmlChunkSize(len(data), 2)); ok {
			t.Error("the parallel scan was used with every worker busy")
		}
	})
}

// TestXMLParallelLoad goes through loadXML with the threshold lowered.
func TestXMLParallelLoad(t *testing.T) {
	defer func(n int) { xmlParallelMinSize = n }(xmlParallelMinSize)
	xmlParallelMinSize = 0
	data := rolesExport(64 << 10)
	seqDoc, seqFs := loadXMLWith("r.xml", data, Options{}, nil, 0)
	for _, jobs := range []int{0, 1, 2, 3} {
		doc, fs := loadXML("r.xml", data, Options{Workers: workers.New(jobs)})
		if !reflect.DeepEqual(fs, seqFs) || !reflect.DeepEqual(doc.Data.Any(), seqDoc.Data.Any()) || !reflect.DeepEqual(doc.Entities, seqDoc.Entities) {
			t.Fatalf("jobs %d: differs", jobs)
		}
	}
}

// TestXMLParallelDepth checks the depth limit at and around the list's
// children, the list at the root and one level down.
func TestXMLParallelDepth(t *testing.T) {
	for limit := 1; limit <= 6; limit++ {
		for nest := 0; nest <= 6; nest++ {
			deep := strings.Repeat("<d>", nest) + "x" + strings.Repeat("</d>", nest)
			for _, doc := range []string{
				"<a><b>" + deep + "</b><b/><b>" + deep + "</b></a>",
				"<r><h/><a><b>" + deep + "</b><b/><b>" + deep + "</b></a></r>",
				"<r><a><b/><b>" + deep + "</b></a></r>",
			} {
				checkXMLParallel(t, []byte(doc), Options{MaxDepth: limit})
			}
		}
	}
}

// TestXMLParallelMutations damages documents at every position: truncated,
// a byte replaced by markup characters, a byte deleted.
func TestXMLParallelMutations(t *testing.T) {
	base := []string{
		`<results><pageInfo><n>1</n></pageInfo><roles><role><name>a&amp;b</name></role><!-- c --><role x=">"><name>b</name><![CDATA[<x>]]></role><?p?><role/></roles></results>`,
		`<a> <b>1</b> <!-- c --> <b y='"'>2</b> <b/> </a>`,
	}
	for _, d := range base {
		for i := 0; i <= len(d); i++ {
			checkXMLParallel(t, []byte(d[:i]), Options{})
			if i == len(d) {
				continue
			}
			checkXMLParallel(t, []byte(d[:i]+d[i+1:]), Options{})
			for _, r := range []string{"<", ">", "&", "\"", "'", "/", "-", "]", "?", "!", " ", "\x00", "\xff", "é"} {
				checkXMLParallel(t, []byte(d[:i]+r+d[i+1:]), Options{})
			}
		}
	}
}

// TestXMLParallelLatin1 checks that Latin-1 input, which the parallel scan
// leaves to the sequential one, loads the same whatever the settings.
func TestXMLParallelLatin1(t *testing.T) {
	for _, d := range []string{
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><b>caf\xe9</b><!-- \xe9 --><b>na\xefve</b><c/></a>",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><b>cafe</b><b>x</b></a>",
		"<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a><b>cafe</b><b>x</b></a>",
	} {
		checkXMLParallel(t, []byte(d), Options{})
	}
}

// TestXMLParallelGenerated compares random documents and their damaged
// variants.
func TestXMLParallelGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	n := 300
	if testing.Short() {
		n = 60
	}
	for range n {
		d := genXML(rng)
		depth := 0 // the default
		if rng.IntN(2) == 0 {
			depth = 1 + rng.IntN(8)
		}
		checkXMLParallel(t, d, Options{MaxDepth: depth})
		if len(d) > 0 {
			i := rng.IntN(len(d))
			checkXMLParallel(t, d[:i], Options{})
			m := append(append(append([]byte(nil), d[:i]...), "<>&\"'/-]?! "[rng.IntN(11)]), d[i+1:]...)
			checkXMLParallel(t, m, Options{})
		}
	}
}

// genXML writes a random document: a root, sometimes with a list element
// below it, and children with comments, CDATA, processing instructions,
// attributes with ">" and quotes, references, empty elements, CRLF.
func genXML(rng *rand.Rand) []byte {
	var b bytes.Buffer
	if rng.IntN(2) == 0 {
		b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	}
	if rng.IntN(3) == 0 {
		b.WriteString("<!-- prolog -->\r\n")
	}
	names := []string{"role", "name", "x", "p:y", "refURL"}
	var elem func(depth int)
	misc := func() {
		switch rng.IntN(12) {
		case 0:
			b.WriteString("<!-- a <b> - c -->")
		case 1:
			b.WriteString("<![CDATA[ <x> ]] > ]]>")
		case 2:
			b.WriteString("<?pi a > b ?>")
		case 3:
			b.WriteString("\r\n  ")
		case 4:
			b.WriteString("t&amp;&#x41;")
		case 5:
			b.WriteString("<!-- c -->")
		}
	}
	elem = func(depth int) {
		name := names[rng.IntN(len(names))]
		b.WriteString("<" + name)
		if rng.IntN(3) == 0 {
			b.WriteString(` a=">" b='"/>'` + "\n")
		}
		if rng.IntN(6) == 0 {
			b.WriteString("/>")
			return
		}
		b.WriteString(">")
		kids := 0
		if depth < 5 {
			kids = rng.IntN(4)
		}
		for range kids {
			misc()
			elem(depth + 1)
		}
		if kids == 0 {
			fmt.Fprintf(&b, "v%d", rng.IntN(100))
		}
		misc()
		b.WriteString("</" + name + ">")
	}
	root := []string{"results", "a", "roles"}[rng.IntN(3)]
	b.WriteString("<" + root + ">")
	list := rng.IntN(2) == 0
	if list {
		misc()
		b.WriteString("<pageInfo><n>1</n></pageInfo><roles>")
	}
	for range rng.IntN(12) {
		misc()
		elem(2)
	}
	misc()
	if list {
		b.WriteString("</roles>")
		misc()
	}
	b.WriteString("</" + root + ">")
	if rng.IntN(3) == 0 {
		b.WriteString("\n<!-- epilog -->\n")
	}
	return b.Bytes()
}

// TestXMLIllegalCharWords compares xmlIllegalChar, which skips clean ASCII
// eight bytes at a time, with a byte-wise reference.
func TestXMLIllegalCharWords(t *testing.T) {
	ref := func(b []byte) *xmlProblem {
		for i := 0; i < len(b); {
			c := b[i]
			if c < utf8.RuneSelf {
				if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
					return &xmlProblem{from: i, to: i + 1}
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
				return &xmlProblem{from: i, to: i + size}
			}
			i += size
		}
		return nil
	}
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []string{"a", " ", "\t", "\n", "\r", "<", "\x00", "\x01", "\x1f", "\x7f", "é", "\xff", "\xc3", "\xef\xbf\xbe", "\xef\xbf\xbf", "€", "😀", "abcdefgh"}
	for range 20000 {
		var b []byte
		for range rng.IntN(40) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		got, want := xmlIllegalChar(b), ref(b)
		if (got == nil) != (want == nil) || got != nil && (got.from != want.from || got.to != want.to) {
			t.Fatalf("%q: got %+v, want %+v", b, got, want)
		}
	}
}

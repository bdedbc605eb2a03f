package source

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// seedRoleGet is the exact single-role GET example of the PCCE Role API
// (seed 002).
const seedRoleGet = `<role>
      <changeStamp>15</changeStamp>
      <refURL>/unifiedconfig/config/role/5003</refURL>
      <administrators>
        <administrator>
          <refURL>/unifiedconfig/config/administrator/5002</refURL>
          <domainName>BOSTON.COM</domainName>
          <userName>userAttribute</userName>
        </administrator>
      </administrators>
      <description>testAttribute</description>
      <accessList>
        <feature>
          <category>agent</category>
          <name>attribute</name>
        </feature>
        <feature>
          <category>agent</category>
          <name>reasoncode</name>
        </feature>
        <feature>
          <category>call</category>
          <name>bucketinterval</name>
        </feature>
      </accessList>
      <name>testAttribute</name>
      <systemDefined>false</systemDefined>
</role>`

type xobj = map[string]any
type xarr = []any

var seedRole = xobj{
	"changeStamp":    json.Number("15"),
	"refURL":         "/unifiedconfig/config/role/5003",
	"administrators": xarr{xobj{"refURL": "/unifiedconfig/config/administrator/5002", "domainName": "BOSTON.COM", "userName": "userAttribute"}},
	"description":    "testAttribute",
	"accessList": xarr{
		xobj{"category": "agent", "name": "attribute"},
		xobj{"category": "agent", "name": "reasoncode"},
		xobj{"category": "call", "name": "bucketinterval"},
	},
	"name":          "testAttribute",
	"systemDefined": false,
}

// mustLoadXML loads src and fails the test on any finding.
func mustLoadXML(t *testing.T, src string, opts Options) *rules.Document {
	t.Helper()
	doc, fs := loadXML("in.xml", []byte(src), opts)
	for _, f := range fs {
		t.Errorf("unexpected finding %d:%d %s: %s", f.Span.Start.Line, f.Span.Start.Column, f.RuleID, f.Message)
	}
	if doc == nil {
		t.Fatal("no document")
	}
	if doc.Path != "in.xml" || doc.Format != rules.FormatXML {
		t.Errorf("path %q format %q", doc.Path, doc.Format)
	}
	return doc
}

func xmlEntityPointers(doc *rules.Document) []string {
	var out []string
	for _, e := range doc.Entities {
		out = append(out, e.Pointer)
	}
	return out
}

func checkXMLDoc(t *testing.T, doc *rules.Document, kind rules.Kind, shape rules.Shape, root any, entities []string) {
	t.Helper()
	if doc.Kind != kind || doc.Shape != shape {
		t.Errorf("kind %q shape %q, want %q %q", doc.Kind, doc.Shape, kind, shape)
	}
	if !reflect.DeepEqual(doc.Data.Any(), root) {
		got, _ := json.Marshal(doc.Data.Any())
		want, _ := json.Marshal(root)
		t.Errorf("root\n got %s\nwant %s", got, want)
	}
	if got := xmlEntityPointers(doc); !reflect.DeepEqual(got, entities) {
		t.Errorf("entities %q, want %q", got, entities)
	}
	for _, e := range doc.Entities {
		if v := doc.Data.At(e.Pointer); !v.IsObject() || !tree.Same(v, e.Data) {
			t.Errorf("entity %q is not the value at its pointer", e.Pointer)
		}
	}
}

func TestXMLSeedRoleGet(t *testing.T) {
	doc := mustLoadXML(t, seedRoleGet, Options{})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeObject, seedRole, []string{""})
}

func TestXMLRoleListAnyOrder(t *testing.T) {
	roles := `<roles><role><name>A</name><changeStamp>1</changeStamp></role><role><name>B</name></role></roles>`
	page := `<pageInfo><totalResults>2</totalResults><resultsPerPage>25</resultsPerPage><startIndex>0</startIndex><firstPage>/unifiedconfig/config/role?startIndex=0</firstPage></pageInfo>`
	perm := `<permissionInfo><canCreate>true</canCreate><canUpdate>true</canUpdate><canDelete>false</canDelete><role>Administrator</role><departmentAdmin>false</departmentAdmin></permissionInfo>`
	want := xobj{
		"roles": xarr{xobj{"name": "A", "changeStamp": json.Number("1")}, xobj{"name": "B"}},
		"pageInfo": xobj{"totalResults": json.Number("2"), "resultsPerPage": json.Number("25"), "startIndex": json.Number("0"),
			"firstPage": "/unifiedconfig/config/role?startIndex=0"},
		"permissionInfo": xobj{"canCreate": true, "canUpdate": true, "canDelete": false, "role": "Administrator", "departmentAdmin": false},
	}
	for _, order := range [][]string{{roles, page, perm}, {page, perm, roles}, {perm, roles, page}} {
		doc := mustLoadXML(t, "<results>\n"+order[0]+"\n"+order[1]+"\n"+order[2]+"\n</results>", Options{})
		checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeList, want, []string{"/roles/0", "/roles/1"})
	}
}

// administratorGet follows the structure of the PCCE 15.0 Administrator GET
// example (domain notes §1.6).
const administratorGet = `<administrator>
  <changeStamp>0</changeStamp>
  <refURL>/unifiedconfig/config/administrator/5000</refURL>
  <domainName>CCE.COM</domainName>
  <userName>admin1</userName>
  <departments>
    <department><refURL>/unifiedconfig/config/department/5000</refURL><name>dept1</name></department>
    <department><refURL>/unifiedconfig/config/department/5001</refURL><name>dept2</name></department>
  </departments>
  <description>an administrator</description>
  <readOnly>false</readOnly>
  <role><refURL>/unifiedconfig/config/role/5005</refURL><name>ConfigAdmin</name></role>
</administrator>`

var administrator = xobj{
	"changeStamp": json.Number("0"),
	"refURL":      "/unifiedconfig/config/administrator/5000",
	"domainName":  "CCE.COM",
	"userName":    "admin1",
	"departments": xarr{
		xobj{"refURL": "/unifiedconfig/config/department/5000", "name": "dept1"},
		xobj{"refURL": "/unifiedconfig/config/department/5001", "name": "dept2"},
	},
	"description": "an administrator",
	"readOnly":    false,
	"role":        xobj{"refURL": "/unifiedconfig/config/role/5005", "name": "ConfigAdmin"},
}

func TestXMLAdministrators(t *testing.T) {
	doc := mustLoadXML(t, administratorGet, Options{})
	checkXMLDoc(t, doc, rules.KindPCCEAdministrators, rules.ShapeObject, administrator, []string{""})

	doc = mustLoadXML(t, `<results><pageInfo><totalResults>2</totalResults></pageInfo><administrators>`+
		administratorGet+`<administrator><userName>b</userName><readOnly>true</readOnly><ssoEnabled>true</ssoEnabled><supervisor>false</supervisor></administrator>`+
		`</administrators></results>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCEAdministrators, rules.ShapeList, xobj{
		"pageInfo":       xobj{"totalResults": json.Number("2")},
		"administrators": xarr{administrator, xobj{"userName": "b", "readOnly": true, "ssoEnabled": true, "supervisor": false}},
	}, []string{"/administrators/0", "/administrators/1"})
}

func TestXMLFeatures(t *testing.T) {
	features := `<feature><name>attribute</name><category>agent</category></feature><feature><name>bucketinterval</name><category>call</category></feature>`
	list := xarr{xobj{"name": "attribute", "category": "agent"}, xobj{"name": "bucketinterval", "category": "call"}}

	doc := mustLoadXML(t, `<accessList>`+features+`</accessList>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCEFeatures, rules.ShapeArray, list, []string{"/0", "/1"})

	doc = mustLoadXML(t, `<results><accessList>`+features+`</accessList></results>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCEFeatures, rules.ShapeList, xobj{"accessList": list}, []string{"/accessList/0", "/accessList/1"})
}

// reasonCodes follows the Finesse ReasonCode object (domain notes §3.2).
const reasonCodes = `<?xml version="1.0" encoding="UTF-8"?>
<ReasonCodes category="NOT_READY">
  <ReasonCode>
    <uri>/finesse/api/ReasonCode/1</uri>
    <category>NOT_READY</category>
    <code>32762</code>
    <label>Lunch</label>
    <forAll>true</forAll>
    <systemCode>false</systemCode>
  </ReasonCode>
  <ReasonCode>
    <uri>/finesse/api/ReasonCode/2</uri>
    <category>LOGOUT</category>
    <code>10</code>
    <label>End of shift</label>
    <forAll>false</forAll>
    <systemCode>false</systemCode>
  </ReasonCode>
</ReasonCodes>`

func TestXMLReasonCodes(t *testing.T) {
	lunch := xobj{"uri": "/finesse/api/ReasonCode/1", "category": "NOT_READY", "code": json.Number("32762"), "label": "Lunch", "forAll": true, "systemCode": false}
	doc := mustLoadXML(t, reasonCodes, Options{})
	checkXMLDoc(t, doc, rules.KindFinesseReasonCodes, rules.ShapeArray, xarr{
		lunch,
		xobj{"uri": "/finesse/api/ReasonCode/2", "category": "LOGOUT", "code": json.Number("10"), "label": "End of shift", "forAll": false, "systemCode": false},
	}, []string{"/0", "/1"})

	doc = mustLoadXML(t, `<ReasonCode><uri>/finesse/api/ReasonCode/1</uri><category>NOT_READY</category><code>32762</code><label>Lunch</label><forAll>true</forAll><systemCode>false</systemCode></ReasonCode>`, Options{})
	checkXMLDoc(t, doc, rules.KindFinesseReasonCodes, rules.ShapeObject, lunch, []string{""})
}

func TestXMLTypedFallback(t *testing.T) {
	doc := mustLoadXML(t, `<role><changeStamp>12a</changeStamp><systemDefined>TRUE</systemDefined><name> spaced </name></role>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeObject,
		xobj{"changeStamp": "12a", "systemDefined": "TRUE", "name": "spaced"}, []string{""})

	doc = mustLoadXML(t, `<ReasonCodes><ReasonCode><code>007</code><forAll>1</forAll></ReasonCode><ReasonCode><code>-5</code><forAll/></ReasonCode><ReasonCode><code>99999999999999999999</code></ReasonCode></ReasonCodes>`, Options{})
	checkXMLDoc(t, doc, rules.KindFinesseReasonCodes, rules.ShapeArray, xarr{
		xobj{"code": "007", "forAll": "1"},
		xobj{"code": json.Number("-5"), "forAll": ""},
		xobj{"code": json.Number("99999999999999999999")},
	}, []string{"/0", "/1", "/2"})
}

func TestXMLUnknownAndStrayElements(t *testing.T) {
	// Unknown members, a stray child of an array container, text mixed with
	// elements, an element where a string belongs, empty containers.
	doc := mustLoadXML(t, `<role>
  <name>R</name>
  <colour>blue</colour>
  <extra><a>1</a><b>2</b></extra>
  <accessList>
    <feature><name>attribute</name></feature>
    <featur><name>typo</name></featur>
    loose text
  </accessList>
  <administrators/>
  <description><b>bold</b></description>
  mixed
</role>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeObject, xobj{
		"name":           "R",
		"colour":         "blue",
		"extra":          xobj{"a": "1", "b": "2"},
		"accessList":     xarr{xobj{"name": "attribute"}, xobj{"featur": xobj{"name": "typo"}}, "loose text"},
		"administrators": xarr{},
		"description":    xobj{"b": "bold"},
		"#text":          "mixed",
	}, []string{""})

	// A stray item is no entity.
	doc = mustLoadXML(t, `<accessList><feature><name>a</name></feature><x><name>b</name></x></accessList>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCEFeatures, rules.ShapeArray, xarr{xobj{"name": "a"}, xobj{"x": xobj{"name": "b"}}}, []string{"/0"})
}

func TestXMLGenericDocument(t *testing.T) {
	doc := mustLoadXML(t, `<catalog><item>a</item><item><id>2</id></item><title>t</title></catalog>`, Options{})
	checkXMLDoc(t, doc, "", rules.ShapeUnknown, xobj{"item": xarr{"a", xobj{"id": "2"}}, "title": "t"}, nil)

	// <results> without an item collection matches no kind.
	doc = mustLoadXML(t, `<results><pageInfo><totalResults>0</totalResults></pageInfo></results>`, Options{})
	checkXMLDoc(t, doc, "", rules.ShapeUnknown, xobj{"pageInfo": xobj{"totalResults": "0"}}, nil)
}

func TestXMLForcedKind(t *testing.T) {
	doc := mustLoadXML(t, `<entry><name>R</name><changeStamp>3</changeStamp></entry>`, Options{Kind: rules.KindPCCERoles})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeObject, xobj{"name": "R", "changeStamp": json.Number("3")}, []string{""})

	doc = mustLoadXML(t, `<roles><role><name>R</name></role></roles>`, Options{Kind: rules.KindPCCERoles})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeArray, xarr{xobj{"name": "R"}}, []string{"/0"})

	// A forced kind wins over the root element.
	doc = mustLoadXML(t, `<role><name>R</name></role>`, Options{Kind: rules.KindFinesseReasonCodes})
	checkXMLDoc(t, doc, rules.KindFinesseReasonCodes, rules.ShapeObject, xobj{"name": "R"}, []string{""})

	// A JSON kind forced on XML gets the generic model.
	doc = mustLoadXML(t, `<profile><name>P</name></profile>`, Options{Kind: rules.KindWebexUserProfile})
	checkXMLDoc(t, doc, rules.KindWebexUserProfile, rules.ShapeObject, xobj{"name": "P"}, []string{""})
}

func TestXMLNamespacesAttributesCDATA(t *testing.T) {
	doc := mustLoadXML(t, `<p:role xmlns:p="urn:x" id="7"><p:name lang="en">R</p:name><description><![CDATA[a <b> & c]]></description><refURL>a&amp;b&#65;</refURL></p:role>`, Options{})
	checkXMLDoc(t, doc, rules.KindPCCERoles, rules.ShapeObject,
		xobj{"name": "R", "description": "a <b> & c", "refURL": "a&bA"}, []string{""})
}

func TestXMLComments(t *testing.T) {
	doc := mustLoadXML(t, `<!-- before -->
<results>
  <roles>
    <!-- rbaclint:ignore pcce/empty-role kept on purpose -->
    <role><name>A</name></role>
    <role><name>B</name><!-- last --></role>
  </roles>
</results>
<!-- after -->`, Options{})
	got := XMLComments(doc)
	want := []struct {
		text, pointer string
		line, col     int
	}{
		{"before", "", 1, 1},
		{"rbaclint:ignore pcce/empty-role kept on purpose", "/roles/0", 4, 5},
		{"last", "/roles/1", 6, 25},
		{"after", "", 9, 1},
	}
	if len(got) != len(want) {
		t.Fatalf("comments %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Pointer != w.pointer || g.Span.Start.Line != w.line || g.Span.Start.Column != w.col {
			t.Errorf("comment %d = %q %q %d:%d, want %+v", i, g.Text, g.Pointer, g.Span.Start.Line, g.Span.Start.Column, w)
		}
	}
	if XMLComments(&rules.Document{}) != nil {
		t.Error("comments of a document without XML source")
	}
	if !reflect.DeepEqual(doc.Data.Any(), xobj{"roles": xarr{xobj{"name": "A"}, xobj{"name": "B"}}}) {
		t.Errorf("comments changed the model: %v", doc.Data.Any())
	}
}

// xmlLookup returns the value at a JSON Pointer of the data model.
func xmlLookup(root any, ptr string) (any, bool) {
	if ptr == "" {
		return root, true
	}
	cur := root
	for _, tok := range xmlTokens(ptr) {
		switch v := cur.(type) {
		case map[string]any:
			c, ok := v[tok]
			if !ok {
				return nil, false
			}
			cur = c
		case []any:
			i := 0
			for _, r := range tok {
				if r < '0' || r > '9' {
					return nil, false
				}
				i = i*10 + int(r-'0')
			}
			if tok == "" || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func xmlTokens(ptr string) []string {
	var out []string
	start := 1
	for i := 1; i <= len(ptr); i++ {
		if i == len(ptr) || ptr[i] == '/' {
			out = append(out, ptr[start:i])
			start = i + 1
		}
	}
	return out
}

// TestXMLTreeText checks how the loader writes text into the compact tree:
// plain text and names are views of the file where they are written, and
// text that is not its value verbatim (an entity reference, CDATA, a CRLF
// line end, a Latin-1 file) is the decoded value, at the text's span.
func TestXMLTreeText(t *testing.T) {
	src := "<role>\r\n <name>Plain</name>\r\n <description>a &amp; b</description>\r\n" +
		" <refURL><![CDATA[x<y]]></refURL>\r\n <changeStamp>7</changeStamp>\r\n <userName>l1\r\nl2</userName>\r\n" +
		" <systemDefined>true</systemDefined>\r\n <accessList/>\r\n</role>"
	data := []byte(src)
	doc, fs := loadXML("in.xml", data, Options{})
	if doc == nil || len(fs) != 0 {
		t.Fatalf("findings %+v", fs)
	}
	inFile := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= uintptr(unsafe.Pointer(&data[0])) && p+uintptr(len(s)) <= uintptr(unsafe.Pointer(&data[0]))+uintptr(len(data))
	}
	for _, c := range []struct {
		key, want, raw string
		view           bool
	}{
		{"name", "Plain", "Plain", true},
		{"description", "a & b", "a &amp; b", false},
		{"refURL", "x<y", "<![CDATA[x<y]]>", false},
		{"userName", "l1\nl2", "l1\r\nl2", false},
	} {
		v := doc.Data.Get(c.key)
		s, ok := v.Str()
		if !ok || s != c.want || string(v.Raw()) != c.raw || inFile(s) != c.view {
			t.Errorf("%s: %q %v raw %q, in the file %v; want %q raw %q, in the file %v", c.key, s, ok, v.Raw(), inFile(s), c.want, c.raw, c.view)
		}
		if off, end, ok := v.KeySpan(); !ok || src[off:end] != c.key {
			t.Errorf("%s: key span %d-%d %v", c.key, off, end, ok)
		}
	}
	if n, ok := doc.Data.Get("changeStamp").Int(); !ok || n != 7 {
		t.Errorf("changeStamp %d %v", n, ok)
	}
	if b, ok := doc.Data.Get("systemDefined").Bool(); !ok || !b {
		t.Errorf("systemDefined %v %v", b, ok)
	}
	if a := doc.Data.Get("accessList"); !a.IsArray() || a.Len() != 0 || string(a.Raw()) != "<accessList/>" {
		t.Errorf("accessList %v %q", a.Kind(), a.Raw())
	}

	// Latin-1: the file's bytes are not the UTF-8 value, so it is kept.
	latin := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><role><name>Caf\xe9</name></role>")
	doc, _ = loadXML("in.xml", latin, Options{})
	if s, _ := doc.Data.Get("name").Str(); s != "Café" {
		t.Errorf("latin-1 name %q", s)
	}
}

// TestXMLTreeDuplicates checks that a repeated single-valued element keeps
// its last value in the tree, and a repeated name of an unknown element
// becomes an array in the order written.
func TestXMLTreeDuplicates(t *testing.T) {
	doc, _ := loadXML("in.xml", []byte(`<role><name>A</name><x><i>1</i><j/><i>2</i></x><name>B</name></role>`), Options{})
	if s, _ := doc.Data.Get("name").Str(); s != "B" {
		t.Errorf("name %q, want the last", s)
	}
	var keys []string
	for k := range doc.Data.Members() {
		keys = append(keys, k)
	}
	if !reflect.DeepEqual(keys, []string{"x", "name"}) {
		t.Errorf("members %q", keys)
	}
	x := doc.Data.Get("x")
	var is []string
	for _, e := range x.Get("i").Elems() {
		s, _ := e.Str()
		is = append(is, s)
	}
	if !reflect.DeepEqual(is, []string{"1", "2"}) || !x.Has("j") {
		t.Errorf("x: i %q, j %v", is, x.Has("j"))
	}
}

// TestXMLLoadAsScanned checks that a long list is mapped while it is
// scanned, by each scan: once loaded, the items' scanned nodes are
// gone (each was dropped once written), and the document, its comments
// and its kept attributes are those mapped from the whole scanned tree.
func TestXMLLoadAsScanned(t *testing.T) {
	data := rolesExport(256 << 10)
	data = bytes.Replace(data, []byte("    <role>\n      <changeStamp>3<"),
		[]byte("    <!-- rbaclint:ignore pcce-x r -->\n    <role password=\"hunter2\">\n      <changeStamp>3<"), 1)
	data = bytes.Replace(data, []byte("<name>Role_7</name>"), []byte("<name>Role_7</name><!-- c --><name>Role_7b</name>"), 1)
	in, p := newXMLInput(data)
	if p != nil {
		t.Fatal(p.msg)
	}
	full, p := scanXML(in, DefaultMaxDepth, &xmlLines{data: data})
	if p != nil {
		t.Fatal(p.msg)
	}
	want, wantFs, _ := buildXML("r.xml", full, Options{}, &xmlLines{data: data})
	if len(want.Unmodelled) == 0 || len(XMLComments(want)) != 2 || len(wantFs) != 1 {
		t.Fatalf("the export lost its attribute, comments or duplicate: %+v %+v %+v", want.Unmodelled, XMLComments(want), wantFs)
	}
	for _, scan := range []struct {
		name string
		tree func(*xmlLines) *xmlTree
	}{
		{"fast", func(l *xmlLines) *xmlTree { return newXMLFastScan(in, DefaultMaxDepth, l, 64) }},
		{"decoder", func(l *xmlLines) *xmlTree { return newXMLDecoderScan(in, DefaultMaxDepth, l, 64) }},
		{"parallel", func(l *xmlLines) *xmlTree { return newXMLParallelScan(in, DefaultMaxDepth, l, workers.New(2), 16<<10) }},
	} {
		lines := &xmlLines{data: data}
		xt := scan.tree(lines)
		doc, fs, p := buildXML("r.xml", xt, Options{}, lines)
		if p != nil {
			t.Fatalf("%s: %+v", scan.name, p)
		}
		// <results>, <pageInfo>, <totalResults>, its text and <roles>.
		if len(xt.nodes) != 5 {
			t.Errorf("%s: %d scanned nodes held after loading (%d scanned in all), want 5", scan.name, len(xt.nodes), len(full.nodes))
		}
		sameLoad(t, scan.name, data, doc, fs, want, wantFs)
		if !reflect.DeepEqual(doc.Unmodelled, want.Unmodelled) || !reflect.DeepEqual(XMLComments(doc), XMLComments(want)) {
			t.Errorf("%s: unmodelled values or comments differ\n got %+v %+v\nwant %+v %+v",
				scan.name, doc.Unmodelled, XMLComments(doc), want.Unmodelled, XMLComments(want))
		}
	}
}

package source

import (
	"bytes"
	"fmt"
	"testing"
)

// rolesExport generates a PCCE <results><roles> list of about size bytes.
func rolesExport(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results>\n  <pageInfo><totalResults>0</totalResults></pageInfo>\n  <roles>\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `    <role>
      <changeStamp>%d</changeStamp>
      <refURL>/unifiedconfig/config/role/%d</refURL>
      <name>Role_%d</name>
      <description>generated role %d</description>
      <accessList>
        <feature><category>agent</category><name>attribute</name></feature>
        <feature><category>agent</category><name>reasoncode</name></feature>
        <feature><category>call</category><name>bucketinterval</name></feature>
      </accessList>
      <administrators>
        <administrator>
          <refURL>/unifiedconfig/config/administrator/%d</refURL>
          <domainName>EXAMPLE.COM</domainName>
          <userName>admin%d</userName>
        </administrator>
      </administrators>
      <systemDefined>false</systemDefined>
    </role>
`, i%50, 5000+i, i, i, 6000+i, i)
	}
	b.WriteString("  </roles>\n</results>\n")
	return b.Bytes()
}

func BenchmarkLoadXML(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"small", 4 << 10}, {"medium", 1 << 20}, {"large", 20 << 20}} {
		data := rolesExport(size.bytes)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				doc, fs := loadXML("bench.xml", data, Options{})
				if doc == nil || len(fs) != 0 {
					b.Fatalf("load failed: %v", fs)
				}
			}
		})
	}
}

// BenchmarkScanXML compares the fast scanner with the encoding/xml scan on
// a 10 MB role list.
func BenchmarkScanXML(b *testing.B) {
	data := rolesExport(10 << 20)
	in, p := newXMLInput(data)
	if p != nil {
		b.Fatal(p.msg)
	}
	for _, s := range []struct {
		name string
		scan func() bool
	}{
		{"fast", func() bool { _, ok := scanXMLFast(in, 100, &xmlLines{data: data}); return ok }},
		{"decoder", func() bool { _, p := scanXML(in, 100, &xmlLines{data: data}); return p == nil }},
	} {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if !s.scan() {
					b.Fatal("scan failed")
				}
			}
		})
	}
}

package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// profileList generates a Webex list envelope of about size bytes,
// deterministically (same input every run, so numbers compare).
func profileList(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d","page":0,"pageSize":100,` +
		`"links":{"self":"/organization/f53c8b54/v3/user-profile?page=0"}},"data":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		access := [...]string{"ALL", "SPECIFIC", "NONE"}[i%3]
		fmt.Fprintf(&b, `{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"93912f11-6017-404b-bf14-%012d",`+
			`"version":%d,"name":"Profile %d","description":"Supervisors of team %d \u2014 \"north\" site",`+
			`"profileType":"SUPERVISOR","active":true,"permissionAccessLevel":%q,"resourceAccessLevel":"ALL",`+
			`"permissions":[{"id":"00734874-4732-43bb-bfff-d1e75d309eb1","name":"sites","access":"NONE"},`+
			`{"id":"00734874-4732-43bb-bfff-d1e75d309eb2","name":"teams","access":"VIEW"}],`+
			`"editableFolderIds":[1,2],"viewableFolderIds":[1,2,3],"nonViewableFolderIds":[],"systemDefault":false,`+
			`"defaultResourceCollectionId":null,"resourceCollections":[{"id":"80f49a6e-11d7-4651-b730-99ed2f726f61",`+
			`"name":"Department%d","resources":[{"name":"team","accessLevel":"SPECIFIC","ids":["a1","a2"]},`+
			`{"name":"desktop-profile","accessLevel":"ALL"}],"resourceCount":2}],"createdTime":1700000000%03d,"lastUpdatedTime":0}`,
			i, i%7, i, i%40, access, i%5, i%1000)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

var benchInput = profileList(10 << 20)

func BenchmarkLoadJSON(b *testing.B) {
	b.SetBytes(int64(len(benchInput)))
	b.ReportAllocs()
	for b.Loop() {
		doc, fs := loadJSON("bench.json", benchInput, Options{})
		if doc == nil || len(fs) != 0 || doc.Kind != rules.KindWebexUserProfile {
			b.Fatalf("load failed: %v", fs)
		}
	}
	// What a loaded document keeps alive, beside the file itself.
	before := liveHeap()
	doc, _ := loadJSON("bench.json", benchInput, Options{})
	b.ReportMetric(float64(liveHeap()-before)/float64(len(benchInput)), "model/file")
	runtime.KeepAlive(doc)
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkDecodeStdlib is the yardstick: encoding/json into interface{}.
func BenchmarkDecodeStdlib(b *testing.B) {
	b.SetBytes(int64(len(benchInput)))
	b.ReportAllocs()
	for b.Loop() {
		d := json.NewDecoder(bytes.NewReader(benchInput))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	doc, _ := loadJSON("bench.json", benchInput, Options{})
	var ptrs []string
	for i, e := range doc.Entities {
		if i%10 == 0 {
			ptrs = append(ptrs, e.Pointer+"/name")
		}
	}
	b.SetBytes(int64(len(benchInput)))
	b.ReportAllocs()
	for b.Loop() {
		if got := doc.Source.Resolve(ptrs); len(got) != len(ptrs) {
			b.Fatalf("resolved %d of %d", len(got), len(ptrs))
		}
	}
}

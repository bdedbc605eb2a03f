package schemacheck

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
)

// profileListJSON generates a Webex list export of n profiles shaped like
// real ones: a few dozen permissions, folder ids and a resource collection.
func profileListJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"meta":{"orgid":"f53c8b54-46ca-43f6-ba05-08426a46e23d","page":0,"pageSize":100,"totalPages":1,"totalRecords":` + fmt.Sprint(n) + `},"data":[`)
	perms := []string{"audio-prompt", "holiday-list", "queue", "flow", "site", "team", "user", "user-profile", "desktop-layout", "desktop-profile", "dial-plan", "skill-profile", "api-key", "audit-trail", "tenant-setting", "barge-in", "whisper-coach", "call-monitoring", "multimedia", "analyzer"}
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"organizationId":"f53c8b54-46ca-43f6-ba05-08426a46e23d","id":"93912f11-6017-404b-bf14-%012d","version":%d,"name":"Profile %d","description":"Generated profile number %d for the benchmark.","profileType":"SUPERVISOR","active":true,"permissionAccessLevel":"SPECIFIC","resourceAccessLevel":"SPECIFIC","permissions":[`, i, i%7, i, i)
		for j, p := range perms {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"00734874-4732-43bb-bfff-%012d","name":%q,"access":"VIEW"}`, j, p)
		}
		fmt.Fprintf(&b, `],"editableFolderIds":[1,2,3],"viewableFolderIds":[4,5,6],"nonViewableFolderIds":[7],"systemDefault":false,"defaultResourceCollectionId":"80f49a6e-11d7-4651-b730-99ed2f726f61","resourceCollections":[{"id":"80f49a6e-11d7-4651-b730-99ed2f726f61","name":"Department%d","resources":[{"name":"team","accessLevel":"SPECIFIC","ids":["a","b"]},{"name":"site","accessLevel":"ALL"}],"resourceCount":2}],"createdTime":1700000000000,"lastUpdatedTime":1700000000000}`, i)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// listDocument loads a generated list through the JSON loader.
func listDocument(tb testing.TB, data []byte) *rules.Document {
	tb.Helper()
	doc, fs := source.Load("bench.json", data, source.Options{})
	if doc == nil || doc.Kind != rules.KindWebexUserProfile || doc.Shape != rules.ShapeList {
		tb.Fatalf("generated list does not load as a profile list: %v", fs)
	}
	return doc
}

// BenchmarkValidateProfileList reports throughput in MB/s of JSON input and
// allocations: "split" is what Validate does (the envelope, then each
// profile, on every core), "whole" checks the document against the list
// definition in one call. Numbers go in the README, never in assertions.
func BenchmarkValidateProfileList(b *testing.B) {
	data := profileListJSON(5000)
	doc := listDocument(b, data)
	if fs := Validate(doc, nil); len(fs) != 0 {
		b.Fatalf("generated list is not clean: %v", fs[0].Message)
	}
	c, err := bySchema[doc.Kind].get()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("split", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			Validate(doc, nil)
		}
	})
	b.Run("whole", func(b *testing.B) {
		v := &validator{doc: doc, c: c}
		whole := []unit{{pointer: "", value: doc.Data, def: "list"}}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			v.run(whole)
		}
	})
}

package schemacheck

import (
	"io/fs"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/schemas"
)

// BenchmarkCompile measures compiling one kind's schema from scratch, the
// fixed cost every run pays once per kind it meets.
func BenchmarkCompile(b *testing.B) {
	for _, k := range []rules.Kind{rules.KindWebexUserProfile, rules.KindTenantUsers, rules.KindPCCERoles} {
		file := kinds.Of(k).Schema
		data, _ := fs.ReadFile(schemas.FS, file)
		b.Run(string(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := compile(baseURL+file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

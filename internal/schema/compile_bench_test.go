package schema

import (
	"testing"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/schemas"
)

// BenchmarkCompile measures compiling one kind's schema from scratch, the
// fixed cost every run pays once per kind it meets.
func BenchmarkCompile(b *testing.B) {
	for _, k := range []rules.Kind{rules.KindWebexUserProfile, rules.KindTenantUsers, rules.KindPCCERoles} {
		data, _ := schemas.ForKind(k)
		b.Run(string(k), func(b *testing.B) {
			for b.Loop() {
				if _, err := compile(baseURL+schemas.FileName(k), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package general

import (
	"strings"
	"testing"
)

// TestMayBeHeaderAsLowered compares mayBeHeader with the test it stands
// for: the lower-cased start of the trimmed text has a header's prefix.
func TestMayBeHeaderAsLowered(t *testing.T) {
	lowered := func(s string) bool {
		t := strings.TrimLeft(s, " \t")
		p := strings.ToLower(t[:min(len(t), len("authorization"))])
		return strings.HasPrefix(p, "authorization") || strings.HasPrefix(p, "basic ") || strings.HasPrefix(p, "bearer ")
	}
	for _, s := range []string{
		"", "Authorization: Basic abc", "  \tAUTHORIZATION", "authorizatio", "Basic x", "BASIC ", "basic",
		"Bearer abcdefgh", "bearer\tx", "\u212Aey", "basıc x", "Basic\u00a0x", "authorİzation", "B\xffsic ",
		"xBasic ", "bearer ", " Bearer ", "Authorization\u212A",
	} {
		if got, want := mayBeHeader(s), lowered(s); got != want {
			t.Errorf("mayBeHeader(%q) = %v, want %v", s, got, want)
		}
	}
}

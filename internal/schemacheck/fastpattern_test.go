package schemacheck

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// seqPatterns are the schemas' patterns of the simple form and a few more.
var seqPatterns = []string{
	`^[^\s@]+@[^\s@]+\.[^\s@]+$`,
	`^[a-zA-Z0-9,_\s-]*$`,
	`^[a-zA-Z0-9_\s-]+$`,
	`^[A-Za-z0-9._]*$`,
	`^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$`,
	`^a*a*b?[^a]{2,3}$`,
	`^x{0,2}.$`,
}

func TestCompileSeqForms(t *testing.T) {
	for _, p := range seqPatterns[:5] {
		if compileSeq(p) == nil {
			t.Errorf("compileSeq(%q) = nil, want a matcher", p)
		}
	}
	for _, p := range []string{`^(True|False)$`, `^(/.*)?$`, `^([A-Za-z0-9]|$)`, `[a-z]+`, `^[a-z]+`, `^[é]+$`, `(?i)^a+$`, `^a+?$`, `^.$`} {
		if compileSeq(p) != nil {
			t.Errorf("compileSeq(%q) is a matcher, want nil", p)
		}
	}
}

// TestSeqMatchesRegexp compares the matcher with the regexp package on
// strings built from the characters the patterns care about.
func TestSeqMatchesRegexp(t *testing.T) {
	alphabet := []string{"a", "b", "Z", "0", "9", "f", "-", "_", ",", ".", "@", " ", "\t", "\n", "\v", "\r", "\f", "é", "\xff", "\xe2\x82", "€", "x"}
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range seqPatterns {
		re := regexp.MustCompile(p)
		seq := compileSeq(p)
		if seq == nil {
			continue
		}
		check := func(s string) {
			m, ok := seq.match(s)
			if !ok {
				return
			}
			if want := re.MatchString(s); m != want {
				t.Fatalf("pattern %q on %q: matcher says %v, regexp %v", p, s, m, want)
			}
		}
		for range 20000 {
			var b strings.Builder
			for range r.IntN(14) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			check(b.String())
		}
		for _, s := range []string{"", "a@b.c", "a@b.", "@b.c", "a@.c", "a@b..c", "a@@b.c", "a@b.c\n", "12345678-1234-1234-1234-123456789abc", "123456781234123412341234567890ab", "12345678-1234-1234-1234-123456789ab", strings.Repeat("a", maxSeqText)} {
			check(s)
		}
	}
	if _, ok := compileSeq(seqPatterns[0]).match(strings.Repeat("a", maxSeqText+1)); ok {
		t.Error("a string past maxSeqText was matched, want the regexp package to decide")
	}
}

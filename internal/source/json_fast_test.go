package source

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/tree"
)

// parseBoth parses data by the fast path alone and by the decoder alone.
func parseBoth(data []byte, maxDepth int) (fast *jsonParser, fastRoot tree.Value, fastOK bool, slow *jsonParser, slowRoot tree.Value, slowOK bool) {
	fast = newJSONParser("f.json", data, maxDepth)
	if end, ok := fast.fastValue(fast.base, len(data)); ok && skipJSONSpace(data, end) == len(data) {
		fastRoot, fastOK = fast.b.Finish().Root(), true
	}
	slow = newJSONParser("f.json", data, maxDepth)
	slow.restart()
	root, fail := slow.parse()
	return fast, fastRoot, fastOK, slow, root, fail == nil
}

// FuzzFastMatchesDecoder holds the parser's fast path to the decoder it
// stands in for: what the fast path accepts the decoder accepts, into the
// same tree with the same duplicate keys; and the fast path gives up on
// valid text only where it says it does (an escaped surrogate, the nesting
// limit).
func FuzzFastMatchesDecoder(f *testing.F) {
	addSeeds(f, append(jsonFuzzSeeds,
		`{"a":1,"b":{"a":[1,2]},"a":{"x":"\n"},"a":"\u00e9"}`, `[1e400,-0,0.0,"\ud83d\ude00",{"":{"":{}}}]`,
		`{"x":[],"x":{},"y":null,"y":true}`, `[01]`, `[1.]`, `[.5]`, `[-]`, `[1e]`, `[1e+]`, `[truex]`, `[nul]`,
		`{"a":1,}`, `[1,]`, `{"a"}`, `{"a":}`, `{,}`, `[,1]`, "\"\x7f\x01\"", `"\u00zz"`, `"\x"`, `["é","\u20AC"]`,
		`{"a":1 "b":2}`, `{"a":1}}`, ` [ 1 , { "k" : [ ] } ] `, strings.Repeat("[", 70)+strings.Repeat("]", 70),
		"{\"k\xc3\":1}", "\"\xed\xa0\x80\"", "\"\xef\xbf\xbd\"", `{"n":-12.5E+3,"z":0e0}`), ".json")
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, fastRoot, fastOK, slow, slowRoot, slowOK := parseBoth(data, 64)
		switch {
		case fastOK && !slowOK:
			t.Fatalf("the fast path accepts %q, which the decoder rejects", data)
		case !fastOK && slowOK && !loneSurrogate.Match(data) && !deeperThan(data, 64):
			t.Fatalf("the fast path gives up on valid %q", data)
		case !fastOK:
			return
		}
		if got, want := dumpOf(fastRoot), dumpOf(slowRoot); got != want {
			t.Fatalf("trees of %q differ:\nfast    %s\ndecoder %s", data, got, want)
		}
		if !reflect.DeepEqual(fast.dups, slow.dups) {
			t.Fatalf("duplicates in %q differ:\nfast    %+v\ndecoder %+v", data, fast.dups, slow.dups)
		}
	})
}

// deeperThan reports whether data opens more than depth brackets at once
// (counting those in strings too, which only makes it say yes more often).
func deeperThan(data []byte, depth int) bool {
	open := 0
	for _, c := range data {
		switch c {
		case '[', '{':
			if open++; open > depth {
				return true
			}
		case ']', '}':
			open--
		}
	}
	return false
}

// TestFastPathFallsBack checks that what the fast path leaves to the
// decoder still loads as it did: an escaped surrogate pair, and the
// findings of broken text, which only the decoder words.
func TestFastPathFallsBack(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a":"\ud83d\ude00"}`, ""},
		{`{"a":"\ud83d"}`, "surrogate"},
		{`{"a":1,}`, "trailing"},
		{`{"a":1`, "not closed"},
	} {
		doc, fs := loadJSON("f.json", []byte(tc.in), Options{})
		switch {
		case tc.want == "" && (doc == nil || len(fs) != 0):
			t.Errorf("%s: not loaded: %v", tc.in, fs)
		case tc.want == "":
			if s, _ := doc.Data.Get("a").Str(); s != "\U0001F600" {
				t.Errorf("%s: a = %q", tc.in, s)
			}
		case len(fs) != 1 || !strings.Contains(fs[0].Message, tc.want):
			t.Errorf("%s: findings %v, want one about %q", tc.in, fs, tc.want)
		}
	}
}

// firstMarked is the index of the first byte a mask of unplain or
// structural marks; 8 when none.
func firstMarked(m uint64) int { return bits.TrailingZeros64(m) >> 3 }

// checkWordMask holds an eight-byte test to the byte test it stands for:
// every byte value at every place among bytes it does not mark, and words
// of random bytes; the first byte marked must be the first that is one.
func checkWordMask(t *testing.T, name string, mask func(uint64) uint64, is func(byte) bool, filler [8]byte) {
	t.Helper()
	first := func(b [8]byte) int {
		for k, c := range b {
			if is(c) {
				return k
			}
		}
		return 8
	}
	word := func(b [8]byte) uint64 { return binary.LittleEndian.Uint64(b[:]) }
	for c := range 256 {
		for k := range 8 {
			b := filler
			b[k] = byte(c)
			if got, want := firstMarked(mask(word(b))), first(b); got != want {
				t.Errorf("%s: byte %#x at %d: first marked %d, want %d", name, c, k, got, want)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b [8]byte
		for k := range b {
			b[k] = byte(r.IntN(256))
			if r.IntN(4) > 0 {
				b[k] = byte(' ' + r.IntN(95)) // mostly printable, so unmarked words occur
			}
		}
		if got, want := firstMarked(mask(word(b))), first(b); got != want {
			t.Fatalf("%s: % x: first marked %d, want %d", name, b[:], got, want)
		}
	}
}

func TestUnplain(t *testing.T) {
	checkWordMask(t, "unplain", unplain, func(c byte) bool { return !plainByte[c] }, [8]byte{'a', 'b', ' ', '~', 'z', '0', '}', '{'})
}

func TestStructural(t *testing.T) {
	checkWordMask(t, "structural", structural, func(c byte) bool { return c == '"' || c == '{' || c == '}' || c == '[' || c == ']' },
		[8]byte{' ', ' ', 'a', ':', '1', ',', '\n', 0xc3})
}

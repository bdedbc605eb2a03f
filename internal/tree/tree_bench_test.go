package tree

import (
	"strconv"
	"testing"
)

// benchArray is a tree of one array of n small objects, written as JSON
// text would be: the shape of a big export's entity list.
func benchArray(b *testing.B, n int) Value {
	b.Helper()
	bl := NewBuilder(nil, 4*n)
	bl.Array(0)
	for i := range n {
		bl.Object(0)
		bl.KeyValue(0, 0, "id")
		bl.NumberValue(0, 0, strconv.Itoa(i))
		bl.KeyValue(0, 0, "name")
		bl.StringValue(0, 0, "x")
		bl.Close(0)
	}
	bl.Close(0)
	return bl.Finish().Root()
}

func BenchmarkArrayElems(b *testing.B) {
	a := benchArray(b, 1000)
	b.ResetTimer()
	for range b.N {
		n := 0
		for i, e := range a.Elems() {
			n += i + int(e.i)
		}
		if n == 0 {
			b.Fatal("no elements")
		}
	}
}

func BenchmarkArrayLen(b *testing.B) {
	a := benchArray(b, 1000)
	b.ResetTimer()
	for range b.N {
		if a.Len() != 1000 {
			b.Fatal("len")
		}
	}
}

func BenchmarkArrayIndexShort(b *testing.B) {
	a := benchArray(b, 10)
	b.ResetTimer()
	for range b.N {
		if !a.Index(7).Exists() {
			b.Fatal("index")
		}
	}
}

func BenchmarkArrayIndexLong(b *testing.B) {
	a := benchArray(b, 1000)
	b.ResetTimer()
	for range b.N {
		if !a.Index(b.N % 1000).Exists() {
			b.Fatal("index")
		}
	}
}

func BenchmarkArrayAt(b *testing.B) {
	a := benchArray(b, 1000)
	b.ResetTimer()
	for range b.N {
		if !a.At("/999/name").Exists() {
			b.Fatal("at")
		}
	}
}

func BenchmarkArrayAny(b *testing.B) {
	a := benchArray(b, 100)
	b.ResetTimer()
	for range b.N {
		if a.Any() == nil {
			b.Fatal("any")
		}
	}
}

// BenchmarkCopyMembers copies two members of each of 1000 entities, as
// the facts of a big list are kept.
func BenchmarkCopyMembers(b *testing.B) {
	a := benchArray(b, 1000)
	keep := func(k string) bool { return k == "name" || k == "id" }
	b.ResetTimer()
	for range b.N {
		bl := NewBuilder(nil, 0)
		bl.Array(0)
		for _, e := range a.Elems() {
			bl.CopyMembers(e, keep)
		}
		bl.Close(0)
		bl.Finish()
	}
}

// benchProfile is one object shaped like a Webex user profile, its keys
// read from source text as the JSON loader writes them.
func benchProfile(b *testing.B) Value {
	b.Helper()
	keys := []string{"id", "name", "description", "active", "profileType", "permissionAccessLevel",
		"resourceAccessLevel", "permissions", "resourceCollections", "organizationId", "version", "createdTime", "lastUpdatedTime"}
	src := []byte("{")
	type span struct{ off, end int }
	var at []span
	for i, k := range keys {
		if i > 0 {
			src = append(src, ',')
		}
		off := len(src)
		src = append(src, '"')
		src = append(src, k...)
		src = append(src, '"')
		at = append(at, span{off, len(src)})
		src = append(src, ":1"...)
	}
	src = append(src, '}')
	bl := NewBuilder(src, 2*len(keys)+1)
	bl.Object(0)
	for _, s := range at {
		bl.Key(s.off, s.end)
		bl.Number(s.end+1, s.end+2)
	}
	bl.Close(len(src))
	return bl.Finish().Root()
}

// BenchmarkGet looks up the members rules read most, present and absent,
// in one profile: every rule of a big list does this for every entity.
func BenchmarkGet(b *testing.B) {
	p := benchProfile(b)
	lookups := []string{"name", "profileType", "permissions", "resourceCollections", "active", "folders", "lastUpdatedTime", "id"}
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, k := range lookups {
			if p.Get(k).Exists() {
				n++
			}
		}
		if n != len(lookups)-1 {
			b.Fatal("lookups found", n)
		}
	}
}

package source

import "math"

// A big export is one long array of entities: the root array, or a member
// of the root object ("data" of a list, "items" of a bulk request), and
// findings point into its elements. While it builds the model, the parser
// notes where each element of those arrays starts, so that Resolve decodes
// only the elements its pointers lead into instead of the whole file. It
// costs 4 bytes per element.
//
// A parallel loader once built these arrays' elements on several cores; on
// two cores it was no faster than this parser alone, so it was removed.

// maxNotedArrays bounds the arrays noted in one file: an envelope has a
// few, and a root object of thousands of small arrays gains nothing.
const maxNotedArrays = 64

// jsonArrays locates the elements of the arrays the parser noted.
type jsonArrays struct {
	rootStart, rootEnd int                        // the root value's text
	root               *jsonArrayIndex            // the root array, or nil
	members            map[string]*jsonArrayIndex // arrays among the root object's members, by name
}

// jsonArrayIndex is the text of one noted array.
type jsonArrayIndex struct {
	key              string  // its member name (unused for the root array)
	keyStart, keyEnd int     // where that name is; keyStart -1 for the root array
	start, end       int     // from its '[' to just after its ']'
	elems            []int32 // where each element starts
}

// note returns the noted index (1 + its place in p.noted) of the container
// whose opening bracket at start p has just read, before pushing it: the
// root array and the arrays among the root object's members, while their
// offsets fit an int32 (0: not noted).
func (p *jsonParser) note(object bool, start int) int {
	n := len(p.stack)
	if object || len(p.noted) >= maxNotedArrays || len(p.data) > math.MaxInt32 ||
		!(n == 0 || n == 1 && p.stack[0].object) {
		return 0
	}
	a := &jsonArrayIndex{keyStart: -1, start: start}
	if n == 1 {
		m := p.members[len(p.members)-1]
		a.key, a.keyStart = m.key, m.keyOff
	}
	p.noted = append(p.noted, a)
	return len(p.noted)
}

// element notes that a value starts at start, when it is an element of a
// noted array.
func (p *jsonParser) element(start int) {
	if n := len(p.stack); n > 0 && p.stack[n-1].noted > 0 {
		a := p.noted[p.stack[n-1].noted-1]
		a.elems = append(a.elems, int32(start))
	}
}

// table returns the noted arrays of a parsed document, or nil when there is
// none. An array whose member name the root object holds more than once is
// left out: Resolve's full pass looks into every occurrence, and a pointer
// only the earlier one holds resolves there, which the elements of the last
// one cannot tell.
func (p *jsonParser) table() *jsonArrays {
	if len(p.noted) == 0 {
		return nil
	}
	t := &jsonArrays{rootStart: skipJSONSpace(p.data, p.base), rootEnd: p.rootEnd}
	for _, a := range p.noted {
		if a.keyStart < 0 {
			t.root = a
			continue
		}
		a.keyEnd = jsonStringEnd(p.data, a.keyStart)
		if t.members == nil {
			t.members = make(map[string]*jsonArrayIndex)
		}
		t.members[a.key] = a
	}
	for k := range p.rootDups {
		delete(t.members, k) // a duplicate among the root object's members
	}
	if t.root == nil && len(t.members) == 0 {
		return nil
	}
	return t
}

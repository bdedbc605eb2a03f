package tree

// Written iterates over an object's members as written, in document order:
// a key written twice at each of its places, the earlier ones included
// (Members skips those). A source map walks it to place pointers as a pass
// over the text would; rules read Members.
func (v Value) Written() func(yield func(string, Value) bool) { return v.members(0) }

package rules

import "strconv"

// Fix is one safe, unambiguous repair of a finding. A rule states it in
// data-model terms (Changes: remove this element, replace that value); the
// engine turns the changes into Edits with the document's text, so that a fix
// touches only the bytes it must and keeps the file's indentation, quoting
// and separators. A loader, which knows the text, may give Edits directly.
// A fix whose changes cannot all be turned into edits is dropped whole.
type Fix struct {
	Description string // imperative, one line: "Remove the repeated role"
	Changes     []Change
	Edits       []Edit // sorted by offset, never overlapping; set by the engine
}

// Edit replaces the bytes from Span.Start.Offset to Span.End.Offset with
// NewText. Lines and columns (1-based, code points) are filled for output.
type Edit struct {
	Span    Span
	NewText string
}

// ChangeOp is what a Change does.
type ChangeOp uint8

// The changes a rule can ask for.
const (
	// ChangeRemove removes the array element at Pointer with its separator.
	ChangeRemove ChangeOp = iota + 1
	// ChangeReplace replaces the value at Pointer with Value.
	ChangeReplace
	// ChangeInsertBefore inserts Values as new array elements before the
	// element at Pointer, separated as that array's elements are.
	ChangeInsertBefore
)

// Change is one step of a Fix, in data-model terms.
type Change struct {
	Op      ChangeOp
	Pointer string
	Values  []any // ChangeReplace: one value; ChangeInsertBefore: the new elements
}

// RemoveElement is the change that removes the array element at pointer.
func RemoveElement(pointer string) Change { return Change{Op: ChangeRemove, Pointer: pointer} }

// ReplaceValue is the change that replaces the value at pointer with v (a
// string, bool or json.Number-like scalar).
func ReplaceValue(pointer string, v any) Change {
	return Change{Op: ChangeReplace, Pointer: pointer, Values: []any{v}}
}

// InsertBefore is the change that inserts vs before the array element at
// pointer.
func InsertBefore(pointer string, vs ...any) Change {
	return Change{Op: ChangeInsertBefore, Pointer: pointer, Values: vs}
}

// NewFix is a fix made of changes.
func NewFix(description string, changes ...Change) *Fix {
	return &Fix{Description: description, Changes: changes}
}

// ElementIndex splits an array element's pointer into the array's pointer
// and the element's index.
func ElementIndex(pointer string) (array string, index int, ok bool) {
	parent := ParentPointer(pointer)
	if len(pointer) <= len(parent)+1 {
		return "", 0, false
	}
	tok := pointer[len(parent)+1:]
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 || strconv.Itoa(i) != tok {
		return "", 0, false
	}
	return parent, i, true
}

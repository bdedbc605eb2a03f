package rules

import (
	"bytes"
	"io/fs"
)

// MustDoc reads a rule's markdown documentation from an embedded file system.
// It panics at start-up when the file is missing, which the registry test
// catches.
func MustDoc(fsys fs.FS, name string) string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic("rules: missing rule doc " + name + ": " + err.Error())
	}
	// Trimmed and given its final newline in the bytes read, which are ours
	// (the newline usually overwrites trailing space in place): one copy
	// into the string instead of two more, for every rule at start-up.
	return string(append(bytes.TrimSpace(b), '\n'))
}

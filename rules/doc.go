package rules

import (
	"io/fs"
	"strings"
)

// MustDoc reads a rule's markdown documentation from an embedded file system.
// It panics at start-up when the file is missing, which the registry test
// catches.
func MustDoc(fsys fs.FS, name string) string {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic("rules: missing rule doc " + name + ": " + err.Error())
	}
	return strings.TrimSpace(string(b)) + "\n"
}

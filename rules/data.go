package rules

import (
	"encoding/json"
	"io/fs"
	"sync"
)

// LazyJSON returns a pack's embedded data file, decoded into a T and checked
// by check (nil: no check), on first use rather than at start-up: a run that
// meets no export of the pack never pays for it. A missing or malformed file
// is a build mistake the pack's tests catch, never user input, so it panics,
// naming the file.
func LazyJSON[T any](fsys fs.FS, name string, check func(*T) error) func() T {
	return sync.OnceValue(func() T {
		var v T
		b, err := fs.ReadFile(fsys, name)
		if err == nil {
			err = json.Unmarshal(b, &v)
		}
		if err == nil && check != nil {
			err = check(&v)
		}
		if err != nil {
			panic("rules: bad embedded " + name + ": " + err.Error())
		}
		return v
	})
}

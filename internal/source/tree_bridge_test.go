package source

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Every document the loaders build carries the same data in both models,
// and each entity's Data is its own object, not a copy elsewhere.
func TestTreeMatchesMapModel(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../examples", "../../testdata"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && Supported(p) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 100 {
		t.Fatalf("only %d files found", len(files))
	}
	checked := 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := Load(p, data, Options{})
		if doc == nil {
			continue
		}
		if got := doc.Data.Any(); !reflect.DeepEqual(got, doc.Root) {
			t.Errorf("%s: Data differs from Root", p)
		}
		for _, e := range doc.Entities {
			if !reflect.DeepEqual(e.Data.Map(), e.Value) {
				t.Errorf("%s: entity %q: Data differs from Value", p, e.Pointer)
			}
			if got := doc.Data.At(e.Pointer); got != e.Data {
				t.Errorf("%s: entity %q: Data is not the node at its pointer", p, e.Pointer)
			}
			checked++
		}
	}
	if checked < 200 {
		t.Errorf("only %d entities checked", checked)
	}
}

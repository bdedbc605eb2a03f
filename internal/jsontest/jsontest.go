// Package jsontest holds what the tests of JSON outputs share: decoding as a
// schema validator reads JSON, and compiling the schemas the outputs are
// held to, the official SARIF 2.1.0 schema among them.
package jsontest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Decode decodes one JSON value as the loaders build the data model and as
// a schema validator reads it: numbers stay json.Number.
func Decode[T string | []byte](tb testing.TB, data T) any {
	tb.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader([]byte(data)))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		tb.Fatalf("not JSON: %v", err)
	}
	return v
}

// Compile compiles a JSON schema from its text under its own id, in draft
// (nil: the library's default, the newest). It loads nothing else: a $ref
// to another URL fails instead of reaching the network.
func Compile(tb testing.TB, id string, text []byte, draft *jsonschema.Draft) *jsonschema.Schema {
	tb.Helper()
	c := jsonschema.NewCompiler()
	if draft != nil {
		c.Draft = draft
	}
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, errors.New("no network in tests: " + u)
	}
	if err := c.AddResource(id, bytes.NewReader(text)); err != nil {
		tb.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// sarifID is the official SARIF schema file's own id.
const sarifID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// OfficialSARIF compiles the official SARIF 2.1.0 schema, which lives beside
// the checkout (../shared/schemas-external), never in the repository; the
// test is skipped where it is not there.
func OfficialSARIF(tb testing.TB) *jsonschema.Schema {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "schemas-external", "sarif-schema-2.1.0.json")
	text, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("official SARIF schema not found at %s", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	// The file declares draft-04 ("$schema").
	return Compile(tb, sarifID, text, jsonschema.Draft4)
}

package rules

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLazyJSON(t *testing.T) {
	files := fstest.MapFS{
		"good.json":  {Data: []byte(`{"names":["a","b"]}`)},
		"bad.json":   {Data: []byte(`{"names":`)},
		"empty.json": {Data: []byte(`{"names":[]}`)},
	}
	type list struct {
		Names []string `json:"names"`
	}
	nonEmpty := func(l *list) error {
		if len(l.Names) == 0 {
			return errors.New("no names")
		}
		return nil
	}
	if got := LazyJSON(files, "good.json", nonEmpty)(); strings.Join(got.Names, ",") != "a,b" {
		t.Errorf("good.json: %v", got.Names)
	}
	for _, c := range []struct{ name, want string }{
		{"bad.json", "bad.json: unexpected end of JSON input"},
		{"empty.json", "empty.json: no names"},
		{"missing.json", "missing.json: open missing.json"},
	} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, c.want) {
					t.Errorf("%s: panic %q, want it to contain %q", c.name, msg, c.want)
				}
			}()
			LazyJSON(files, c.name, nonEmpty)()
		}()
	}
}

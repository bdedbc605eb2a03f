//go:build ignore

// floor is bench/compare.sh's plain-parse yardstick: it decodes each file
// with the standard library and nothing else (JSON with encoding/json into
// interface{}, XML with encoding/xml token by token) and checks nothing. It
// has the ignore build tag so that go install ./... never installs it.
//
//	go build -o /tmp/floor bench/floor.go && /tmp/floor FILE...
package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
)

func main() {
	for _, path := range os.Args[1:] {
		data, err := os.ReadFile(path)
		if err == nil {
			err = parse(data)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			os.Exit(1)
		}
	}
}

func parse(data []byte) error {
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	}
	var v any
	return json.Unmarshal(data, &v)
}

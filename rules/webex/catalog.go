package webex

import (
	_ "embed"
	"encoding/json"
)

// The documented permission and resource type names are data, kept with
// their source in catalog.json, so that a new Cisco release means editing a
// list, not code.
//
//go:embed catalog.json
var catalogJSON []byte

type nameList struct {
	Source string   `json:"source"`
	Names  []string `json:"names"`
}

type catalogData struct {
	Permissions   nameList `json:"permissions"`
	ResourceTypes nameList `json:"resourceTypes"`
}

var catalog = mustCatalog(catalogJSON)

// mustCatalog panics on a malformed embedded catalog: that is a build
// mistake the package tests catch, never user input.
func mustCatalog(b []byte) catalogData {
	var c catalogData
	if err := json.Unmarshal(b, &c); err != nil {
		panic("webex: bad embedded catalog.json: " + err.Error())
	}
	if len(c.Permissions.Names) == 0 || len(c.ResourceTypes.Names) == 0 {
		panic("webex: embedded catalog.json has an empty list")
	}
	return c
}

// names is a catalog of known names plus the configured extensions.
type names struct {
	set  map[string]bool
	list []string // candidates for "did you mean"
}

func newNames(documented, extra []string) names {
	n := names{set: make(map[string]bool, len(documented)+len(extra))}
	for _, lists := range [][]string{documented, extra} {
		for _, s := range lists {
			if s != "" && !n.set[s] {
				n.set[s] = true
				n.list = append(n.list, s)
			}
		}
	}
	return n
}

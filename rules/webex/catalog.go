package webex

import (
	_ "embed"
	"encoding/json"
	"sync"
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

// catalog is parsed on first use, not at start-up: a run that meets no
// Webex profile never pays for it.
var catalog = sync.OnceValue(func() catalogData { return mustCatalog(catalogJSON) })

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

// The documented names as sets, built once and shared (read-only) by every
// document of a run that configures no extra names, the usual case.
var (
	documentedPermissions   = sync.OnceValue(func() names { return newNames(catalog().Permissions.Names, nil) })
	documentedResourceTypes = sync.OnceValue(func() names { return newNames(catalog().ResourceTypes.Names, nil) })
)

// knownPermissions returns the documented permission names plus the
// configured extra ones.
func knownPermissions(extra []string) names {
	if len(extra) == 0 {
		return documentedPermissions()
	}
	return newNames(catalog().Permissions.Names, extra)
}

// knownResourceTypes returns the documented resource type names plus the
// configured extra ones.
func knownResourceTypes(extra []string) names {
	if len(extra) == 0 {
		return documentedResourceTypes()
	}
	return newNames(catalog().ResourceTypes.Names, extra)
}

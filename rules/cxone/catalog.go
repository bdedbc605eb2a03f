package cxone

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
)

// The action types known to need a security user are data, kept with their
// source in catalog.json, so that adding one means editing a list.
//
//go:embed catalog.json
var catalogJSON []byte

type catalogData struct {
	Source          string   `json:"source"`
	SecurityActions []string `json:"securityActions"`
}

// catalog is parsed on first use, not at start-up: a run that meets no
// CXone script never pays for it.
var catalog = sync.OnceValue(func() catalogData { return mustCatalog(catalogJSON) })

// mustCatalog panics on a malformed embedded catalog: that is a build
// mistake the package tests catch, never user input.
func mustCatalog(b []byte) catalogData {
	var c catalogData
	if err := json.Unmarshal(b, &c); err != nil {
		panic("cxone: bad embedded catalog.json: " + err.Error())
	}
	if len(c.SecurityActions) == 0 {
		panic("cxone: embedded catalog.json lists no security actions")
	}
	return c
}

// securityActions returns the upper-case action types that need a security
// user: the catalog plus the configured extensions.
func securityActions(extra []string) map[string]bool {
	documented := catalog().SecurityActions
	set := make(map[string]bool, len(documented)+len(extra))
	for _, list := range [][]string{documented, extra} {
		for _, n := range list {
			if n = strings.ToUpper(strings.TrimSpace(n)); n != "" {
				set[n] = true
			}
		}
	}
	return set
}

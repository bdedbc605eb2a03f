package cxone

import (
	"errors"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// The action types known to need a security user are data, kept with their
// source in catalog.json, so that adding one means editing a list.
var catalog = rules.LazyJSON(files, "catalog.json", func(c *catalogData) error {
	if len(c.SecurityActions) == 0 {
		return errors.New("no security actions")
	}
	return nil
})

type catalogData struct {
	Source          string   `json:"source"`
	SecurityActions []string `json:"securityActions"`
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

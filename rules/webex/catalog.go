package webex

import (
	"errors"
	"sync"

	"github.com/rbaclint/rbaclint/rules"
)

// The documented permission and resource type names are data, kept with
// their source in catalog.json, so that a new Cisco release means editing a
// list, not code.
var catalog = rules.LazyJSON(files, "catalog.json", checkCatalog)

type nameList struct {
	Source string   `json:"source"`
	Names  []string `json:"names"`
}

type catalogData struct {
	Permissions   nameList `json:"permissions"`
	ResourceTypes nameList `json:"resourceTypes"`
}

func checkCatalog(c *catalogData) error {
	if len(c.Permissions.Names) == 0 || len(c.ResourceTypes.Names) == 0 {
		return errors.New("an empty list")
	}
	return nil
}

// names is a catalog of known names plus the configured extensions.
type names struct {
	set     map[string]bool
	suggest *rules.Vocabulary // candidates for "did you mean"
}

func newNames(documented, extra []string) names {
	n := names{set: make(map[string]bool, len(documented)+len(extra))}
	var list []string
	for _, lists := range [][]string{documented, extra} {
		for _, s := range lists {
			if s != "" && !n.set[s] {
				n.set[s] = true
				list = append(list, s)
			}
		}
	}
	n.suggest = rules.NewVocabulary(list)
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

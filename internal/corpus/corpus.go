// Package corpus generates rbaclint's benchmark corpus: realistic exports
// (a Webex Contact Center user-profile list, a hosted-UC tenant user list
// and a Cisco PCCE role list) at four scales, deterministically, so that
// numbers measured on different days compare.
//
// The exports are mostly valid, with a fixed small share of entities that
// break a schema constraint or a rule (one entity in ViolationEvery), so a
// run does the work of a real one: validation, rules, position resolution
// for a few hundred findings and the report.
//
// Nothing generated here is committed: the benchmarks build what they need
// in memory and bench/compare.sh writes files to a temporary directory
// through TestWriteCorpus (RBACLINT_CORPUS_DIR=dir go test ./internal/corpus
// -run TestWriteCorpus).
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Scale names a corpus size.
type Scale string

// The corpus scales.
const (
	// Small is one ~20 KB Webex profile list: a pre-commit run.
	Small Scale = "small"
	// Medium is ~5 MB over the three exports.
	Medium Scale = "medium"
	// Large is ~100 MB over the three exports: a CI run over a big tenant.
	Large Scale = "large"
	// XL is ~200 MB, twice Large: whether time and memory grow linearly.
	XL Scale = "xl"
	// Lists200 is one ~200 MB export of each JSON kind (a Webex profile
	// list and a tenant user list): whether one big export lints in less
	// memory than its own size.
	Lists200 Scale = "lists200"
)

// Scales lists every scale, smallest first.
var Scales = []Scale{Small, Medium, Large, XL, Lists200}

// ViolationEvery is the share of broken entities: one in this many breaks
// a schema constraint or a rule.
const ViolationEvery = 200

// Export names one generated file.
type Export string

// The generated exports.
const (
	WebexProfiles Export = "webex-user-profiles.json"
	TenantUsers   Export = "tenant-users.json"
	PCCERoles     Export = "pcce-roles.xml"
)

// Exports lists the exports in a fixed order.
var Exports = []Export{WebexProfiles, TenantUsers, PCCERoles}

// sizes are the target sizes in bytes of each export at each scale (each
// file stops at the first entity boundary past its target).
var sizes = map[Scale]map[Export]int{
	Small:  {WebexProfiles: 20 << 10},
	Medium: {WebexProfiles: 3 << 20, TenantUsers: 1<<20 + 512<<10, PCCERoles: 512 << 10},
	Large:  {WebexProfiles: 60 << 20, TenantUsers: 30 << 20, PCCERoles: 10 << 20},
	XL:     {WebexProfiles: 120 << 20, TenantUsers: 60 << 20, PCCERoles: 20 << 20},
	// Lists200 has no PCCE list: a 200 MB role export is not one a PCCE
	// deployment makes, and the XML's memory is measured at large and xl.
	Lists200: {WebexProfiles: 200 << 20, TenantUsers: 200 << 20},
}

// Files returns the exports of a scale, in the order of Exports.
func Files(s Scale) []Export {
	var out []Export
	for _, e := range Exports {
		if _, ok := sizes[s][e]; ok {
			out = append(out, e)
		}
	}
	return out
}

// Generate returns one export of a scale. The same arguments always give
// the same bytes.
func Generate(s Scale, e Export) ([]byte, error) {
	size, ok := sizes[s][e]
	if !ok {
		return nil, fmt.Errorf("corpus: scale %q has no %s", s, e)
	}
	switch e {
	case WebexProfiles:
		return webexProfiles(size), nil
	case TenantUsers:
		return tenantUsers(size), nil
	case PCCERoles:
		return pcceRoles(size), nil
	}
	return nil, fmt.Errorf("corpus: unknown export %q", e)
}

// Write generates a scale's exports into dir/<scale>/ and returns the paths
// written, sorted.
func Write(dir string, s Scale) ([]string, error) {
	sub := filepath.Join(dir, string(s))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range Files(s) {
		data, err := Generate(s, e)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(sub, string(e))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths, nil
}

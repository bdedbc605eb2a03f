package source

import (
	"bytes"

	"github.com/rbaclint/rbaclint/rules/kinds"
)

// ResemblesExport reports whether the raw text of a file that could not be
// parsed still looks like one of the supported exports: it shows one of a
// kind's markers (rules/kinds), keys or elements that only those exports
// use. A repository holds many JSON and YAML files that are not exports and
// that rbaclint's strict parsers reject (tsconfig.json with comments, Helm
// and Go templates); those are skipped, while a broken export still gets
// its syntax finding.
func ResemblesExport(data []byte) bool {
	for _, s := range kinds.All() {
		for _, m := range s.Markers {
			if bytes.Contains(data, []byte(m.Text)) && (m.With == nil || containsAny(data, m.With)) {
				return true
			}
		}
	}
	return false
}

func containsAny(data []byte, subs []string) bool {
	for _, s := range subs {
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}

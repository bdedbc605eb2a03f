// Package schemas holds rbaclint's JSON Schemas (draft 2020-12) as data
// embedded in the binary: one file per document kind, plus the schema of
// the .rbaclint.yaml configuration file.
//
// Each kind's schema has $defs named after the document shapes it accepts
// ("object", "array", "list", "bulk"), an "entity" definition for one main
// object, and "<shape>-envelope" definitions that check a shape's wrapper
// while leaving its entities to "entity" (so large lists can be checked
// entity by entity). Variants carry a suffix: "-uccx" for Finesse reason
// codes on UCCX (codes 1-999), "entity-delete" for the item of a Webex bulk
// DELETE. Keywords prefixed x-rbaclint- are annotations that word the
// linter's messages; validators ignore them.
package schemas

import "embed"

// FS holds the *.schema.json files; a kind's spec (rules/kinds) names its
// file.
//
//go:embed *.schema.json
var FS embed.FS

package rules

// IDs of the general rules that the loaders and the engine report themselves
// (their Rule values, with docs, live in rules/general).
const (
	IDSyntax          = "syntax"
	IDDuplicateKey    = "duplicate-key"
	IDUnknownDocument = "unknown-document"
	IDSchema          = "schema"
	IDLimit           = "limit-exceeded"
	IDUnusedIgnore    = "unused-ignore"
	IDStaleBaseline   = "stale-baseline-entry"
)

// Package general holds the rules that apply to every kind: syntax,
// duplicate keys, unknown documents, schema violations, limits and plaintext
// secrets. Most are reported by the loaders and the engine; this package
// gives them their metadata and docs.
package general

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
)

//go:embed docs/*.md
var docs embed.FS

func doc(name string) string { return rules.MustDoc(docs, "docs/"+name+".md") }

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{
	Syntax, DuplicateKey, UnknownDocument, Schema, PlaintextSecret, LimitExceeded, UnusedIgnore, StaleBaseline,
}

// Syntax is reported by the loaders.
var Syntax = &rules.Rule{
	ID:              rules.IDSyntax,
	Title:           "The file is not well-formed JSON, XML or YAML",
	Doc:             doc("syntax"),
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
}

// DuplicateKey is reported by the loaders.
var DuplicateKey = &rules.Rule{
	ID:              rules.IDDuplicateKey,
	Title:           "The same key (or single-valued XML element) appears twice in one object",
	Doc:             doc("duplicate-key"),
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Fixable:         true, // JSON members with the same value twice
}

// UnknownDocument is reported by the engine for explicitly named files.
var UnknownDocument = &rules.Rule{
	ID:              rules.IDUnknownDocument,
	Title:           "A file named on the command line matches no supported kind",
	Doc:             doc("unknown-document"),
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
}

// Schema is reported by the schema validator.
var Schema = &rules.Rule{
	ID:              rules.IDSchema,
	Title:           "The document violates its kind's schema",
	Doc:             doc("schema"),
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
}

// LimitExceeded is reported when an input exceeds a safety limit.
var LimitExceeded = &rules.Rule{
	ID:              rules.IDLimit,
	Title:           "The input exceeds a safety limit (size, nesting depth, findings)",
	Doc:             doc("limit-exceeded"),
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
}

// UnusedIgnore is reported when a configured ignore matches no finding.
var UnusedIgnore = &rules.Rule{
	ID:              rules.IDUnusedIgnore,
	Title:           "A configured ignore matches no finding",
	Doc:             doc("unused-ignore"),
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
}

// StaleBaseline is reported when a baseline entry matches no finding.
var StaleBaseline = &rules.Rule{
	ID:              rules.IDStaleBaseline,
	Title:           "A baseline entry no longer matches any finding",
	Doc:             doc("stale-baseline-entry"),
	DefaultSeverity: rules.SeverityNote,
	Category:        rules.CategorySuggestion,
}

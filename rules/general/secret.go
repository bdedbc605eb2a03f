package general

import "github.com/rbaclint/rbaclint/rules"

// PlaintextSecret finds credentials written inline in any document.
var PlaintextSecret = &rules.Rule{
	ID:               "plaintext-secret",
	Title:            "A credential is written in plain text",
	Doc:              doc("plaintext-secret"),
	DefaultSeverity:  rules.SeverityError,
	Category:         rules.CategorySecurity,
	Tags:             []string{"security"},
	SecuritySeverity: 8.5,
}

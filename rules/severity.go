package rules

import "fmt"

// Severity is how serious a finding is. The zero value means "the rule's
// default"; SeverityOff only appears in configuration.
type Severity int8

// Severities, ordered so that a larger value is more serious.
const (
	SeverityOff     Severity = -1
	SeverityDefault Severity = 0
	SeverityNote    Severity = 1
	SeverityWarning Severity = 2
	SeverityError   Severity = 3
)

func (s Severity) String() string {
	switch s {
	case SeverityOff:
		return "off"
	case SeverityNote:
		return "note"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "default"
}

// SeverityOf is a finding's severity before the configuration: its own
// when its rule gave one, else its rule's default, and error for a finding
// of no known rule (r nil) or a rule without a default. It is the one
// definition of severity defaults; the engine applies it and reporters
// read the result.
func SeverityOf(f *Finding, r *Rule) Severity {
	switch {
	case f.Severity != SeverityDefault:
		return f.Severity
	case r != nil && r.DefaultSeverity > SeverityDefault:
		return r.DefaultSeverity
	}
	return SeverityError
}

// ParseSeverity reads a configured level: off, note, warning or error.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "off":
		return SeverityOff, nil
	case "note":
		return SeverityNote, nil
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return SeverityDefault, fmt.Errorf("unknown level %q (want off, note, warning or error)", s)
}

// Category is the kind of problem a rule finds, after AWS IAM Access
// Analyzer's finding types.
type Category string

// Rule categories.
const (
	CategoryError      Category = "error"      // the platform rejects or misapplies the config
	CategorySecurity   Category = "security"   // overly permissive or risky access
	CategoryWarning    Category = "warning"    // likely mistake or best practice
	CategorySuggestion Category = "suggestion" // style and information
)

package report

import "sort"

// Formats maps each --format name to its formatter.
var Formats = map[string]Formatter{
	"text":        Text,
	"json":        JSON,
	"sarif":       SARIF,
	"github":      GitHub,
	"junit":       JUnit,
	"codeclimate": CodeClimate,
	"markdown":    Markdown,
}

// FormatNames returns the format names, sorted, for usage messages.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

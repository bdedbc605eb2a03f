// Package source loads JSON, XML and YAML exports into rbaclint documents:
// one data model per file plus a source map from JSON Pointer to text span,
// and classifies each document's kind by its content.
package source

import (
	"bytes"
	"path"
	"strings"

	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// Options control loading.
type Options struct {
	// Kind forces a kind instead of detecting it ("" detects).
	Kind rules.Kind
	// MaxDepth is the deepest nesting accepted (0: DefaultMaxDepth).
	MaxDepth int
	// Workers is the run's worker budget, which a big document's loader
	// draws helpers from (nil: the caller's goroutine alone).
	Workers *workers.Budget
	// MaxFindings is the per-file findings cap (0: none). A loader builds
	// at most this many duplicate-key findings and counts the rest in
	// Document.MoreDuplicates: a file of a million duplicate keys would
	// otherwise build every finding (gigabytes) for the cap to drop.
	MaxFindings int
}

// DefaultMaxDepth is deeper than any real export while keeping hostile
// nesting cheap to reject.
const DefaultMaxDepth = 512

// dupCount counts a loader's duplicate-key findings against the per-file
// cap (Options.MaxFindings): those built, and those past the cap, which
// become Document.MoreDuplicates.
type dupCount struct{ built, more int }

// admit says whether one more duplicate-key finding may be built, and
// counts it either way.
func (c *dupCount) admit(o Options) bool {
	if o.MaxFindings > 0 && c.built >= o.MaxFindings {
		c.more++
		return false
	}
	c.built++
	return true
}

func (o Options) maxDepth() int {
	if o.MaxDepth > 0 {
		return o.MaxDepth
	}
	return DefaultMaxDepth
}

// Load parses one file. It returns the document (nil when the file could not
// be parsed at all) and the findings the loader itself makes: syntax,
// duplicate-key and limit-exceeded, with spans set. A returned document with
// Kind "" matched no supported kind.
func Load(name string, data []byte, opts Options) (*rules.Document, []rules.Finding) {
	var doc *rules.Document
	var findings []rules.Finding
	switch sniff(name, data) {
	case rules.FormatXML:
		doc, findings = loadXML(name, data, opts)
	case rules.FormatYAML:
		doc, findings = loadYAML(name, data, opts)
	case rules.FormatDotenv:
		doc, findings = loadDotenv(name, data, opts)
	default:
		doc, findings = loadJSON(name, data, opts)
	}
	return doc, findings
}

// sniff decides the syntax from the content first (a file's name can lie),
// falling back to the extension for YAML, which has no marker.
func sniff(name string, data []byte) rules.Format {
	if isDotenvName(name) {
		return rules.FormatDotenv // NAME=value text, whatever its first byte
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(trimmed) > 0 {
		switch trimmed[0] {
		case '<':
			return rules.FormatXML
		case '{', '[':
			return rules.FormatJSON
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return rules.FormatYAML
	case ".xml":
		return rules.FormatXML
	}
	return rules.FormatJSON
}

// Supported reports whether a file met while walking a directory should be
// loaded, by its extension.
func Supported(name string) bool {
	if isDotenvName(name) {
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".xml", ".yaml", ".yml":
		return true
	}
	return false
}

// Recognisable reports whether a file could be one of the supported formats:
// a supported extension, or content that starts like JSON or XML. A named
// notes.txt is then an unknown document rather than a JSON syntax error.
func Recognisable(name string, data []byte) bool {
	if Supported(name) {
		return true
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[' || trimmed[0] == '<')
}

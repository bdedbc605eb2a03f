// Package inventory renders an access inventory (the grants of the access
// model, rules/access) as text, JSON, CSV, markdown with a Mermaid graph, or
// Graphviz dot. A renderer never decides what is granted; it only prints.
package inventory

import (
	"bufio"
	"io"

	"github.com/rbaclint/rbaclint/internal/escape"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Inventory is what `rbaclint access` prints.
type Inventory struct {
	Grants  []access.Grant // sorted, located
	Vendors []string       // vendors whose documents the run read
	Files   int            // documents read
}

// Formats maps each format name to its renderer.
var Formats = map[string]func(io.Writer, *Inventory) error{
	"text":     buffered(writeText),
	"json":     JSON,
	"csv":      CSV,
	"markdown": buffered(writeMarkdown),
	"dot":      buffered(writeDot),
}

// buffered gives a text renderer, which writes piece by piece, a buffered
// writer, and flushes it: a write error surfaces there.
func buffered(render func(*bufio.Writer, *Inventory)) func(io.Writer, *Inventory) error {
	return func(w io.Writer, inv *Inventory) error {
		bw := bufio.NewWriter(w)
		render(bw, inv)
		return bw.Flush()
	}
}

// FormatNames lists the formats in the order the help shows them.
var FormatNames = []string{"text", "json", "csv", "markdown", "dot"}

// description returns a capability's summary from the vocabulary.
func description(c access.Capability) string {
	for _, v := range access.Vocabulary {
		if v.Name == c {
			return v.Summary
		}
	}
	return ""
}

// byCapability splits sorted grants into runs of one capability, in
// vocabulary order.
func byCapability(gs []access.Grant) [][]access.Grant {
	var out [][]access.Grant
	for i := 0; i < len(gs); {
		j := i
		for j < len(gs) && gs[j].Capability == gs[i].Capability {
			j++
		}
		out = append(out, gs[i:j])
		i = j
	}
	return out
}

var clean = escape.Line

// chain renders a grant's chain with positions, safe for one line.
func chain(g *access.Grant) string { return clean(g.Chain(true)) }

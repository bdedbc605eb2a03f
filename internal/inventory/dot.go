package inventory

import (
	"bufio"
	"fmt"
	"strings"
)

// writeDot writes the markdown format's graph for Graphviz: one cluster per
// vendor, capabilities on the right.
func writeDot(bw *bufio.Writer, inv *Inventory) {
	gr := buildGraph(inv.Grants)
	fmt.Fprintf(bw, "digraph access {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n")
	for _, v := range gr.vendors {
		fmt.Fprintf(bw, "  subgraph cluster_%s {\n    label=%s;\n", v, dotString(v))
		for _, n := range gr.nodes[v] {
			fmt.Fprintf(bw, "    %s [label=%s];\n", n.id, dotString(n.label))
		}
		fmt.Fprintf(bw, "  }\n")
	}
	for _, c := range gr.caps {
		fmt.Fprintf(bw, "  %s [label=%s, shape=ellipse, style=bold];\n", c.id, dotString(c.label))
	}
	for _, e := range gr.edges {
		fmt.Fprintf(bw, "  %s -> %s;\n", e[0], e[1])
	}
	fmt.Fprintf(bw, "}\n")
}

// dotString quotes a DOT string: backslashes and quotes escaped.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(clean(s)) + `"`
}

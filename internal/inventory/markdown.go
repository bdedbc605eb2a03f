package inventory

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/escape"
)

// writeMarkdown writes an access review page: a Mermaid graph (principal → role
// or profile → capability, grouped per vendor) that GitHub and GitLab
// render, then one table per capability with every grant and its chain.
func writeMarkdown(bw *bufio.Writer, inv *Inventory) {
	fmt.Fprintf(bw, "# Access review\n\n")
	fmt.Fprintf(bw, "%d grants of privileged capabilities in %d files (vendors: %s), from `rbaclint access`.\n\n",
		len(inv.Grants), inv.Files, strings.Join(inv.Vendors, ", "))
	gr := buildGraph(inv.Grants)
	if len(gr.edges) > 0 {
		var g strings.Builder
		fmt.Fprintf(&g, "```mermaid\nflowchart LR\n")
		for _, v := range gr.vendors {
			fmt.Fprintf(&g, "  subgraph vendor_%s[\"%s\"]\n", v, mermaidText(v))
			for _, n := range gr.nodes[v] {
				fmt.Fprintf(&g, "    %s[\"%s\"]\n", n.id, mermaidText(n.label))
			}
			fmt.Fprintf(&g, "  end\n")
		}
		for _, c := range gr.caps {
			fmt.Fprintf(&g, "  %s([\"%s\"])\n", c.id, mermaidText(c.label))
		}
		for _, e := range gr.edges {
			fmt.Fprintf(&g, "  %s --> %s\n", e[0], e[1])
		}
		fmt.Fprintf(&g, "```\n\n")
		if len(gr.edges) > mermaidMaxEdges || g.Len() > mermaidMaxText {
			// Mermaid (and so GitHub and GitLab) refuses bigger diagrams.
			fmt.Fprintf(bw, "The graph (%d edges) is too big for Mermaid to draw (at most %d edges, %d characters): use `--format dot`, or narrow it with `--capability` or `--principal`.\n\n",
				len(gr.edges), mermaidMaxEdges, mermaidMaxText)
		} else {
			bw.WriteString(g.String())
		}
	}
	for _, run := range byCapability(inv.Grants) {
		c := run[0].Capability
		fmt.Fprintf(bw, "## %s\n\n%s.\n\n", c, description(c))
		fmt.Fprintf(bw, "| principal | vendor | chain | where |\n|---|---|---|---|\n")
		for k := range run {
			g := &run[k]
			ch := chain(g)
			if g.Inferred {
				ch += " *(inferred)*"
			}
			fmt.Fprintf(bw, "| %s %s | %s | %s | `%s` |\n", g.PrincipalKind, cellText(g.Principal), g.Vendor, cellText(ch), strings.ReplaceAll(clean(g.At().Place()), "`", "'"))
		}
		fmt.Fprintln(bw)
	}
	if len(inv.Grants) == 0 {
		fmt.Fprintf(bw, "No grant of the access vocabulary in the files read.\n")
	}
}

// Mermaid's default limits (maxEdges, maxTextSize), which GitHub and GitLab
// keep: a bigger diagram shows an error instead of the graph.
const (
	mermaidMaxEdges = 500
	mermaidMaxText  = 50000
)

// mermaidText escapes a label for a quoted Mermaid node: quotes and angle
// brackets as Mermaid entity codes, so that a hostile name cannot end the
// label or inject HTML.
var mermaidText = func(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(clean(s))
}

// cellText escapes a markdown table cell (escape.Cell).
var cellText = escape.Cell

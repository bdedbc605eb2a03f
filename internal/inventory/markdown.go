package inventory

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rbaclint/rbaclint/internal/escape"
)

// Markdown writes an access review page: a Mermaid graph (principal → role
// or profile → capability, grouped per vendor) that GitHub and GitLab
// render, then one table per capability with every grant and its chain.
func Markdown(w io.Writer, inv *Inventory) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Access review\n\n")
	fmt.Fprintf(bw, "%d grants of privileged capabilities in %d files (vendors: %s), from `rbaclint access`.\n\n",
		len(inv.Grants), inv.Files, strings.Join(inv.Vendors, ", "))
	gr := buildGraph(inv.Grants)
	if len(gr.edges) > 0 {
		fmt.Fprintf(bw, "```mermaid\nflowchart LR\n")
		for _, v := range gr.vendors {
			fmt.Fprintf(bw, "  subgraph vendor_%s[\"%s\"]\n", v, mermaidText(v))
			for _, n := range gr.nodes[v] {
				fmt.Fprintf(bw, "    %s[\"%s\"]\n", n.id, mermaidText(n.label))
			}
			fmt.Fprintf(bw, "  end\n")
		}
		for _, c := range gr.caps {
			fmt.Fprintf(bw, "  %s([\"%s\"])\n", c.id, mermaidText(c.label))
		}
		for _, e := range gr.edges {
			fmt.Fprintf(bw, "  %s --> %s\n", e[0], e[1])
		}
		fmt.Fprintf(bw, "```\n\n")
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
	return bw.Flush()
}

// mermaidText escapes a label for a quoted Mermaid node: quotes and angle
// brackets as Mermaid entity codes, so that a hostile name cannot end the
// label or inject HTML.
var mermaidText = func(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(clean(s))
}

// cellText escapes a markdown table cell (escape.Cell).
var cellText = escape.Cell

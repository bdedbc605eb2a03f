package inventory

import (
	"bufio"
	"fmt"
)

// writeText groups the grants by capability, then principal: one line with the
// grant's position and principal, one with the chain of links.
func writeText(bw *bufio.Writer, inv *Inventory) {
	for i, run := range byCapability(inv.Grants) {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		c := run[0].Capability
		fmt.Fprintf(bw, "%s: %s (%d)\n", c, description(c), len(run))
		for k := range run {
			g := &run[k]
			note := ""
			if g.Inferred {
				note = " (inferred)"
			}
			fmt.Fprintf(bw, "  %s: %s %s [%s]%s\n", clean(g.At().Place()), g.PrincipalKind, clean(g.Principal), g.Vendor, note)
			fmt.Fprintf(bw, "      %s\n", chain(g))
		}
	}
	if len(inv.Grants) == 0 {
		fmt.Fprintln(bw, "no grant of the access vocabulary in the files read")
	}
}

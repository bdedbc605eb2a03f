package config

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules/registry"
)

// SchemaURL is the configuration schema's $id: a stable address editors can
// fetch it from (the file on the main branch). init writes it as the YAML
// language server's modeline; a test keeps the two equal.
const SchemaURL = "https://raw.githubusercontent.com/rbaclint/rbaclint/main/schemas/rbaclint-config.schema.json"

// Starter is the commented configuration `rbaclint init` writes; its
// catalog and vendor sections are the packs' declared options. Every
// example is an indented comment under its section, so uncommenting it in an
// editor (which removes "# " and keeps the indentation) gives valid YAML: an
// empty section is the same as an absent one.
var Starter = `# yaml-language-server: $schema=` + SchemaURL + `
# rbaclint configuration. Reference: https://github.com/rbaclint/rbaclint#configuration
version: 1

# Rule levels: off, note, warning or error (rbaclint rules lists every rule ID).
rules:
  # tenant/realtime-auto-assign: off

# Levels for some paths only; later entries win.
overrides:
  # - files: ["exports/legacy/**"]
  #   rules:
  #     schema: warning

# Findings that are acceptable, each with a reason. An ignore that matches
# nothing is reported, so stale entries do not pile up.
ignore:
  # - rule: webex/privilege-escalation
  #   files: ["exports/webex/user-profiles.json"]
  #   pointer: /data/4            # optional: this JSON Pointer and everything below it
  #   reason: Tier-2 supervisors manage agent users by design (ticket CC-1234)

# Force a kind where detection by content cannot tell.
kinds:
  # - files: ["exports/odd/*.json"]
  #   kind: webex-user-profile

# Paths skipped, whether walked or named (pre-commit names staged files).
exclude:
  # - "exports/archive/**"

# Catalog extensions: names your platform has that rbaclint does not know.
catalog:
` + optionLines("catalog.") + `
# Access policies: who may hold a capability of the access vocabulary
# (rbaclint access --list); a grant to anyone else fails the run.
access:
  # - capability: manage-admins
  #   allow: ["CORP\\secops-*", "SystemAdmin"]   # principals, or roles they hold it through
  #   reason: Only SecOps creates administrators (ISO 27001 A.9.2)

# Vendor options.
` + optionLines("") + `
# Safety limits.
limits:
  # maxFileSize: 268435456
  # maxDepth: 512
  # maxFindings: 1000
`

// optionLines writes the commented examples of the declared options whose
// key starts with prefix ("catalog.": the catalog section's vendors;
// "": the vendor sections), grouped by vendor in declaration order.
func optionLines(prefix string) string {
	var b strings.Builder
	last := ""
	for _, opt := range registry.Options() {
		rest, ok := strings.CutPrefix(opt.Key, prefix)
		if !ok || (prefix == "" && strings.HasPrefix(opt.Key, "catalog.")) {
			continue
		}
		vendor, name, _ := strings.Cut(rest, ".")
		if prefix == "" {
			if vendor != last {
				b.WriteString(vendor + ":\n")
			}
			fmt.Fprintf(&b, "  # %-20s# %s\n", name+": "+opt.Example, opt.Doc)
		} else {
			if vendor != last {
				b.WriteString("  # " + vendor + ":\n")
			}
			lines := strings.Split(opt.Example, "\n")
			if len(lines) == 1 {
				b.WriteString("  #   " + name + ": " + opt.Example + "\n")
			} else {
				b.WriteString("  #   " + name + ":\n")
				for _, l := range lines {
					b.WriteString("  #     " + l + "\n")
				}
			}
		}
		last = vendor
	}
	return b.String()
}

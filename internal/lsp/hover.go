package lsp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// hover explains what is under the cursor: the findings there (message and
// the rule's documentation), else the role key, feature or permission name
// there (what it grants, from the packs' access mappings).
func (s *server) hover(p *hoverParams) *hover {
	path := uriToPath(p.TextDocument.URI)
	findings, text, kind, enc, ok := s.current(path)
	if !ok {
		return nil
	}
	li := newLineIndex(text, enc)
	at := rangeLSP{Start: p.Position, End: p.Position}
	var b strings.Builder
	var where *rangeLSP
	for _, f := range findings {
		r := li.rangeOf(f.Span)
		if !touches(r, at) {
			continue
		}
		if where == nil {
			where = &r
		}
		if b.Len() > 0 {
			b.WriteString("\n\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** (%s): %s", f.RuleID, f.Severity, f.Message)
		if f.Fix != nil {
			fmt.Fprintf(&b, "\n\nQuick fix: %s.", f.Fix.Description)
		}
		if r := registry.ByID(f.RuleID); r != nil {
			fmt.Fprintf(&b, "\n\n### %s\n\n%s", r.Title, r.Doc)
		}
	}
	if b.Len() == 0 {
		off := li.offset(p.Position)
		from, to := wordAt(text, off)
		if from == to {
			return nil
		}
		desc := describeName(kind, string(text[from:to]))
		if desc == "" {
			return nil
		}
		b.WriteString(desc)
		r := rangeLSP{Start: li.position(from), End: li.position(to)}
		where = &r
	}
	h := &hover{Range: where}
	h.Contents.Kind, h.Contents.Value = "markdown", b.String()
	return h
}

// nameByte is a byte of a role key, feature or permission name.
func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
}

// wordAt returns the name around off.
func wordAt(text []byte, off int) (int, int) {
	from, to := off, off
	for from > 0 && nameByte(text[from-1]) {
		from--
	}
	for to < len(text) && nameByte(text[to]) {
		to++
	}
	return from, to
}

// describeName says what a name grants according to the access mappings
// of the packs that read documents of kind.
func describeName(kind rules.Kind, name string) string {
	var b strings.Builder
	for _, src := range registry.GrantSources() {
		if !slices.Contains(src.Kinds, kind) {
			continue
		}
		for _, row := range src.Mapping() {
			if !strings.EqualFold(row.Name, name) {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			fmt.Fprintf(&b, "**%s** (%s %s", row.Name, src.Vendor, row.Grant)
			if len(row.Access) > 0 {
				fmt.Fprintf(&b, " with %s", strings.Join(row.Access, " or "))
			}
			b.WriteString(")")
			if len(row.Capabilities) == 0 {
				b.WriteString(" grants no privileged capability.")
			} else {
				b.WriteString(" grants:\n")
				for _, c := range row.Capabilities {
					fmt.Fprintf(&b, "\n- `%s`: %s", c, summary(c))
				}
			}
			if len(row.Includes) > 0 {
				fmt.Fprintf(&b, "\n\nIncludes %s.", strings.Join(row.Includes, ", "))
			}
			fmt.Fprintf(&b, "\n\nSource: %s", row.Source)
			if row.Inferred {
				b.WriteString(" (inferred)")
			}
		}
	}
	return b.String()
}

func summary(c access.Capability) string {
	for _, v := range access.Vocabulary {
		if v.Name == c {
			return v.Summary
		}
	}
	return ""
}

package cxone

import (
	_ "embed"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Which action grants which capability is data, with a source per row
// (domain/pcce-cxone-finesse.md §2.1–2.2; every row is inferred).
//
//go:embed grants.json
var grantsJSON []byte

var mapping = access.Lazy(grantsJSON)

// Access is the CXone part of the access model. A script (by its header's
// scriptName, else its file) runs as the security user its SETSECURITYUSER
// action names: it holds api-admin through that action, and what its other
// actions grant through them.
var Access = access.Source{
	Vendor:  "cxone",
	Kinds:   []rules.Kind{rules.KindCXoneScript},
	Mapping: mapping,
	Grants:  grants,
}

func grants(docs []*rules.Document, _ *rules.Options) []access.Grant {
	var out []access.Grant
	for _, doc := range docs {
		s := scriptOf(doc)
		var setter *action
		for _, id := range s.ids {
			if a := s.actions[id]; a.isSetter() {
				setter = a
				break
			}
		}
		if setter == nil {
			continue // no security user: the script calls no API as anyone
		}
		top, _ := rules.Object(doc.Root)
		header, _ := rules.Object(top["header"])
		name, _ := rules.String(header, "scriptName")
		script := access.Link{Kind: "script", Name: name, Path: doc.Path, Pointer: "/header/scriptName"}
		if strings.TrimSpace(name) == "" {
			script = access.Link{Kind: "script", Name: doc.Path, Path: doc.Path}
		}
		user := access.Link{Kind: "security user", Name: "(not set)", Path: doc.Path}
		user.Pointer, _ = setter.pointer()
		for _, p := range setter.props {
			if strings.EqualFold(p.name, "Agent") {
				if v, ok := p.value.(string); ok && v != "" {
					user.Name, user.Pointer = v, p.pointer
				}
				break
			}
		}
		for _, id := range s.ids {
			a := s.actions[id]
			for _, row := range access.Find(mapping(), "action", a.typ, "") {
				via := []access.Link{script, user}
				if !a.isSetter() {
					ptr, _ := a.pointer()
					via = append(via, access.Link{Kind: "action", Name: a.typ + " " + a.id, Path: doc.Path, Pointer: ptr})
				}
				out = append(out, row.Grants(access.PrincipalScript, via...)...)
			}
		}
	}
	return out
}

package cxone

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/access"
)

// Access is the CXone part of the access model. A script (by its header's
// scriptName, else its file) runs as the security user its SETSECURITYUSER
// action names: it holds api-admin through that action, and what its other
// actions grant through them.
//
// Which action grants which capability is data (grants.json), with a source
// per row (domain/pcce-cxone-finesse.md §2.1–2.2; every row is inferred).
var Access = access.NewSource("cxone", []rules.Kind{rules.KindCXoneScript}, files, access.EachDocument(grants))

func grants(doc *rules.Document, rows []access.Mapping) []access.Grant {
	s := scriptOf(doc)
	if len(s.setters) == 0 {
		return nil // no security user: the script calls no API as anyone
	}
	setter := s.setters[0]
	name, _ := doc.Data.Get("header").Get("scriptName").Str()
	script := access.Link{Kind: "script", Name: name, Path: doc.Path, Pointer: "/header/scriptName"}
	if strings.TrimSpace(name) == "" {
		script = access.Link{Kind: "script", Name: doc.Path, Path: doc.Path}
	}
	user := access.Link{Kind: "security user", Name: "(not set)", Path: doc.Path}
	user.Pointer, _ = setter.pointer()
	for _, p := range setter.props {
		if strings.EqualFold(p.name, "Agent") {
			if v, ok := p.value.Str(); ok && v != "" {
				user.Name, user.Pointer = v, p.pointer
			}
			break
		}
	}
	var out []access.Grant
	for _, id := range s.ids {
		a := s.actions[id]
		via := []access.Link{script, user}
		if !a.isSetter() {
			ptr, _ := a.pointer()
			via = append(via, access.Link{Kind: "action", Name: a.typ + " " + a.id, Path: doc.Path, Pointer: ptr})
		}
		out = append(out, access.FindGrants(rows, "action", a.typ, "", access.PrincipalScript, via...)...)
	}
	return out
}

package inventory

import (
	"encoding/json"
	"io"
)

// JSONVersion is the version of the JSON inventory format (README, "Access
// reviews"); it changes only when a field changes meaning or goes away.
const JSONVersion = 1

type jsonInventory struct {
	Version int         `json:"version"`
	Vendors []string    `json:"vendors"`
	Grants  []jsonGrant `json:"grants"`
}

type jsonGrant struct {
	Principal     string     `json:"principal"`
	PrincipalKind string     `json:"principalKind"`
	Vendor        string     `json:"vendor"`
	Capability    string     `json:"capability"`
	File          string     `json:"file"`
	Line          int        `json:"line"`
	Column        int        `json:"column"`
	Inferred      bool       `json:"inferred"`
	Source        string     `json:"source"`
	Via           []jsonLink `json:"via"`
}

type jsonLink struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
}

// JSON writes the versioned inventory document.
func JSON(w io.Writer, inv *Inventory) error {
	out := jsonInventory{Version: JSONVersion, Vendors: inv.Vendors, Grants: []jsonGrant{}}
	if out.Vendors == nil {
		out.Vendors = []string{}
	}
	for i := range inv.Grants {
		g := &inv.Grants[i]
		at := g.At()
		jg := jsonGrant{
			Principal: g.Principal, PrincipalKind: string(g.PrincipalKind), Vendor: g.Vendor, Capability: string(g.Capability),
			File: at.Path, Line: at.Line, Column: at.Column, Inferred: g.Inferred, Source: g.Source,
		}
		for _, l := range g.Via {
			jg.Via = append(jg.Via, jsonLink{Kind: l.Kind, Name: l.Name, File: l.Path, Line: l.Line, Column: l.Column, Pointer: l.Pointer})
		}
		out.Grants = append(out.Grants, jg)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

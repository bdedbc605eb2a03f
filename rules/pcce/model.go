package pcce

import (
	"strings"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Readers for the PCCE data model (see the XML loader): a role is
// {name, description, refURL, changeStamp, systemDefined, accessList[],
// administrators[]}, an administrator is {userName, domainName, refURL,
// readOnly, role{refURL,name}, departments[]}. Values of the wrong type read
// as absent: the schema rule reports them.

// systemDefined reports whether the role says it is one of the platform's own.
func systemDefined(role map[string]any) bool {
	b, ok := rules.Bool(role, "systemDefined")
	return ok && b
}

// roleLabel and adminLabel name roles and administrators (or references
// to them) the way the kind list does, so that schema findings and this
// pack's findings call an entity alike.
var (
	roleLabel  = kinds.PCCERoleLabel
	adminLabel = kinds.PCCEAdminLabel
)

// feature is one entry of a role's accessList. It keeps the entry's index,
// not its pointer: almost no feature is ever reported, so the pointer is
// built only for a finding.
type feature struct {
	name  string
	index int // in the accessList
}

// pointer returns the pointer to the entry's name member, below the role at
// rolePointer.
func (f feature) pointer(rolePointer string) string {
	return rules.PointerJoin(rolePointer, "accessList", f.index, "name")
}

// appendFeatures appends the named entries of a role's accessList to dst in
// order, so that a rule reuses one slice for every role.
func appendFeatures(dst []feature, role map[string]any) []feature {
	list, _ := rules.Array(role["accessList"])
	for i, v := range list {
		f, _ := rules.Object(v)
		name, _ := rules.String(f, "name")
		if name == "" {
			continue
		}
		dst = append(dst, feature{name: name, index: i})
	}
	return dst
}

// customRoles calls fn for every role of a pcce-roles document that is not
// system-defined: the rules about what a custom role may grant do not apply
// to the built-in roles, which legitimately hold every feature.
func customRoles(doc *rules.Document, fn func(rules.Entity)) {
	for _, e := range doc.Entities {
		if !systemDefined(e.Value) {
			fn(e)
		}
	}
}

// customFeatures calls fn for each named feature of every custom role of doc
// (see customRoles), in document order, reusing one slice for every role.
func customFeatures(doc *rules.Document, fn func(role rules.Entity, f feature)) {
	var fs []feature
	customRoles(doc, func(e rules.Entity) {
		fs = appendFeatures(fs[:0], e.Value)
		for _, f := range fs {
			fn(e, f)
		}
	})
}

// roleRef reads an administrator's role reference. An empty <role/> reads as
// the empty string; both parts are then "".
func roleRef(admin map[string]any) (ref map[string]any, refURL, name string) {
	ref, _ = rules.Object(admin["role"])
	refURL, _ = rules.String(ref, "refURL")
	name, _ = rules.String(ref, "name")
	return ref, refURL, name
}

// sameAdmin reports whether an administrator reference (from a role's
// administrators list) and an administrator export are the same account:
// by refURL when both have one, else by user name and, when both give it,
// domain (a blank domain means the default one).
func sameAdmin(ref, admin map[string]any) bool {
	r1, _ := rules.String(ref, "refURL")
	r2, _ := rules.String(admin, "refURL")
	if r1 != "" && r2 != "" {
		return r1 == r2
	}
	u1, _ := rules.String(ref, "userName")
	u2, _ := rules.String(admin, "userName")
	if u1 == "" || !strings.EqualFold(u1, u2) {
		return false
	}
	d1, _ := rules.String(ref, "domainName")
	d2, _ := rules.String(admin, "domainName")
	return d1 == "" || d2 == "" || strings.EqualFold(d1, d2)
}

// docsOfKind keeps the documents of one kind from a set pass.
func docsOfKind(docs []*rules.Document, k rules.Kind) []*rules.Document {
	var out []*rules.Document
	for _, d := range docs {
		if d.Kind == k {
			out = append(out, d)
		}
	}
	return out
}

package pcce

import (
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// Readers for the PCCE data model (see the XML loader): a role is
// {name, description, refURL, changeStamp, systemDefined, accessList[],
// administrators[]}, an administrator is {userName, domainName, refURL,
// readOnly, role{refURL,name}, departments[]}. Values of the wrong type read
// as absent: the schema rule reports them.

// systemDefined reports whether the role says it is one of the platform's own.
func systemDefined(role tree.Value) bool {
	b, ok := role.Get("systemDefined").Bool()
	return ok && b
}

// present reports whether a member is written with a value other than null.
func present(v tree.Value) bool { return v.Exists() && !v.IsNull() }

// given reports whether a member is written with a value: not missing,
// null or the empty string. Values of the wrong type count as given: the
// schema reports them.
func given(v tree.Value) bool {
	if s, ok := v.Str(); ok {
		return s != ""
	}
	return present(v)
}

// roleLabel and adminLabel name roles and administrators (or references
// to them) the way the kind list does, so that schema findings and this
// pack's findings call an entity alike. They are worded only for a
// finding.
func roleLabel(role tree.Value) string   { return kinds.PCCERoleLabel(role) }
func adminLabel(admin tree.Value) string { return kinds.PCCEAdminLabel(admin) }

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
func appendFeatures(dst []feature, role tree.Value) []feature {
	for i, f := range role.Get("accessList").Elems() {
		name, _ := f.Get("name").Str()
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
		if !systemDefined(e.Data) {
			fn(e)
		}
	}
}

// customFeatures calls fn for each named feature of every custom role of doc
// (see customRoles), in document order, reusing one slice for every role.
func customFeatures(doc *rules.Document, fn func(role rules.Entity, f feature)) {
	var fs []feature
	customRoles(doc, func(e rules.Entity) {
		fs = appendFeatures(fs[:0], e.Data)
		for _, f := range fs {
			fn(e, f)
		}
	})
}

// roleRef reads an administrator's role reference; ok is false when it is
// not an object. An empty <role/> reads as the empty string, so it is not
// one.
func roleRef(admin tree.Value) (ref tree.Value, refURL, name string, ok bool) {
	ref = admin.Get("role")
	refURL, _ = ref.Get("refURL").Str()
	name, _ = ref.Get("name").Str()
	return ref, refURL, name, ref.IsObject()
}

// sameAdmin reports whether an administrator reference (from a role's
// administrators list) and an administrator export are the same account:
// by refURL when both have one, else by user name and, when both give it,
// domain (a blank domain means the default one).
func sameAdmin(ref, admin tree.Value) bool {
	r1, _ := ref.Get("refURL").Str()
	r2, _ := admin.Get("refURL").Str()
	if r1 != "" && r2 != "" {
		return r1 == r2
	}
	u1, _ := ref.Get("userName").Str()
	u2, _ := admin.Get("userName").Str()
	if u1 == "" || !strings.EqualFold(u1, u2) {
		return false
	}
	d1, _ := ref.Get("domainName").Str()
	d2, _ := admin.Get("domainName").Str()
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

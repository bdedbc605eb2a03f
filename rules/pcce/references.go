package pcce

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// ReferenceWithoutRefURL reports a reference that names an item but has no
// refURL: on create and update the API reads only the refURL.
var ReferenceWithoutRefURL = &rules.Rule{
	ID:              "pcce/reference-without-refurl",
	Title:           "A reference names an item but has no refURL",
	Doc:             doc("reference-without-refurl"),
	Kinds:           roleAndAdminKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkReferenceWithoutRefURL,
}

// reference is one reference member of an entity: a single object
// ("role", "department", "customer") or a list of them ("departments",
// "administrators"), and the item type its refURL names.
type reference struct {
	member, typ string
	list        bool
}

var entityReferences = map[rules.Kind][]reference{
	rules.KindPCCERoles: {{member: "department", typ: "department"}, {member: "administrators", typ: "administrator", list: true}},
	rules.KindPCCEAdministrators: {{member: "role", typ: "role"}, {member: "departments", typ: "department", list: true},
		{member: "department", typ: "department"}, {member: "customer", typ: "customer"}},
}

func checkReferenceWithoutRefURL(pass *rules.Pass) {
	refs := entityReferences[pass.Doc.Kind]
	for _, e := range pass.Doc.Entities {
		for _, r := range refs {
			if !r.list {
				if obj, ok := rules.Object(e.Value[r.member]); ok {
					reportUnlinked(pass, e, r, obj, rules.PointerJoin(e.Pointer, r.member))
				}
				continue
			}
			list, _ := rules.Array(e.Value[r.member])
			for i, x := range list {
				if obj, ok := rules.Object(x); ok {
					reportUnlinked(pass, e, r, obj, rules.PointerJoin(e.Pointer, r.member, i))
				}
			}
		}
	}
}

// reportUnlinked reports obj when it identifies an item (a name, a user
// name) without a refURL.
func reportUnlinked(pass *rules.Pass, e rules.Entity, r reference, obj map[string]any, ptr string) {
	if v, ok := obj["refURL"]; ok && v != nil && v != "" {
		return
	}
	named := ""
	for _, k := range [...]string{"name", "userName"} {
		if s, _ := rules.String(obj, k); strings.TrimSpace(s) != "" {
			named = s
			break
		}
	}
	if named == "" {
		return // an empty reference: admin-without-role and the schema speak to it
	}
	owner := roleLabel(e.Value)
	if pass.Doc.Kind == rules.KindPCCEAdministrators {
		owner = adminLabel(e.Value)
	}
	pass.Report(rules.Finding{
		Pointer: ptr,
		Target:  rules.TargetKey,
		Entity:  owner,
		Message: fmt.Sprintf("the %s reference %q of %s has no refURL; on create and update only the refURL is read, "+
			"so it assigns nothing: add <refURL>/unifiedconfig/config/%s/<id></refURL>", r.typ, named, owner, r.typ),
	})
}

// DuplicateAdministrator reports the same Active Directory account given as
// two administrators across the run.
var DuplicateAdministrator = &rules.Rule{
	ID:              "pcce/duplicate-administrator",
	Title:           "The same account is two administrators",
	Doc:             doc("duplicate-administrator"),
	Kinds:           adminKinds,
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	CheckSet:        checkDuplicateAdministrator,
}

func checkDuplicateAdministrator(pass *rules.SetPass) {
	type seen struct{ path, pointer, refURL, label string }
	first := map[string]seen{}
	for _, doc := range docsOfKind(pass.Docs, rules.KindPCCEAdministrators) {
		for _, e := range doc.Entities {
			user, _ := rules.String(e.Value, "userName")
			if strings.TrimSpace(user) == "" {
				continue
			}
			domain, _ := rules.String(e.Value, "domainName")
			k := strings.ToLower(strings.TrimSpace(user)) + "\x00" + strings.ToLower(strings.TrimSpace(domain))
			ref, _ := rules.String(e.Value, "refURL")
			prev, dup := first[k]
			if !dup {
				first[k] = seen{doc.Path, e.Pointer, ref, adminLabel(e.Value)}
				continue
			}
			if ref != "" && ref == prev.refURL {
				continue // the same administrator exported twice
			}
			pass.Report(rules.Finding{
				Path:    doc.Path,
				Pointer: rules.PointerJoin(e.Pointer, "userName"),
				Entity:  adminLabel(e.Value),
				Message: fmt.Sprintf("%s is the same account as %s (user and domain names compared ignoring case); "+
					"an Active Directory account can be one administrator only: merge them", adminLabel(e.Value), prev.label),
				Related: []rules.Related{{Path: prev.path, Pointer: rules.PointerJoin(prev.pointer, "userName"), Message: "first administrator with this account"}},
			})
		}
	}
}

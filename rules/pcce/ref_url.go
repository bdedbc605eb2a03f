package pcce

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// RefURL reports a refURL that is malformed or names the wrong item type.
var RefURL = &rules.Rule{
	ID:              "pcce/ref-url",
	Title:           "A refURL is not /unifiedconfig/config/<type>/<id> for the right type",
	Doc:             doc("ref-url"),
	Kinds:           []rules.Kind{rules.KindPCCERoles, rules.KindPCCEAdministrators},
	DefaultSeverity: rules.SeverityError,
	Category:        rules.CategoryError,
	Check:           checkRefURL,
}

// refURLForm is a relative item URL. The id is a positive integer, or the
// "(id)" placeholder of the vendor's own samples.
var refURLForm = regexp.MustCompile(`^/unifiedconfig/config/([A-Za-z]+)/([1-9][0-9]*|\(id\))$`)

// isPlaceholder reports whether a refURL carries the "(id)" placeholder,
// which names no particular item.
func isPlaceholder(refURL string) bool { return strings.HasSuffix(refURL, "/(id)") }

func checkRefURL(pass *rules.Pass) {
	for _, e := range pass.Doc.Entities {
		switch pass.Doc.Kind {
		case rules.KindPCCERoles:
			checkRoleRefURLs(pass, e)
		case rules.KindPCCEAdministrators:
			checkAdminRefURLs(pass, e)
		}
	}
}

func checkRoleRefURLs(pass *rules.Pass, e rules.Entity) {
	role := roleLabel(e.Value)
	checkOneRefURL(pass, e.Value, e.Pointer, role, role, "role")
	admins, _ := rules.Array(e.Value["administrators"])
	for i, v := range admins {
		ref, _ := rules.Object(v)
		where := fmt.Sprintf("the reference to %s in %s", adminLabel(ref), role)
		checkOneRefURL(pass, ref, rules.PointerJoin(e.Pointer, "administrators", i), role, where, "administrator")
	}
}

func checkAdminRefURLs(pass *rules.Pass, e rules.Entity) {
	admin := adminLabel(e.Value)
	checkOneRefURL(pass, e.Value, e.Pointer, admin, admin, "administrator")
	if ref, _, _ := roleRef(e.Value); ref != nil {
		checkOneRefURL(pass, ref, rules.PointerJoin(e.Pointer, "role"), admin, "the role reference of "+admin, "role")
	}
	depts, _ := rules.Array(e.Value["departments"])
	for i, v := range depts {
		ref, _ := rules.Object(v)
		where := "a department reference of " + admin
		if name, _ := rules.String(ref, "name"); name != "" {
			where = fmt.Sprintf("the reference to department %q in %s", name, admin)
		}
		checkOneRefURL(pass, ref, rules.PointerJoin(e.Pointer, "departments", i), admin, where, "department")
	}
}

// checkOneRefURL checks obj.refURL, which must name an item of type want.
// A missing refURL is fine: on create it is assigned by the platform.
func checkOneRefURL(pass *rules.Pass, obj map[string]any, objPointer, entity, where, want string) {
	v, ok := rules.String(obj, "refURL")
	if !ok {
		return
	}
	problem := refURLProblem(v, want)
	if problem == "" {
		return
	}
	pass.Report(rules.Finding{
		Pointer: rules.PointerJoin(objPointer, "refURL"),
		Entity:  entity,
		Message: fmt.Sprintf("refURL %q of %s %s", v, where, problem),
	})
}

// refURLProblem says what is wrong with v as the refURL of an item of type
// want, and what to write instead; "" when v is fine.
func refURLProblem(v, want string) string {
	expected := "/unifiedconfig/config/" + want + "/<id>"
	if m := refURLForm.FindStringSubmatch(v); m != nil {
		if m[1] == want {
			return ""
		}
		return fmt.Sprintf("names item type %s where %s is expected; use %s", m[1], want, expected)
	}
	if u, err := url.Parse(v); err == nil && u.IsAbs() && refURLForm.MatchString(u.Path) {
		return fmt.Sprintf("is absolute, but refURLs are relative; use %q", u.Path)
	}
	if rest, ok := strings.CutPrefix(v, "/unifiedconfig/"); ok && refURLForm.MatchString("/unifiedconfig/config/"+rest) {
		return fmt.Sprintf("lacks the config/ segment; use %q", "/unifiedconfig/config/"+rest)
	}
	return "is not of the form " + expected
}

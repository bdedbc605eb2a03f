package kinds

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// Cisco Packaged CCE unifiedconfig exports (XML; domain notes §1.3–1.6):
// one entity, or a list in a <results> envelope with paging.

// PCCERoles is PCCE roles: <role> or <results><roles>….
var PCCERoles = pcceKind(rules.KindPCCERoles, XML{Entity: "role", Fields: pcceRole, Collection: "roles", BareEntity: true},
	func(e rules.Entity, _ int) string { return PCCERoleLabel(e.Data) }, roleLabelReads, "<role>", "<roles>", "<results>")

// PCCEAdministrators is PCCE administrators: <administrator> or
// <results><administrators>….
var PCCEAdministrators = pcceKind(rules.KindPCCEAdministrators, XML{Entity: "administrator", Fields: pcceAdministrator, Collection: "administrators", BareEntity: true},
	func(e rules.Entity, _ int) string { return PCCEAdminLabel(e.Data) }, adminLabelReads, "<administrator>", "<administrators>")

// PCCEFeatures is the role/available_features answer: <accessList> or
// <results><accessList>.
var PCCEFeatures = pcceKind(rules.KindPCCEFeatures, XML{Entity: "feature", Fields: pcceFeature, Collection: "accessList", BareCollection: true},
	featureLabel, []string{"name"}, "<accessList>", "<feature>")

// pcceKind completes a PCCE kind: lists come in a <results> envelope
// (read as the list envelope on the collection), and each kind's schema
// file is named after it. markers are the element names that show it.
func pcceKind(name rules.Kind, x XML, label func(rules.Entity, int) string, labelReads []string, markers ...string) *Spec {
	x.Results, x.Repeated = pcceResults, pcceRepeated
	ms := make([]Marker, len(markers))
	for i, m := range markers {
		ms[i] = Marker{Text: m}
	}
	return &Spec{
		Markers:    ms,
		Name:       name,
		Envelopes:  []Envelope{{Shape: rules.ShapeList, Member: x.Collection}},
		XML:        &x,
		Label:      label,
		LabelReads: labelReads,
		Identity:   fingerprintIdentity,
		Schema:     string(name) + ".schema.json",
	}
}

// pcceRepeated is documented: the API uses the last value given.
const pcceRepeated = "PCCE keeps the last value"

var (
	pcceFeature  = XMLFields{"name": xmlString, "category": xmlString}
	pcceAdminRef = XMLFields{"refURL": xmlString, "userName": xmlString, "domainName": xmlString}
	pcceRef      = XMLFields{"refURL": xmlString, "name": xmlString}

	// department and correlationId: the Role and Administrator beans of
	// Cisco's CCE Config Sample REST Toolkit bind them; customer: the UCCE
	// Administrator API.
	pcceRole = XMLFields{
		"name": xmlString, "description": xmlString, "refURL": xmlString, "correlationId": xmlString,
		"department":     XMLObjectOf(pcceRef),
		"changeStamp":    xmlInt,
		"systemDefined":  xmlBool,
		"accessList":     XMLArrayOf("feature", pcceFeature),
		"administrators": XMLArrayOf("administrator", pcceAdminRef),
	}
	pcceAdministrator = XMLFields{
		"userName": xmlString, "domainName": xmlString, "description": xmlString, "refURL": xmlString,
		"correlationId": xmlString,
		"changeStamp":   xmlInt,
		"readOnly":      xmlBool, "ssoEnabled": xmlBool, "supervisor": xmlBool,
		"role":        XMLObjectOf(pcceRef),
		"departments": XMLArrayOf("department", pcceRef),
		"department":  XMLObjectOf(pcceRef),
		"customer":    XMLObjectOf(pcceRef),
	}
	pcceResults = &XMLResults{Tag: "results", Fields: XMLFields{
		"pageInfo": XMLObjectOf(XMLFields{
			"totalResults": xmlInt, "resultsPerPage": xmlInt, "startIndex": xmlInt,
			"nextPage": xmlString, "prevPage": xmlString, "firstPage": xmlString, "lastPage": xmlString,
			"searchTerm": xmlString, "sortTerm": xmlString,
		}),
		"permissionInfo": XMLObjectOf(XMLFields{
			"canCreate": xmlBool, "canUpdate": xmlBool, "canDelete": xmlBool, "departmentAdmin": xmlBool,
			"role": xmlString,
		}),
	}}
)

// roleLabelReads and adminLabelReads are the members PCCERoleLabel and
// PCCEAdminLabel read.
var (
	roleLabelReads  = []string{"name", "refURL"}
	adminLabelReads = []string{"userName", "domainName", "refURL"}
)

// PCCERoleLabel names a role in messages and Finding.Entity.
func PCCERoleLabel(role tree.Value) string {
	if name, _ := role.Get("name").Str(); name != "" {
		return fmt.Sprintf("role %q", name)
	}
	if ref, _ := role.Get("refURL").Str(); ref != "" {
		return "role " + ref
	}
	return "unnamed role"
}

// PCCEAdminLabel names an administrator (or an administrator reference) as
// user@domain, the fully qualified form PCCE logins use.
func PCCEAdminLabel(admin tree.Value) string {
	user, _ := admin.Get("userName").Str()
	domain, _ := admin.Get("domainName").Str()
	switch {
	case user != "" && domain != "":
		return fmt.Sprintf("administrator %q", user+"@"+domain)
	case user != "":
		return fmt.Sprintf("administrator %q", user)
	}
	if ref, _ := admin.Get("refURL").Str(); ref != "" {
		return "administrator " + ref
	}
	return "unnamed administrator"
}

func featureLabel(e rules.Entity, index int) string {
	if s, _ := e.Data.Get("name").Str(); strings.TrimSpace(s) != "" {
		return fmt.Sprintf("feature %q", strings.TrimSpace(s))
	}
	return fmt.Sprintf("feature #%d", index+1)
}

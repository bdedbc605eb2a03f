package source

import (
	"github.com/beevik/etree"
	"github.com/rbaclint/rbaclint/rules"
)

// The XML → data-model mapping is explicit: each kind has a table of the
// fields its elements hold, with their types. Elements the tables do not
// name are still mapped (leaves to strings, containers to objects), so that
// the schema rule reports them instead of the loader dropping them.

// xmlType is how the element of a known field becomes a data-model value.
type xmlType uint8

const (
	xmlString xmlType = iota // trimmed text
	xmlInt                   // json.Number when the text is an integer
	xmlBool                  // bool when the text is exactly true or false
	xmlObject                // an object built from spec
	xmlArray                 // an array of item elements, each built from spec
	xmlAny                   // in no table: see xmlMapper.generic
)

// xmlField is one known child element.
type xmlField struct {
	typ  xmlType
	item string  // xmlArray: the name of the item elements
	spec xmlSpec // xmlObject: the object's fields; xmlArray: each item's
}

// xmlSpec maps an element's child names to their fields.
type xmlSpec map[string]xmlField

var (
	xmlStringField = xmlField{typ: xmlString}
	xmlIntField    = xmlField{typ: xmlInt}
	xmlBoolField   = xmlField{typ: xmlBool}
)

func xmlObjectOf(spec xmlSpec) xmlField { return xmlField{typ: xmlObject, spec: spec} }
func xmlArrayOf(item string, spec xmlSpec) xmlField {
	return xmlField{typ: xmlArray, item: item, spec: spec}
}

// PCCE unifiedconfig (domain notes §1.3–1.6).
var (
	pcceFeature  = xmlSpec{"name": xmlStringField, "category": xmlStringField}
	pcceAdminRef = xmlSpec{"refURL": xmlStringField, "userName": xmlStringField, "domainName": xmlStringField}
	pcceRef      = xmlSpec{"refURL": xmlStringField, "name": xmlStringField}

	pcceRole = xmlSpec{
		"name": xmlStringField, "description": xmlStringField, "refURL": xmlStringField,
		"changeStamp":    xmlIntField,
		"systemDefined":  xmlBoolField,
		"accessList":     xmlArrayOf("feature", pcceFeature),
		"administrators": xmlArrayOf("administrator", pcceAdminRef),
	}
	pcceAdministrator = xmlSpec{
		"userName": xmlStringField, "domainName": xmlStringField, "description": xmlStringField, "refURL": xmlStringField,
		"changeStamp": xmlIntField,
		"readOnly":    xmlBoolField, "ssoEnabled": xmlBoolField, "supervisor": xmlBoolField,
		"role":        xmlObjectOf(pcceRef),
		"departments": xmlArrayOf("department", pcceRef),
	}
	pccePageInfo = xmlSpec{
		"totalResults": xmlIntField, "resultsPerPage": xmlIntField, "startIndex": xmlIntField,
		"nextPage": xmlStringField, "prevPage": xmlStringField, "firstPage": xmlStringField, "lastPage": xmlStringField,
		"searchTerm": xmlStringField, "sortTerm": xmlStringField,
	}
	pccePermissionInfo = xmlSpec{
		"canCreate": xmlBoolField, "canUpdate": xmlBoolField, "canDelete": xmlBoolField, "departmentAdmin": xmlBoolField,
		"role": xmlStringField,
	}
)

// Finesse (domain notes §3.2).
var finesseReasonCode = xmlSpec{
	"uri": xmlStringField, "category": xmlStringField, "label": xmlStringField,
	"code":   xmlIntField,
	"forAll": xmlBoolField, "systemCode": xmlBoolField,
}

// xmlLayout is how one kind's documents are built.
type xmlLayout struct {
	kind       rules.Kind
	entity     string  // the element of one entity
	spec       xmlSpec // its fields
	collection string  // the array element holding entities
	bareEntity bool    // an entity element is recognised as the root
	bareArray  bool    // the collection is recognised as the root
	inResults  bool    // the collection stands in a PCCE <results> list
}

var xmlLayouts = []xmlLayout{
	{kind: rules.KindPCCERoles, entity: "role", spec: pcceRole, collection: "roles", bareEntity: true, inResults: true},
	{kind: rules.KindPCCEAdministrators, entity: "administrator", spec: pcceAdministrator, collection: "administrators", bareEntity: true, inResults: true},
	{kind: rules.KindPCCEFeatures, entity: "feature", spec: pcceFeature, collection: "accessList", bareArray: true, inResults: true},
	{kind: rules.KindFinesseReasonCodes, entity: "ReasonCode", spec: finesseReasonCode, collection: "ReasonCodes", bareEntity: true, bareArray: true},
}

// resultsSpec is the PCCE list envelope around a layout's collection.
func (l *xmlLayout) resultsSpec() xmlSpec {
	return xmlSpec{
		l.collection:     xmlArrayOf(l.entity, l.spec),
		"pageInfo":       xmlObjectOf(pccePageInfo),
		"permissionInfo": xmlObjectOf(pccePermissionInfo),
	}
}

func xmlLayoutOf(k rules.Kind) *xmlLayout {
	for i := range xmlLayouts {
		if xmlLayouts[i].kind == k {
			return &xmlLayouts[i]
		}
	}
	return nil
}

// detectXML classifies a document by its root element's local name and, for
// <results>, by the first item collection among its children (in any order).
// It returns nil when no kind matches.
func detectXML(root *etree.Element) *xmlLayout {
	for i := range xmlLayouts {
		l := &xmlLayouts[i]
		if l.bareEntity && root.Tag == l.entity || l.bareArray && root.Tag == l.collection {
			return l
		}
	}
	if root.Tag != "results" {
		return nil
	}
	for _, c := range root.Child {
		c, ok := c.(*etree.Element)
		if !ok {
			continue
		}
		for i := range xmlLayouts {
			if l := &xmlLayouts[i]; l.inResults && c.Tag == l.collection {
				return l
			}
		}
	}
	return nil
}

package source

import (
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// The XML → data-model mapping is explicit: each XML kind's spec
// (rules/kinds) has a table of the fields its elements hold, with their
// types. Elements the tables do not name are still mapped (leaves to
// strings, containers to objects), so that the schema rule reports them
// instead of the loader dropping them.

// xmlAny marks an element in no table: see xmlMapper.generic.
const xmlAny = kinds.XMLType(255)

// xmlField is one known child element.
type xmlField struct {
	typ  kinds.XMLType
	item string  // xmlArray: the name of the item elements
	spec xmlSpec // xmlObject: the object's fields; xmlArray: each item's
}

// xmlSpec maps an element's child names to their fields.
type xmlSpec map[string]xmlField

func xmlObjectOf(spec xmlSpec) xmlField { return xmlField{typ: kinds.XMLObject, spec: spec} }
func xmlArrayOf(item string, spec xmlSpec) xmlField {
	return xmlField{typ: kinds.XMLArray, item: item, spec: spec}
}

// specOf converts a kind's field table to the mapper's.
func specOf(fs kinds.XMLFields) xmlSpec {
	out := make(xmlSpec, len(fs))
	for name, f := range fs {
		out[name] = xmlField{typ: f.Type, item: f.Item, spec: specOf(f.Fields)}
	}
	return out
}

// xmlLayout is how one kind's documents are built.
type xmlLayout struct {
	kind       rules.Kind
	entity     string  // the element of one entity
	spec       xmlSpec // its fields
	collection string  // the array element holding entities
	bareEntity bool    // an entity element is recognised as the root
	bareArray  bool    // the collection is recognised as the root
	results    string  // the list envelope element the collection stands in ("" none)
	resultsFor xmlSpec // the envelope's fields, collection included
}

// xmlLayouts are the XML kinds' layouts, in the kind list's order.
var xmlLayouts = func() []xmlLayout {
	var out []xmlLayout
	for _, s := range kinds.All() {
		x := s.XML
		if x == nil {
			continue
		}
		l := xmlLayout{
			kind: s.Name, entity: x.Entity, spec: specOf(x.Fields), collection: x.Collection,
			bareEntity: x.BareEntity, bareArray: x.BareCollection,
		}
		if x.Results != nil {
			l.results, l.resultsFor = x.Results.Tag, specOf(x.ResultsFields())
		}
		out = append(out, l)
	}
	return out
}()

func xmlLayoutOf(k rules.Kind) *xmlLayout {
	for i := range xmlLayouts {
		if xmlLayouts[i].kind == k {
			return &xmlLayouts[i]
		}
	}
	return nil
}

// detectXML classifies a document by its root element's local name and, for
// a list envelope, by the first item collection among its children (in any
// order). It returns nil when no kind matches.
func detectXML(t *xmlTree) *xmlLayout {
	root := t.nodes[0].name
	for i := range xmlLayouts {
		l := &xmlLayouts[i]
		if l.bareEntity && root == l.entity || l.bareArray && root == l.collection {
			return l
		}
	}
	for c := range t.kids(0) {
		if t.nodes[c].kind != xmlElement {
			continue
		}
		for i := range xmlLayouts {
			if l := &xmlLayouts[i]; l.results != "" && root == l.results && t.nodes[c].name == l.collection {
				return l
			}
		}
	}
	return nil
}

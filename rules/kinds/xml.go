package kinds

// The XML → data-model mapping is explicit: each XML kind has a table of
// the fields its elements hold, with their types. Elements the tables do not
// name are still mapped by the loader (leaves to strings, containers to
// objects), so that the schema rule reports them instead of the loader
// dropping them.

// XMLType is how the element of a known field becomes a data-model value.
type XMLType uint8

const (
	XMLString XMLType = iota // trimmed text
	XMLInt                   // json.Number when the text is an integer
	XMLBool                  // bool when the text is exactly true or false
	XMLObject                // an object built from Fields
	XMLArray                 // an array of Item elements, each built from Fields
)

// XMLField is one known child element.
type XMLField struct {
	Type   XMLType
	Item   string    // XMLArray: the name of the item elements
	Fields XMLFields // XMLObject: the object's fields; XMLArray: each item's
}

// XMLFields maps an element's child names to their fields.
type XMLFields map[string]XMLField

var (
	xmlString = XMLField{Type: XMLString}
	xmlInt    = XMLField{Type: XMLInt}
	xmlBool   = XMLField{Type: XMLBool}
)

// XMLArrayOf is an array of item elements with the given fields.
func XMLArrayOf(item string, fs XMLFields) XMLField {
	return XMLField{Type: XMLArray, Item: item, Fields: fs}
}

// XMLObjectOf is an object with the given fields.
func XMLObjectOf(fs XMLFields) XMLField { return XMLField{Type: XMLObject, Fields: fs} }

// XML is how one kind's XML documents are built and recognised.
type XML struct {
	Entity     string    // the element of one entity: "role"
	Fields     XMLFields // its children
	Collection string    // the element holding a list of entities: "roles"

	BareEntity     bool // a root <Entity> is recognised (the Object shape)
	BareCollection bool // a root <Collection> is recognised (the Array shape)

	// Repeated is what a duplicate-key finding says about a single-valued
	// element given twice ("" : "only the last value is kept").
	Repeated string

	// Results, when set, is the list envelope the kind's collection stands
	// in (the List shape): a root element of that name with the collection
	// among its children.
	Results *XMLResults
}

// XMLResults is a list envelope element.
type XMLResults struct {
	Tag    string    // "results"
	Fields XMLFields // its children besides the collection (paging)
}

// ResultsFields are the fields of the kind's list envelope: its collection
// and the envelope's own.
func (x *XML) ResultsFields() XMLFields {
	fs := XMLFields{x.Collection: XMLArrayOf(x.Entity, x.Fields)}
	for k, f := range x.Results.Fields {
		fs[k] = f
	}
	return fs
}

package rules

import (
	"sync"

	"github.com/rbaclint/rbaclint/internal/tree"
)

// Kind names a supported document kind. Kind names are public: they appear in
// config files (--kind, kinds: globs) and in output.
type Kind string

// The supported document kinds (see RULES.md, "Document kinds"); what
// rbaclint knows of each is its spec in rules/kinds.
const (
	KindWebexUserProfile Kind = "webex-user-profile"
	// KindWebexLegacyProfile is the module-based UserProfileDTO
	// (accessAllModules, userProfileAppModules) that predates granular
	// access and still comes back inside "user with user profile" answers.
	KindWebexLegacyProfile Kind = "webex-legacy-profile"
	KindTenantUsers        Kind = "tenant-users"
	KindPCCERoles          Kind = "pcce-roles"
	KindPCCEAdministrators Kind = "pcce-administrators"
	KindPCCEFeatures       Kind = "pcce-features"
	KindCXoneScript        Kind = "cxone-script"
	KindFinesseReasonCodes Kind = "finesse-reason-codes"
	KindFinesseIntegration Kind = "finesse-integration"
)

// Shape says how a document wraps its entities.
type Shape string

// Document shapes. Not every kind has every shape.
const (
	ShapeObject  Shape = "object" // one bare entity (a profile, a user, a <role>, a script)
	ShapeArray   Shape = "array"  // a JSON array of entities (or a bare XML list such as <ReasonCodes>)
	ShapeList    Shape = "list"   // a list envelope: {"meta","data":[...]}, {"page_size","data":[...]}, XML <results>
	ShapeBulk    Shape = "bulk"   // a Webex bulk request {"items":[{"itemIdentifier","item","requestAction"}]}
	ShapeItem    Shape = "item"   // a single-entity answer {"data":{...},"status","timestamp"} (tenant Get User, Create User)
	ShapeUnknown Shape = ""       // not classified
)

// Format is the syntax a document was written in.
type Format string

// Document formats.
const (
	FormatJSON Format = "json"
	FormatXML  Format = "xml"
	FormatYAML Format = "yaml"
	// FormatDotenv is a .env file of NAME=value settings; its data model is
	// one object of strings.
	FormatDotenv Format = "dotenv"
)

// Document is one loaded file. Loaders (internal/source) build it; rules only
// read it. Data is the data model, in the compact form of internal/tree.
// A Document must not be copied once rules have run on it (see View).
type Document struct {
	Path   string // the file as the user named it, slash-separated; "-" becomes --stdin-filename
	Kind   Kind
	Shape  Shape
	Format Format

	// Data is the document's top-level value: the compact model
	// (internal/tree), absent for an empty document. The map[string]any
	// form (Value.Any) is built only for what the JSON Schema library
	// checks, one failing entity at a time.
	Data tree.Value

	// Entities are the document's main objects (profiles, users, roles,
	// administrators, features, reason codes; the script itself) in
	// document order, whatever the shape that wraps them.
	Entities []Entity

	// EntityBase is the index in the whole file of Entities[0]: a big file
	// checked a window of entities at a time is a document per window,
	// and an entity named by its position keeps the file's numbering.
	EntityBase int

	// Source locates data-model pointers in the file's text.
	Source SourceMap

	// Unmodelled are values written in the file that Root leaves out and
	// that may be credentials: XML attributes, and the earlier value of a
	// key given twice (Root keeps the last). Only plaintext-secret reads
	// them, so the data model and every other rule see the file as before.
	Unmodelled []Unmodelled

	// MoreDuplicates counts the duplicate-key findings past the per-file
	// cap that the loader counted instead of building; the cap's note and
	// the exit code count them.
	MoreDuplicates int

	views views // what rules derived from the document, see View
}

// views holds the values View computed for one document.
type views struct {
	mu sync.Mutex
	m  map[any]func() any
}

// View returns build(d), computing it once per document and key: the rules
// of a pack that all read the same view of a big document (its users with
// their roles, say) share one instead of each rebuilding it. Rules of one
// document run side by side, so View is safe for concurrent use; a rule that
// asks while another builds the view waits for it, and a panic in build
// reaches every rule that asks. The value is shared: treat it as read-only,
// and let build depend on the document alone (not on a pass's Options),
// since every rule gets the value the first one built.
//
// key must be comparable; use a value of an unexported type of the calling
// package, as for context.Context keys, so that packs never collide.
func View[T any](d *Document, key any, build func(*Document) T) T {
	d.views.mu.Lock()
	get, ok := d.views.m[key]
	if !ok {
		get = sync.OnceValue(func() any { return build(d) })
		if d.views.m == nil {
			d.views.m = make(map[any]func() any)
		}
		d.views.m[key] = get
	}
	d.views.mu.Unlock()
	v, _ := get().(T) // a nil interface value reads as T's zero value
	return v
}

// Unmodelled is a value the data model leaves out (see Document.Unmodelled).
type Unmodelled struct {
	// Pointer names it. An attribute: its element's pointer, "/@" and its
	// name, which the source map resolves to the attribute's value (XML
	// names hold no "@", so no element has that pointer). An earlier
	// duplicate: the key's pointer, which resolves to the kept value.
	Pointer string
	Key     string // the attribute's or the key's name, as written
	Value   string
	// Earlier marks an earlier duplicate; KeySpan is where its key is
	// written.
	Earlier bool
	KeySpan Span
}

// Entity is one main object of a document.
type Entity struct {
	Pointer string     // JSON Pointer (RFC 6901) to the object in Data
	Data    tree.Value // the object itself
}

// Target says which part of a member a location refers to.
type Target uint8

const (
	// TargetValue is the member's value (for XML: the element's text, or the
	// element itself when it has children).
	TargetValue Target = iota
	// TargetKey is the member's key (for XML: the element's start tag). For
	// array elements and the root it is the same as TargetValue.
	TargetKey
)

// Position is a place in a file. Line and Column are 1-based; Column counts
// Unicode code points. Offset is the 0-based byte offset.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// IsZero reports whether p is unset.
func (p Position) IsZero() bool { return p.Line == 0 }

// Span is a half-open range of text: End is the position just after the
// last character.
type Span struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// IsZero reports whether s is unset.
func (s Span) IsZero() bool { return s.Start.IsZero() }

// Place is where one data-model value lies in the text.
type Place struct {
	Key   Span // the member's key or start tag; equal to Value for array elements and the root
	Value Span // the value's full extent
}

// SourceMap resolves data-model pointers to text spans. Resolution is done in
// one batch per document, after the rules ran, so that a large file with few
// findings is scanned for positions only once (and not at all when clean).
type SourceMap interface {
	// Resolve returns the places of the given pointers. Pointers that do not
	// exist in the document are absent from the result.
	Resolve(pointers []string) map[string]Place
}

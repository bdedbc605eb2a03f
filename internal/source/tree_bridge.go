package source

import (
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// AttachTree gives a document built on the map model (by a loader, or by
// hand in a test) its compact tree
// (Document.Data, Entity.Data) while loaders and rules move to the tree
// pack by pack (issue 16). It goes once every loader builds the tree
// itself. A document that has its tree already (the loaders write it) is
// left as it is.
func AttachTree(doc *rules.Document) {
	if doc == nil || doc.Data.Exists() || doc.Root == nil && doc.Entities == nil {
		return
	}
	doc.Data = tree.FromAny(doc.Root).Root()
	attachEntities(doc)
}

// attachEntities sets each entity's Data from its pointer into doc.Data.
func attachEntities(doc *rules.Document) {
	elems := map[string][]tree.Value{}
	for i := range doc.Entities {
		doc.Entities[i].Data = valueAt(doc.Data, doc.Entities[i].Pointer, elems)
	}
}

// valueAt resolves an entity pointer, listing each array on the way once
// so that the entities of a big array cost one pass, not one each.
func valueAt(root tree.Value, ptr string, elems map[string][]tree.Value) tree.Value {
	if ptr == "" {
		return root
	}
	cut := strings.LastIndexByte(ptr, '/')
	parent := valueAt(root, ptr[:cut], elems)
	if !parent.IsArray() {
		return parent.At(ptr[cut:])
	}
	list, ok := elems[ptr[:cut]]
	if !ok {
		list = make([]tree.Value, 0, parent.Len())
		for _, e := range parent.Elems() {
			list = append(list, e)
		}
		elems[ptr[:cut]] = list
	}
	if i, ok := elementIndex(ptr[cut+1:], len(list)); ok {
		return list[i]
	}
	return tree.Value{}
}

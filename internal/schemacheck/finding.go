package schemacheck

import (
	"strconv"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
)

// finding builds a schema finding at ptr. text words the violation given
// the subject: the violating value's path inside its entity (for example
// "resourceCollections[0].name"), "" for the entity itself. The message
// leads with the entity.
func (v *validator) finding(ptr string, target rules.Target, text func(subject string) string) rules.Finding {
	toks, _ := rules.SplitPointer(ptr)
	o := v.ownerOf(toks)
	subject := v.subject(o, toks)
	msg := text(subject)
	if o.label != "" {
		msg = o.label + ": " + msg
	}
	return rules.Finding{
		RuleID:  rules.IDSchema,
		Path:    v.doc.Path,
		Pointer: ptr,
		Target:  target,
		Message: msg,
		Entity:  o.label,
	}
}

// rootSubject is the subject of the document root when no entity owns it.
const rootSubject = "the document"

// subject renders the path from the owner to the value at toks the way an
// administrator reads it: keys joined by '.', array positions in brackets.
// The document root itself is "the document".
func (v *validator) subject(o owner, toks []string) string {
	base, _ := rules.SplitPointer(o.pointer)
	cur := o.value // absent once the path leaves the document
	var b strings.Builder
	b.WriteString(o.prefix)
	for _, t := range toks[len(base):] {
		if cur.IsArray() {
			b.WriteString("[" + t + "]")
			if i, err := strconv.Atoi(t); err == nil && i >= 0 {
				cur = cur.Index(i) // once per token of one finding's path
			} else {
				cur = tree.Value{}
			}
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
		cur = cur.Get(t)
	}
	if b.Len() == 0 && o.label == "" && len(toks) == 0 {
		return rootSubject
	}
	return b.String()
}

// memberName names a member for messages: "key" in JSON, <element> in XML.
func (v *validator) memberName(key string) string {
	if v.xml {
		return "<" + key + ">"
	}
	return strconv.Quote(key)
}

// memberWord is what a member is called: a key in JSON, an element in XML.
func (v *validator) memberWord() string {
	if v.xml {
		return "element"
	}
	return "key"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func itoa(i int) string { return strconv.Itoa(i) }

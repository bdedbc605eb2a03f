package source

import (
	"encoding/json"
	"strings"

	"github.com/rbaclint/rbaclint/rules/general"
)

// Values the data model leaves out (XML attributes, the earlier value of a
// key given twice) are kept in Document.Unmodelled when they may be
// credentials, for plaintext-secret: its own tests decide which, so the
// list stays as short as the credentials in the file, not as long as the
// file's attributes or duplicates.

// mayHoldSecret reports whether the unmodelled value of key is kept.
func mayHoldSecret(key, value string) bool {
	return strings.TrimSpace(value) != "" && (general.CredentialKind(key) != "" || general.ValueSecret(value) != "")
}

// scalarText is a scalar of the data model as text: strings and numbers
// (a numeric PIN), not booleans, nulls or containers.
func scalarText(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case json.Number:
		return string(s), true
	}
	return "", false
}

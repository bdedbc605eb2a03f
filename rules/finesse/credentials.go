package finesse

import (
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules/general"
)

// credentials summarises the credentials a document holds, never their
// values.
type credentials struct {
	user       bool   // a user name is given
	inline     string // a secret written in the file: its kind ("password", "token", ...)
	referenced string // a secret kept elsewhere (${ENV}, {Var}, <placeholder>)
	inURL      bool   // a URL carries a password
	admin      bool   // a key or the user name says the account is the administrator
}

// userNames match keys that hold an account name ("username", "adminUser").
var userNames = []string{"user", "username", "login"}

// see records the member key (value val) of obj when it is a credential,
// either as a member ("password": ...) or as a name/value pair
// ({"name": "password", "value": ...}).
func (c *credentials) see(obj tree.Value, key string, val tree.Value) {
	c.add(key, val)
	if key == "name" {
		if name, ok := val.Str(); ok {
			c.add(name, obj.Get("value"))
		}
	}
}

func (c *credentials) add(key string, v tree.Value) {
	text, ok := scalar(v)
	if !ok {
		return
	}
	nk := normalKey(key)
	// The same key names and reference forms as plaintext-secret.
	if kind := general.CredentialKind(key); kind != "" {
		c.admin = c.admin || strings.Contains(nk, "admin")
		if general.IsReference(text) {
			if c.referenced == "" {
				c.referenced = kind
			}
		} else if c.inline == "" {
			c.inline = kind
		}
		return
	}
	if matchName(nk, userNames) != "" {
		c.user = true
		// adminUsername, FINESSE_ADMIN_USER, or the account's own name.
		c.admin = c.admin || strings.Contains(nk, "admin") || strings.EqualFold(text, "administrator") || strings.EqualFold(text, "admin")
	}
}

// scalar returns a credential value as trimmed text; empty values and
// objects hold no credential.
func scalar(v tree.Value) (string, bool) {
	switch v.Kind() {
	case tree.String:
		s, _ := v.Str()
		t := strings.TrimSpace(s)
		return t, t != ""
	case tree.Number:
		return v.Number()
	}
	return "", false
}

// matchName returns the name k equals or ends with, or "".
func matchName(k string, names []string) string {
	for _, n := range names {
		if k == n || strings.HasSuffix(k, n) {
			return n
		}
	}
	return ""
}

func (c credentials) present() bool {
	return c.user || c.inline != "" || c.referenced != "" || c.inURL
}

// describe says where the secret is, without its value.
func (c credentials) describe() string {
	switch {
	case c.inline != "":
		return noun(c.inline) + " inline; plaintext-secret reports it too"
	case c.inURL:
		return "password inline in the URL"
	case c.referenced != "":
		return noun(c.referenced) + " referenced, not inline"
	}
	return "a user name; no password in this file"
}

func noun(kind string) string {
	switch kind {
	case "passwd", "pwd":
		return "password"
	case "clientsecret":
		return "client secret"
	case "apikey":
		return "API key"
	case "authorization":
		return "authorization header"
	}
	return kind
}

var keySeparators = strings.NewReplacer("_", "", "-", "", " ", "", ".", "")

// normalKey lower-cases a key and drops separators: "X-Api-Key" → "xapikey".
func normalKey(k string) string {
	return strings.ToLower(keySeparators.Replace(k))
}

// member is one member of an object.
type member struct {
	key string
	val tree.Value
}

// sortedMembers returns an object's members in key order, the order the
// rules have always visited them in (their first finding wins); nothing
// for any other value.
func sortedMembers(obj tree.Value) []member {
	var out []member
	for k, v := range obj.Members() {
		out = append(out, member{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

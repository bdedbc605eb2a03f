package general

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func secretFindings(t *testing.T, src string) []rules.Finding {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(src))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		t.Fatal(err)
	}
	var out []rules.Finding
	doc := &rules.Document{Path: "s.json", Kind: rules.KindFinesseIntegration, Root: root}
	PlaintextSecret.Check(rules.NewPass(PlaintextSecret, doc, nil, func(f rules.Finding) { out = append(out, f) }))
	return out
}

func TestPlaintextSecret(t *testing.T) {
	const secret = "Sup3r-S3cret!"
	src := `{
	  "finesse": {"url": "https://f.example.com/finesse/api/ReasonCodes", "username": "admin", "password": "` + secret + `"},
	  "other": {"adminPassword": "` + secret + `", "X-Api-Key": 12345, "clientSecret": "` + secret + `"},
	  "refs": {"password": "${FINESSE_PASSWORD}", "token": "{SecurityToken}", "apiKey": "<api key>", "secret": "********", "authorization": ""},
	  "props": [{"name": "Password", "value": "` + secret + `"}, {"name": "Agent", "value": "1234"}],
	  "notSecrets": {"tokenUrl": "https://x", "passwordPolicy": "strict", "secretRef": "vault:x", "maxTokens": 5}
	}`
	fs := secretFindings(t, src)
	var got []string
	for _, f := range fs {
		got = append(got, f.Pointer)
		if strings.Contains(f.Message, secret) || strings.Contains(f.Message, "12345") {
			t.Errorf("finding echoes the secret: %s", f.Message)
		}
	}
	want := []string{"/finesse/password", "/other/X-Api-Key", "/other/adminPassword", "/other/clientSecret", "/props/0/value"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("pointers = %v, want %v", got, want)
	}
}

func TestCredentialHelpers(t *testing.T) {
	for key, want := range map[string]string{"Password": "password", "x-api-key": "apikey", "db_passwd": "passwd", "Authorization": "authorization", "tokenUrl": "", "user": ""} {
		if got := CredentialKind(key); got != want {
			t.Errorf("CredentialKind(%q) = %q, want %q", key, got, want)
		}
	}
	for v, want := range map[string]bool{"${X}": true, "$X": true, "{SecurityUser}": true, "<secret>": true, "%PW%": true, "****": true, "hunter2": false, "${x": false} {
		if got := IsReference(v); got != want {
			t.Errorf("IsReference(%q) = %v, want %v", v, got, want)
		}
	}
}

// mayBeCredential only rules keys out; it must never rule out one that
// CredentialKind accepts.
func TestMayBeCredentialIsSound(t *testing.T) {
	stems := []string{"", "x", "admin", "db_", "X-", "client", "Ünï", "\xff"}
	names := append([]string{"id", "name", "description", "Token", "AUTHORIZATION", "Api-Key", "apiKey", "pwd", "PassWD", "SECRET"}, credentialNames...)
	tails := []string{"", "_", "-", " ", ".", "_-. ", "s", "é", "K"}
	for _, s := range stems {
		for _, n := range names {
			for _, tail := range tails {
				k := s + n + tail
				if CredentialKind(k) != "" && !mayBeCredential(k) {
					t.Errorf("mayBeCredential(%q) = false, but it holds a %s", k, CredentialKind(k))
				}
			}
		}
	}
	for _, k := range []string{"name", "permissions", "accessLevel", "", "___"} {
		if mayBeCredential(k) {
			t.Errorf("mayBeCredential(%q) = true", k)
		}
	}
}

func TestPlaintextSecretByValueAndInLists(t *testing.T) {
	src := `{
	  "private_key": "k-2026-zz", "note": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----",
	  "passwords": ["Winter2026", "${P}"], "tokens": [{"token": "t-1234-x"}],
	  "dsn": "mysql://root:Hunter2026@db/x", "ref": "mysql://root:${PW}@db/x", "site": "https://user@example.com/x",
	  "h": {"X": "Authorization: Basic dXNlcjpwYXNz", "Y": "Bearer abcdefgh12"}, "list": ["Bearer abcdefgh12", "plain"],
	  "prose": "send a Bearer token with each call", "short": "Bearer x"
	}`
	var got []string
	for _, f := range secretFindings(t, src) {
		got = append(got, f.Pointer)
		for _, s := range []string{"k-2026-zz", "b3Bl", "Winter2026", "t-1234-x", "Hunter2026", "dXNlcjpwYXNz", "abcdefgh12"} {
			if strings.Contains(f.Message, s) {
				t.Errorf("finding echoes the secret: %s", f.Message)
			}
		}
	}
	want := []string{"/dsn", "/h/X", "/h/Y", "/list/0", "/note", "/passwords/0", "/private_key", "/tokens/0/token"}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("pointers = %v, want %v", got, want)
	}
}

// TestTemplatesAreReferences: issue 17 item 3.
func TestTemplatesAreReferences(t *testing.T) {
	for _, v := range []string{"${{ secrets.X }}", "{{ vault_var }}", "{{ .Values.token }}", "$(cat /run/secret)", "%(ENV)s", "<%= ENV['X'] %>", "{% raw %}x{% endraw %}", "pre-{{ x }}"} {
		if !IsReference(v) {
			t.Errorf("IsReference(%q) = false, want true", v)
		}
		if fs := secretFindings(t, `{"password": "`+v+`"}`); len(fs) != 0 {
			t.Errorf("%q reported as a plain-text credential", v)
		}
	}
	for _, v := range []string{"hunter2{", "100%", "(x)"} {
		if IsReference(v) {
			t.Errorf("IsReference(%q) = true, want false", v)
		}
	}
}

package general

import (
	"encoding/json"
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

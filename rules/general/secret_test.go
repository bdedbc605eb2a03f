package general

import (
	"os"
	"strings"
	"testing"
)

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
	names := append([]string{"id", "name", "description", "Token", "AUTHORIZATION", "Api-Key", "apiKey", "pwd", "PassWD", "SECRET", "Pass-Wor.D", "tok_e n"}, credentialNames...)
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
	for _, k := range []string{"name", "permissions", "accessLevel", "", "___", "id", "organizationId", "site_ID", "tenant", "d", "t"} {
		if mayBeCredential(k) {
			t.Errorf("mayBeCredential(%q) = true", k)
		}
	}
}

// TestTemplatesAreReferences: issue 17 item 3 (fixture
// plaintext-secret-templates: none of them is reported).
func TestTemplatesAreReferences(t *testing.T) {
	for _, v := range []string{"${{ secrets.X }}", "{{ vault_var }}", "{{ .Values.token }}", "$(cat /run/secret)", "%(ENV)s", "<%= ENV['X'] %>", "{% raw %}x{% endraw %}", "pre-{{ x }}"} {
		if !IsReference(v) {
			t.Errorf("IsReference(%q) = false, want true", v)
		}
	}
	for _, v := range []string{"hunter2{", "100%", "(x)"} {
		if IsReference(v) {
			t.Errorf("IsReference(%q) = true, want false", v)
		}
	}
}

// The goldens of the secrets fixtures are what the rule reports
// (TestFixtures holds them equal): they name keys, never the values found.
func TestSecretsNeverEchoed(t *testing.T) {
	for name, secrets := range map[string][]string{
		"plaintext-secret-1":        {"Sup3r-S3cret!", "12345"},
		"plaintext-secret-by-value": {"k-2026-zz", "b3Bl", "Winter2026", "t-1234-x", "Hunter2026", "dXNlcjpwYXNz", "abcdefgh12"},
	} {
		b, err := os.ReadFile("../../testdata/general/plaintext-secret/" + name + ".want")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "plaintext-secret") {
			t.Errorf("%s reports no secret at all", name)
		}
		for _, secret := range secrets {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s: a finding echoes %q:\n%s", name, secret, b)
			}
		}
	}
}

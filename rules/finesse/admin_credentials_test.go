package finesse

import (
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

func integration(t *testing.T, v map[string]any) *rules.Document {
	return docOf(t, rules.KindFinesseIntegration, v)
}

const secret = "Sup3rS3cret!" // never to appear in a message

func TestAdminCredentialsInline(t *testing.T) {
	d := integration(t, map[string]any{"finesse": map[string]any{
		"url":      "https://finesse.example.com:8445/finesse/api/ReasonCodes?category=ALL",
		"username": "admin",
		"password": secret,
	}})
	f := wantOne(t, run(AdminCredentials, d, nil))
	if f.Pointer != "/finesse/url" {
		t.Errorf("located at %q", f.Pointer)
	}
	for _, part := range []string{"/finesse/api/ReasonCodes with credentials", "password inline; plaintext-secret reports it too", "/finesse/api/TeamResource/<teamId>/ReasonCodes"} {
		if !strings.Contains(f.Message, part) {
			t.Errorf("message %q lacks %q", f.Message, part)
		}
	}
	if strings.Contains(f.Message, secret) || strings.Contains(f.Message, "category=ALL") {
		t.Errorf("message %q leaks the secret or query", f.Message)
	}
}

func TestAdminCredentialsReferenced(t *testing.T) {
	for _, ref := range []string{"${FINESSE_PASSWORD}", "{AdminPassword}", "<password>"} {
		d := integration(t, map[string]any{
			"endpoints": []any{map[string]any{"path": "/finesse/api/Team/5000/ReasonCodes?category=NOT_READY"}},
			"auth":      map[string]any{"user": "admin", "adminPassword": ref},
		})
		f := wantOne(t, run(AdminCredentials, d, nil))
		if f.Pointer != "/endpoints/0/path" || !strings.Contains(f.Message, "password referenced, not inline") {
			t.Errorf("%s: got %q at %q", ref, f.Message, f.Pointer)
		}
	}
}

func TestAdminCredentialsVariants(t *testing.T) {
	cases := []struct {
		name string
		doc  map[string]any
		want string // "" for no finding
	}{
		{"team resource", map[string]any{"url": "https://f/finesse/api/TeamResource/5000/ReasonCodes?category=ALL", "password": secret}, ""},
		{"user level", map[string]any{"url": "/finesse/api/User/1001/ReasonCodes?category=LOGOUT", "password": secret}, ""},
		{"no credentials", map[string]any{"url": "/finesse/api/ReasonCodes", "timeout": 30}, ""},
		{"empty credentials", map[string]any{"url": "/finesse/api/ReasonCodes", "username": "", "password": ""}, ""},
		{"user only", map[string]any{"url": "/finesse/api/ReasonCodes", "username": "admin"}, "a user name; no password in this file"},
		{"token header", map[string]any{"url": "/finesse/api/WrapUpReasons", "headers": map[string]any{"Authorization": "Basic ${B64}"}}, "authorization header inline"},
		{"password in URL", map[string]any{"url": "https://admin:" + secret + "@f.example.com/finesse/api/PhoneBooks"}, "password inline in the URL"},
		{"name/value pair", map[string]any{"url": "/finesse/api/ReasonCodes", "settings": []any{map[string]any{"name": "Password", "value": "${P}"}}}, "password referenced"},
		{"get single reason code", map[string]any{"url": "/finesse/api/ReasonCode/17", "password": secret}, ""},
		{"delete reason code", map[string]any{"url": "/finesse/api/ReasonCode/17", "method": "delete", "password": secret}, "/finesse/api/ReasonCode/<id> with credentials"},
		{"method word", map[string]any{"call": "PUT /finesse/api/ReasonCode/17", "password": secret}, "single shared admin account"},
		{"secret in the path", map[string]any{"url": "/finesse/api/ReasonCode/" + secret + ";jsessionid=" + secret, "method": "PUT", "password": "${P}"}, "/finesse/api/ReasonCode/<id> with credentials"},
	}
	for _, c := range cases {
		fs := run(AdminCredentials, integration(t, c.doc), nil)
		if c.want == "" {
			if len(fs) != 0 {
				t.Errorf("%s: unexpected %+v", c.name, fs)
			}
			continue
		}
		if len(fs) != 1 || !strings.Contains(fs[0].Message, c.want) {
			t.Errorf("%s: got %+v, want a finding saying %q", c.name, fs, c.want)
			continue
		}
		if strings.Contains(fs[0].Message, secret) {
			t.Errorf("%s: message leaks the secret", c.name)
		}
	}
}

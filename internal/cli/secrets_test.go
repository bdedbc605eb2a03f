package cli_test

// Secrets (issue 18, items 4-6; issue 17, item 3): a credential's value
// never appears in any output, and no output lets one be recovered.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// fingerprintsOf runs the binary over dir, writing SARIF and a baseline,
// and returns every fingerprint of a finding of rule in both, sorted.
func fingerprintsOf(t *testing.T, dir, rule string) []string {
	t.Helper()
	base := filepath.Join(t.TempDir(), "baseline.json")
	if r := run(t, dir, "", "--write-baseline", base, "."); r.code != 0 && r.code != 1 {
		t.Fatalf("--write-baseline: exit %d\n%s", r.code, r.stderr)
	}
	r := run(t, dir, "", "--format", "sarif", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	var out []string
	for _, res := range sarifResults(t, r.stdout) {
		if res.RuleID == rule {
			for _, v := range res.PartialFingerprints {
				out = append(out, "sarif:"+v)
			}
		}
	}
	b, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var bl struct {
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
			Rule        string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(b, &bl); err != nil {
		t.Fatalf("baseline: %v\n%s", err, b)
	}
	for _, e := range bl.Findings {
		if e.Rule == rule {
			out = append(out, "baseline:"+e.Fingerprint)
		}
	}
	sort.Strings(out)
	return out
}

// TestSecretFingerprintsCarryNoValue: two exports that differ only in a
// 6-digit PIN (and in a password inside an array) get the same fingerprints
// in SARIF and in the baseline, so neither can be brute-forced back to the
// secret; the location still tells two secrets apart.
func TestSecretFingerprintsCarryNoValue(t *testing.T) {
	doc := func(pin, other string) string {
		return `{"url": "/finesse/api/ReasonCodes", "username": "admin", "password": "` + pin +
			`", "passwords": ["` + other + `"], "nested": {"adminPassword": ` + pin + `}}` + "\n"
	}
	// One directory for both: baseline fingerprints hold the path from the
	// repository root.
	dir := writeFiles(t, map[string]string{"sync.json": doc("493817", "Winter2026xQ")})
	a := fingerprintsOf(t, dir, "plaintext-secret")
	writeFile(t, filepath.Join(dir, "sync.json"), doc("100000", "Summer2027zZ"))
	b := fingerprintsOf(t, dir, "plaintext-secret")
	if len(a) < 4 {
		t.Fatalf("expected plaintext-secret fingerprints in SARIF and the baseline, got %q", a)
	}
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("fingerprints depend on the secret's value:\n%q\n%q", a, b)
	}
	seen := map[string]bool{}
	for _, f := range a {
		if strings.HasPrefix(f, "baseline:") {
			if seen[f] {
				t.Errorf("two secrets share the fingerprint %s", f)
			}
			seen[f] = true
		}
	}
}

// secretToken is how the committed secret attacks mark their secrets.
var secretToken = regexp.MustCompile(`SECRET[0-9A-Za-z]+`)

// TestHostileSecretsNeverEchoed lints each testdata/hostile/secret-* file
// (secrets where parsers and rules quote text: an undefined YAML alias or
// XML entity, a "<" in a password read as a tag, an API path) in every
// format and checks that no part of a secret appears on stdout or stderr;
// the same for a configuration file with an undefined alias.
func TestHostileSecretsNeverEchoed(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "hostile", "secret-*"))
	if err != nil || len(files) < 5 {
		t.Fatalf("secret attacks: %v %v", files, err)
	}
	for _, p := range files {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tokens := secretToken.FindAllString(string(b), -1)
		if len(tokens) == 0 {
			t.Fatalf("%s marks no secret", p)
		}
		for _, f := range formats {
			r := run(t, repoRoot, "", "--format", f, "--fail-level", "warning", "--verbose", filepath.ToSlash(strings.TrimPrefix(p, repoRoot+string(filepath.Separator))))
			if r.code != 1 {
				t.Errorf("%s --format %s: exit %d, want 1\n%s", p, f, r.code, r.stderr)
			}
			for _, tok := range tokens {
				for _, out := range []string{r.stdout, r.stderr} {
					if strings.Contains(out, tok) || strings.Contains(out, tok[len("SECRET"):]) {
						t.Errorf("%s --format %s echoes the secret %s:\n%s", p, f, tok, out)
					}
				}
			}
		}
	}
	dir := writeFiles(t, map[string]string{
		".rbaclint.yaml": "version: 1\nrules:\n  plaintext-secret: *SECRETCfg2026Aa\n",
		"a.json":         cleanProfile,
	})
	r := run(t, dir, "", "a.json")
	if r.code != 2 || strings.Contains(r.stderr, "Cfg2026Aa") || !strings.Contains(r.stderr, ".rbaclint.yaml:3:21: an alias refers to an undefined anchor") {
		t.Errorf("configuration with an undefined alias: exit %d\n%s", r.code, r.stderr)
	}
}

// credentialCase is one credential shape: a key and its value on one line
// of a settings file; secret marks a line plaintext-secret must report.
type credentialCase struct {
	key, value string
	secret     bool
}

var credentialCases = []credentialCase{
	{"apiKey", "SECRETk1apikey", true},
	{"api_key", "SECRETk2apikey", true},
	{"secret", "SECRETk3secret", true},
	{"client_secret", "SECRETk4client", true},
	{"token", "SECRETk5token", true},
	{"pwd", "SECRETk6pwd", true},
	{"passwd", "SECRETk7passwd", true},
	{"private_key", "SECRETk8private", true},
	{"note", `-----BEGIN RSA PRIVATE KEY-----\nSECRETk9pemKey\n-----END RSA PRIVATE KEY-----`, true},
	{"db", "postgres://admin:SECRETk10url@db.example.com/acd", true},
	{"header", "Authorization: Basic SECRETk11basic", true},
	{"auth", "Bearer SECRETk12bearerTok", true},
	// The earlier of two "password" keys is a literal; the later one, which
	// the data model keeps, a reference.
	{"password", "SECRETk13duplicate", true},
	{"password", "${FINESSE_PASSWORD}", false},
	{"refresh_token", "${{ secrets.REFRESH_TOKEN }}", false},
	{"description", "a Bearer token is required for this API", false},
}

// credentialFile writes credentialCases in one format, one case a line, and
// returns the file and the lines plaintext-secret must report.
func credentialFile(format string) (string, map[int]bool) {
	var b strings.Builder
	want := map[int]bool{}
	line := 1
	switch format {
	case "json":
		b.WriteString("{\n")
	case "xml":
		b.WriteString("<integration>\n")
	}
	if format == "json" || format == "xml" {
		line++
	}
	switch format {
	case "json":
		b.WriteString(`  "url": "/finesse/api/ReasonCodes",` + "\n")
	case "yaml":
		b.WriteString("url: /finesse/api/ReasonCodes\n")
	case "env":
		b.WriteString("FINESSE_URL=https://finesse.example.com/finesse/api/ReasonCodes\n")
	case "xml":
		b.WriteString("  <url>/finesse/api/ReasonCodes</url>\n")
	}
	for _, c := range credentialCases {
		line++
		if c.secret {
			want[line] = true
		}
		switch format {
		case "json":
			b.WriteString(`  "` + c.key + `": "` + c.value + `",` + "\n")
		case "yaml", "env":
			sep := ": "
			if format == "env" {
				sep = "="
			}
			b.WriteString(c.key + sep + `"` + c.value + `"` + "\n")
		case "xml":
			v := strings.ReplaceAll(c.value, `\n`, "&#10;")
			b.WriteString("  <" + c.key + ">" + v + "</" + c.key + ">\n")
		}
	}
	// Passwords in a list: JSON and YAML arrays, repeated XML elements.
	line++
	want[line] = true
	switch format {
	case "json":
		b.WriteString(`  "passwords": ["SECRETk14array", "${OTHER}"]` + "\n}\n")
	case "yaml":
		b.WriteString("passwords: [SECRETk14array, \"${OTHER}\"]\n")
	case "env":
		delete(want, line)
	case "xml":
		b.WriteString("  <passwords><password>SECRETk14array</password><password>${OTHER}</password></passwords>\n</integration>\n")
	}
	return b.String(), want
}

// TestCredentialShapesInEveryLoader lints the same credentials written as
// JSON, YAML, XML and .env and checks that plaintext-secret reports
// exactly the lines holding a literal one (key names, values that are
// credentials by themselves, lists, the earlier of two duplicate keys),
// none of the references, and never echoes a secret.
func TestCredentialShapesInEveryLoader(t *testing.T) {
	for _, format := range []string{"json", "yaml", "xml", "env"} {
		t.Run(format, func(t *testing.T) {
			text, want := credentialFile(format)
			name := "integration." + format
			dir := writeFiles(t, map[string]string{name: text})
			r := run(t, dir, "", "--kind", "finesse-integration", "--format", "json", name)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			got := map[int]bool{}
			for _, f := range jsonFindings(t, r.stdout) {
				if f.Rule == "plaintext-secret" {
					got[f.Line] = true
				}
			}
			for l := range want {
				if !got[l] {
					t.Errorf("line %d holds a credential, not reported: %s", l, strings.Split(text, "\n")[l-1])
				}
			}
			for l := range got {
				if !want[l] {
					t.Errorf("line %d reported, holds no literal credential: %s", l, strings.Split(text, "\n")[l-1])
				}
			}
			for _, tok := range secretToken.FindAllString(text, -1) {
				if strings.Contains(r.stdout+r.stderr, tok[len("SECRET"):]) {
					t.Errorf("output echoes %s", tok)
				}
			}
		})
	}
}

type jsonFinding struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Pointer string `json:"pointer"`
}

func jsonFindings(t *testing.T, out string) []jsonFinding {
	t.Helper()
	var report struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return report.Findings
}

// TestXMLAttributeCredentials: credentials in XML attributes are reported
// at the attribute's value, in a forced kind (a generic model) and in a
// known XML kind, while every other rule's findings stay those of the
// file without the attributes: attributes are not part of the data model,
// so schema validation does not start rejecting them.
func TestXMLAttributeCredentials(t *testing.T) {
	const integration = "<integration password=\"SECRETAttrPw2026\" host=\"finesse.example.com\">\n" +
		"  <url>/finesse/api/ReasonCodes</url>\n" +
		"  <x apiKey='SECRETAttrKey2026' token=\"${{ secrets.FINESSE_TOKEN }}\"/>\n" +
		"</integration>\n"
	admins, err := os.ReadFile(filepath.Join(repoRoot, "examples", "pcce", "administrators.xml"))
	if err != nil {
		t.Fatal(err)
	}
	withAttrs := strings.Replace(string(admins), "<administrator>", `<administrator id="5001" xmlns:a="urn:x" a:password="SECRETAttrAdmin26">`, 1)
	withAttrs = strings.Replace(withAttrs, "<results>", `<results dbUrl="postgres://sa:SECRETAttrUrl26@db.example.com/awdb">`, 1)
	if withAttrs == string(admins) {
		t.Fatal("administrators.xml changed shape")
	}
	dir := writeFiles(t, map[string]string{"integration.xml": integration, "admins.xml": withAttrs, "plain.xml": string(admins)})
	type place struct {
		line, column int
		pointer      string
	}
	// The position of each secret's value, counted in the text.
	at := func(text, tok string) (int, int) {
		i := strings.Index(text, tok)
		before := text[:i]
		return strings.Count(before, "\n") + 1, i - strings.LastIndex(before, "\n")
	}
	for _, c := range []struct {
		file, text string
		args       []string
		want       map[string]string // the text a secret's value starts with → its pointer
	}{
		{"integration.xml", integration, []string{"--kind", "finesse-integration"},
			map[string]string{"SECRETAttrPw2026": "/@password", "SECRETAttrKey2026": "/x/@apiKey"}},
		{"admins.xml", withAttrs, nil,
			map[string]string{"SECRETAttrAdmin26": "/administrators/0/@a:password", "postgres://sa:SECRETAttrUrl26": "/@dbUrl"}},
	} {
		r := run(t, dir, "", append(c.args, "--format", "json", c.file)...)
		if r.code != 1 {
			t.Fatalf("%s: exit %d\n%s\n%s", c.file, r.code, r.stdout, r.stderr)
		}
		var got []place
		for _, f := range jsonFindings(t, r.stdout) {
			if f.Rule == "plaintext-secret" {
				got = append(got, place{f.Line, f.Column, f.Pointer})
			}
		}
		var want []place
		for tok, ptr := range c.want {
			l, col := at(c.text, tok)
			want = append(want, place{l, col, ptr})
		}
		for _, tok := range secretToken.FindAllString(c.text, -1) {
			if strings.Contains(r.stdout+r.stderr, tok[len("SECRET"):]) {
				t.Errorf("%s: output echoes %s", c.file, tok)
			}
		}
		sort.Slice(want, func(i, j int) bool { return want[i].line < want[j].line })
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: plaintext-secret findings %v, want %v", c.file, got, want)
		}
	}
	// Every other rule sees the same model: the findings of the known
	// kind with attributes are those of the file without them.
	others := func(file string) string {
		r := run(t, dir, "", "--format", "json", "--disable", "plaintext-secret", file)
		var out []string
		for _, f := range jsonFindings(t, r.stdout) {
			out = append(out, fmt.Sprintf("%s %d:%d %s %s", f.Rule, f.Line, f.Column, f.Pointer, f.Message))
		}
		return strings.Join(out, "\n") + fmt.Sprintf("\nexit %d", r.code)
	}
	if a, b := others("admins.xml"), others("plain.xml"); a != b {
		t.Errorf("attributes changed other rules' findings:\n%s\nwithout them:\n%s", a, b)
	}
}

// sarifResult is what the fingerprint tests read of a SARIF result.
type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

// sarifResults decodes the results of a SARIF log of one run.
func sarifResults(t *testing.T, log string) []sarifResult {
	t.Helper()
	var l struct {
		Runs []struct {
			Results []sarifResult `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(log), &l); err != nil || len(l.Runs) != 1 {
		t.Fatalf("SARIF: %v", err)
	}
	return l.Runs[0].Results
}

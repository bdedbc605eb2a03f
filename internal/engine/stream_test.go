package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
	"github.com/rbaclint/rbaclint/rules/registry"
)

// TestStreamMatchesWhole: a run that checks the JSON lists of the streamed
// kinds a window of entities at a time reports exactly what a run that loads
// them whole reports (findings with their positions, messages,
// fingerprints, related locations and fix edits; the cap's note and counts;
// the files checked and skipped), over the examples and testdata together
// (the set-level rules relate files), each testdata folder, and each
// streamable file alone, with windows of one entity and of a few, with the
// default cap and a cap of 3.
func TestStreamMatchesWhole(t *testing.T) {
	root := filepath.Join("..", "..")
	examples, testdata := filepath.Join(root, "examples"), filepath.Join(root, "testdata")
	runs := [][]string{{examples, testdata}}
	dirs, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			runs = append(runs, []string{filepath.Join(testdata, d.Name())})
		}
	}
	streamable := 0
	for _, dir := range []string{examples, testdata} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if source.OpenStream(p, data, "", 0, streamsKind, nil) != nil {
				streamable++
				runs = append(runs, []string{p})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if streamable < 30 {
		t.Fatalf("only %d files of examples/ and testdata/ can be checked by windows: the comparison proves too little", streamable)
	}
	for _, paths := range runs {
		for _, max := range []int{0, 3} {
			whole := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2, MaxFindings: max}
			want, err := Run(paths, whole)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{1, 700} {
				opts := whole
				opts.Stream, opts.StreamMin, opts.WindowBytes = true, 1, size
				got, err := Run(paths, opts)
				if err != nil {
					t.Fatal(err)
				}
				if d := resultDiff(got, want); d != "" {
					t.Errorf("%v (cap %d, windows of %d bytes): by windows %s", paths, max, size, d)
				}
			}
		}
	}
}

// streamsKind is checkStream's choice of kinds.
func streamsKind(k rules.Kind) bool {
	_, ok := kinds.FactKeep(registry.All(), k, &rules.Options{})
	return streamedKinds[k] && ok
}

// resultDiff says how got differs from want in what users see.
func resultDiff(got, want *Result) string {
	switch {
	case !reflect.DeepEqual(got.Files, want.Files):
		return fmt.Sprintf("checks files %v, whole %v", got.Files, want.Files)
	case !reflect.DeepEqual(got.Skipped, want.Skipped) || !reflect.DeepEqual(got.SkipReasons, want.SkipReasons):
		return fmt.Sprintf("skips %v, whole %v", got.SkipReasons, want.SkipReasons)
	case !reflect.DeepEqual(got.Capped, want.Capped):
		return fmt.Sprintf("caps %v, whole %v", got.Capped, want.Capped)
	case len(got.Findings) != len(want.Findings):
		return fmt.Sprintf("has %d findings, whole %d", len(got.Findings), len(want.Findings))
	}
	for i := range got.Findings {
		if g, w := got.Findings[i], want.Findings[i]; !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("finding %d differs:\n got %+v\nwant %+v", i, g, w)
		}
	}
	return ""
}

// tenantListOf writes a tenant user list from spec, four bytes a user
// (e-mail, tenant, roles, id and parent flag), out of small pools, so that
// mutations make the cases the set-level rules judge: e-mails repeated in
// other letter cases or across tenants, one user in two answers (the same
// id), parent users, a supervisor level that triggers the real-time
// add-on, tenants with and without a user admin.
func tenantListOf(spec []byte) string {
	emails := []string{"ana@acme.example", "ANA@acme.example", "bo@acme.example", " Bo@Acme.example", "", "cy@beta.example", "ops@reseller.example"}
	tenants := []string{"acme", "beta", "", " acme"}
	roles := []string{
		`["customer.user", "user.admin"]`,
		`["customer.user", "customer.user.pbx"]`,
		`["customer.user", "customer.user.supervisorl3", "customer.user.pbx"]`,
		`["customer.user", "customer.user.pbx", "customer.user.pbx.realtime"]`,
		`["account.user"]`,
		`["custmer.user", "user.admin"]`,
		`[]`,
		``, // no roles member: a Get All answer
	}
	var users []string
	for i := 0; i+4 <= len(spec) && len(users) < 40; i += 4 {
		u := `{"id": "u` + fmt.Sprint(spec[i+3]%5) + `", "displayName": "User ` + fmt.Sprint(len(users)) + `"`
		if e := emails[int(spec[i])%len(emails)]; e != "" {
			u += `, "email": "` + e + `"`
		}
		if t := tenants[int(spec[i+1])%len(tenants)]; t != "" {
			u += `, "primaryTenant": "` + t + `"`
		}
		if r := roles[int(spec[i+2])%len(roles)]; r != "" {
			u += `, "roles": ` + r
		}
		switch spec[i+3] / 5 % 3 {
		case 1:
			u += `, "isParent": true`
		case 2:
			u += `, "isParent": false`
		}
		users = append(users, u+"}")
	}
	return `{"page_size": 50, "data": [` + strings.Join(users, ",\n") + "]}\n"
}

// FuzzStreamedSetRules: a tenant user list checked by windows reports what
// it reports loaded whole, findings, positions, messages, related
// locations, fingerprints and the cap's counts, whatever its users: the set-level rules read
// a summary gathered from the windows (e-mails by hash) and read the users
// they report again from the file.
func FuzzStreamedSetRules(f *testing.F) {
	for _, s := range []string{
		"\x00\x00\x00\x00\x01\x00\x01\x01\x02\x00\x02\x02\x03\x00\x01\x03",
		"\x00\x00\x02\x00\x00\x00\x03\x00\x05\x01\x01\x06\x06\x02\x04\x05",
		"\x01\x03\x00\x0b\x00\x00\x07\x00\x04\x00\x05\x01\x02\x01\x01\x02\x03\x01\x02\x03",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, spec []byte) {
		path := filepath.Join(dir, "users.json")
		if err := os.WriteFile(path, []byte(tenantListOf(spec)), 0o644); err != nil {
			t.Fatal(err)
		}
		// With the default cap, and with a cap of 3, under which only the
		// first findings in order are positioned.
		for _, max := range []int{0, 3} {
			whole := Options{Rules: registry.All(), RuleOptions: &rules.Options{}, Jobs: 2, MaxFindings: max}
			want, err := Run([]string{path}, whole)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int{1, 300} {
				opts := whole
				opts.Stream, opts.StreamMin, opts.WindowBytes = true, 1, size
				got, err := Run([]string{path}, opts)
				if err != nil {
					t.Fatal(err)
				}
				if d := resultDiff(got, want); d != "" {
					t.Fatalf("cap %d, windows of %d bytes: %s\n%s", max, size, d, tenantListOf(spec))
				}
			}
		}
	})
}

package source

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rbaclint/rbaclint/rules"
)

// dupFile writes n keys each given twice, and the key "a" given three
// times (one finding: a third occurrence's would repeat the second's, except
// in XML, whose message counts them), in the syntax of name.
func dupFile(name string, n int) string {
	var b strings.Builder
	member := func(k string, v int) {
		switch {
		case strings.HasSuffix(name, ".json"):
			fmt.Fprintf(&b, "%q: %d,\n", k, v)
		case strings.HasSuffix(name, ".yaml"):
			fmt.Fprintf(&b, "%s: %d\n", k, v)
		case strings.HasSuffix(name, ".env"):
			fmt.Fprintf(&b, "%s=%d\n", k, v)
		default:
			fmt.Fprintf(&b, "<%s>%d</%s>\n", k, v, k)
		}
	}
	switch {
	case strings.HasSuffix(name, ".json"):
		b.WriteString("{\n")
	case strings.HasSuffix(name, ".xml"):
		b.WriteString("<results><administrators><administrator>\n")
	}
	for _, v := range []int{1, 2, 3} {
		member("a", v)
	}
	for i := range n {
		member(fmt.Sprintf("k%d", i), 1)
		member(fmt.Sprintf("k%d", i), 2)
	}
	switch {
	case strings.HasSuffix(name, ".json"):
		b.WriteString("\"z\": 0}\n")
	case strings.HasSuffix(name, ".xml"):
		b.WriteString("</administrator></administrators></results>\n")
	}
	return b.String()
}

// TestDuplicateFindingsStopAtTheCap: every loader builds at most
// Options.MaxFindings duplicate-key findings, the first ones in the file,
// and counts the rest in Document.MoreDuplicates; without a cap it builds
// them all.
func TestDuplicateFindingsStopAtTheCap(t *testing.T) {
	const n = 50
	for _, name := range []string{"d.json", "d.yaml", "d.env", "d.xml"} {
		total := n + 1 // the k keys and "a"
		if strings.HasSuffix(name, ".xml") {
			total++ // "appears 3 times" is a finding of its own
		}
		data := []byte(dupFile(name, n))
		all := dupFindingsOf(t, name, data, 0)
		if len(all) != total {
			t.Fatalf("%s uncapped: %d duplicate-key findings, want %d", name, len(all), total)
		}
		for _, max := range []int{1, 10, total - 1, total, total + 5} {
			doc, fs := Load(name, data, Options{MaxFindings: max})
			got := onlyRule(fs, rules.IDDuplicateKey)
			want := min(max, total)
			if len(got) != want || doc.MoreDuplicates != total-want {
				t.Fatalf("%s cap %d: %d findings and %d more, want %d and %d", name, max, len(got), doc.MoreDuplicates, want, total-want)
			}
			for i := range got {
				if got[i].Message != all[i].Message || got[i].Span != all[i].Span {
					t.Fatalf("%s cap %d: finding %d is %v, want the uncapped %v", name, max, i, got[i], all[i])
				}
			}
		}
	}
}

func dupFindingsOf(t *testing.T, name string, data []byte, max int) []rules.Finding {
	t.Helper()
	doc, fs := Load(name, data, Options{MaxFindings: max})
	if doc == nil {
		t.Fatalf("%s: not loaded: %v", name, fs)
	}
	return onlyRule(fs, rules.IDDuplicateKey)
}

func onlyRule(fs []rules.Finding, id string) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.RuleID == id {
			out = append(out, f)
		}
	}
	return out
}

// TestEarlierValuesOfAKeyGivenThreeTimes: each replaced value of a
// credential key is kept with the key it was written under, past the cap
// too (a secret is never dropped to save a finding).
func TestEarlierValuesOfAKeyGivenThreeTimes(t *testing.T) {
	for name, text := range map[string]string{
		"p.json": `{"password": "one1one1", "password": "two2two2", "password": "${PW}"}`,
		"p.yaml": "password: one1one1\npassword: two2two2\npassword: ${PW}\n",
		"p.env":  "password=one1one1\npassword=two2two2\npassword=${PW}\n",
		"p.xml":  "<a>\n<password>one1one1</password>\n<password>two2two2</password>\n<password>${PW}</password>\n</a>",
	} {
		for _, max := range []int{0, 1} {
			doc, _ := Load(name, []byte(text), Options{MaxFindings: max, Kind: rules.KindPCCEAdministrators})
			var got []string
			for _, u := range doc.Unmodelled {
				got = append(got, fmt.Sprintf("%s %s %s %d", u.Pointer, u.Key, u.Value, u.KeySpan.Start.Offset))
			}
			// Where each earlier value's key is written: before the value.
			at := func(v string) int {
				from := strings.LastIndexAny(text[:strings.Index(text, v)], "\n{,") + 1
				return from + strings.IndexAny(text[from:], `<"p`)
			}
			one, second, ptr := at("one1one1"), at("two2two2"), "/password"
			want := []string{fmt.Sprintf("%s password one1one1 %d", ptr, one), fmt.Sprintf("%s password two2two2 %d", ptr, second)}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s cap %d: unmodelled %q, want %q", name, max, got, want)
			}
		}
	}
}

// checkCapped loads data uncapped and with a cap of 2 and checks that the
// capped load built the first two duplicate-key findings of the uncapped
// one, counted the rest, and kept every earlier value (fuzz targets call
// it on their inputs).
func checkCapped(t *testing.T, data []byte, load func([]byte, Options) (*rules.Document, []rules.Finding)) {
	t.Helper()
	doc, fs := load(data, Options{MaxDepth: 64})
	capped, cfs := load(data, Options{MaxDepth: 64, MaxFindings: 2})
	if (doc == nil) != (capped == nil) {
		t.Fatalf("the cap changed whether the file loads")
	}
	if doc == nil {
		return
	}
	all, some := onlyRule(fs, rules.IDDuplicateKey), onlyRule(cfs, rules.IDDuplicateKey)
	if len(some) != min(len(all), 2) || capped.MoreDuplicates != len(all)-len(some) || doc.MoreDuplicates != 0 {
		t.Fatalf("capped at 2: %d findings and %d more, uncapped %d", len(some), capped.MoreDuplicates, len(all))
	}
	for i := range some {
		if some[i].Message != all[i].Message || some[i].Span != all[i].Span {
			t.Fatalf("capped finding %d is %+v, want %+v", i, some[i], all[i])
		}
	}
	if !reflect.DeepEqual(doc.Unmodelled, capped.Unmodelled) {
		t.Fatalf("the cap changed the unmodelled values:\n%+v\n%+v", capped.Unmodelled, doc.Unmodelled)
	}
	for _, u := range doc.Unmodelled {
		if u.Earlier && !spanWithin(u.KeySpan, len(data)) {
			t.Fatalf("earlier value of %q at %+v, outside the file", u.Pointer, u.KeySpan)
		}
	}
}

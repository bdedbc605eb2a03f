package engine

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/rbaclint/rbaclint/internal/corpus"
	"github.com/rbaclint/rbaclint/internal/reported"
	"github.com/rbaclint/rbaclint/internal/source"
	"github.com/rbaclint/rbaclint/internal/workers"
	"github.com/rbaclint/rbaclint/rules"
)

// TestPositionsKeepWhatTheCapKeeps holds the positions step, which leaves
// most of an over-full file's findings unpositioned, to positioning every
// finding before the sort and the cap: the output must be the same, note
// included, for caps from 1 to past the number of findings, on a JSON and
// an XML export, with findings at entities, inside them, at pointers that
// do not resolve, outside every entity and with spans of their own.
func TestPositionsKeepWhatTheCapKeeps(t *testing.T) {
	for _, e := range []corpus.Export{corpus.TenantUsers, corpus.PCCERoles} {
		data, err := corpus.Generate(corpus.Medium, e)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := source.Load(string(e), data, source.Options{Workers: workers.New(2)})
		if doc == nil || len(doc.Entities) < 100 {
			t.Fatalf("%s: no document with entities", e)
		}
		fs := reported.Of(scatteredFindings(doc, 3000))
		// The root as one more entity: the entities are then not the
		// elements of one array, and are placed all at once.
		rooted, _ := source.Load(string(e), data, source.Options{Workers: workers.New(2)})
		rooted.Entities = append(rooted.Entities, rules.Entity{Pointer: ""})
		for _, c := range []struct {
			max int
			doc *rules.Document
		}{{1, doc}, {2, doc}, {10, doc}, {250, doc}, {2999, doc}, {3000, doc}, {5000, doc}, {1, rooted}, {10, rooted}, {250, rooted}} {
			max, docs := c.max, map[string]*rules.Document{doc.Path: c.doc}
			want := append([]reported.Finding(nil), fs...)
			resolveSpans(want, docs, workers.New(1))
			sorted{}.Process(want, nil)
			ref := &Processing{overflow: map[string]int{}, Capped: map[rules.Severity]int{}}
			want = capPerFile(want, max, ref)

			got := append([]reported.Finding(nil), fs...)
			run := &Processing{sources: docs, budget: workers.New(2), overflow: map[string]int{}, Capped: map[rules.Severity]int{}}
			for _, p := range []Processor{positions{max}, sorted{}, perFileCap{max: max}} {
				got = p.Process(got, run)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, cap %d: %d findings kept, want %d; first difference: %s", e, max, len(got), len(want), firstDifference(got, want))
			}
			if !reflect.DeepEqual(run.Capped, ref.Capped) {
				t.Errorf("%s, cap %d: counted %v left out, want %v", e, max, run.Capped, ref.Capped)
			}
			if max < 250 && run.overflow[doc.Path] == 0 {
				t.Errorf("%s, cap %d: every finding was positioned", e, max)
			}
		}
	}
}

// scatteredFindings places n findings over doc, deterministically.
func scatteredFindings(doc *rules.Document, n int) []rules.Finding {
	var fs []rules.Finding
	s := uint64(7)
	next := func(k int) int { s = s*6364136223846793005 + 1442695040888963407; return int((s >> 33) % uint64(k)) }
	children := []string{"", "/email", "/name", "/roles", "/roles/0", "/roles/1", "/roles/99", "/accessList", "/accessList/feature/0/name", "/nope", "/refURL"}
	for len(fs) < n {
		f := rules.Finding{RuleID: fmt.Sprintf("r%d", next(3)), Path: doc.Path, Message: fmt.Sprintf("m%d", next(4)), Target: rules.Target(next(2)), Severity: rules.Severity(1 + next(3))}
		switch next(20) {
		case 0: // outside every entity
			f.Pointer = []string{"", "/page_size", "/pageInfo", "/missing"}[next(4)]
		case 1: // a span of its own
			line := 1 + next(20000)
			f.Span = rules.Span{Start: rules.Position{Line: line, Column: 1}, End: rules.Position{Line: line, Column: 2}}
			f.Pointer = doc.Entities[next(len(doc.Entities))].Pointer
		default:
			f.Pointer = doc.Entities[next(len(doc.Entities))].Pointer + children[next(len(children))]
		}
		if next(10) == 0 {
			f.Related = []rules.Related{{Pointer: doc.Entities[next(len(doc.Entities))].Pointer, Message: "first"}}
		}
		fs = append(fs, f)
	}
	return fs
}

func firstDifference(got, want []reported.Finding) string {
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("at %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	return "in length"
}

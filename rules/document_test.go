package rules

import (
	"sync"
	"sync/atomic"
	"testing"
)

type viewKey struct{ name string }

func TestViewBuildsOncePerKey(t *testing.T) {
	doc := &Document{Path: "a.json"}
	var builds atomic.Int32
	build := func(d *Document) []string {
		builds.Add(1)
		return []string{d.Path}
	}
	// Rules of one document ask side by side.
	var wg sync.WaitGroup
	got := make([][]string, 16)
	for i := range got {
		wg.Go(func() { got[i] = View(doc, viewKey{"paths"}, build) })
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Fatalf("built %d times, want once", n)
	}
	for i, g := range got {
		if len(g) != 1 || &g[0] != &got[0][0] {
			t.Fatalf("caller %d got %v, not the shared value", i, g)
		}
	}

	// Another key, or another document, is another view.
	View(doc, viewKey{"other"}, build)
	View(&Document{Path: "b.json"}, viewKey{"paths"}, build)
	if n := builds.Load(); n != 3 {
		t.Errorf("built %d times, want 3", n)
	}
}

func TestViewZeroValue(t *testing.T) {
	doc := &Document{}
	if v := View(doc, viewKey{"nil"}, func(*Document) error { return nil }); v != nil {
		t.Errorf("got %v, want nil", v)
	}
}

func TestViewPanicReachesEveryCaller(t *testing.T) {
	doc := &Document{}
	builds := 0
	ask := func() (p any) {
		defer func() { p = recover() }()
		View(doc, viewKey{"bad"}, func(*Document) int { builds++; panic("broken view") })
		return nil
	}
	for i := 0; i < 2; i++ {
		if p := ask(); p != "broken view" {
			t.Errorf("call %d: recovered %v, want the build's panic", i, p)
		}
	}
	if builds != 1 {
		t.Errorf("built %d times, want once", builds)
	}
}

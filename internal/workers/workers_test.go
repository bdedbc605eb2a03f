package workers

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Each calls every index exactly once, whatever the budget.
func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, b := range []*Budget{nil, New(1), New(2), New(8)} {
		for _, n := range []int{0, 1, 2, 1000} {
			calls := make([]atomic.Int32, n)
			b.Each(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("size %d, n %d: index %d called %d times", b.Size(), n, i, c)
				}
			}
		}
	}
}

// Nested stages share the bound: never more than Size calls run at once,
// and an inner stage whose outer one holds every token still finishes (on
// its caller's goroutine).
func TestNestedStagesShareTheBound(t *testing.T) {
	for _, size := range []int{1, 2, 3} {
		b := New(size)
		var running, peak atomic.Int32
		enter := func() {
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(100 * time.Microsecond)
		}
		var inner atomic.Int32
		b.Each(6, func(int) {
			enter()
			running.Add(-1) // its goroutine works in the inner stage next
			b.Each(20, func(int) {
				enter()
				inner.Add(1)
				running.Add(-1)
			})
		})
		if inner.Load() != 6*20 {
			t.Fatalf("size %d: %d inner calls, want %d", size, inner.Load(), 6*20)
		}
		if p := peak.Load(); p > int32(size) {
			t.Fatalf("size %d: %d calls ran at once", size, p)
		}
	}
}

// With a token free, a second goroutine takes part: two calls meet.
func TestEachAddsAHelper(t *testing.T) {
	b := New(2)
	var arrived sync.WaitGroup
	arrived.Add(2)
	met := make(chan struct{})
	go func() { arrived.Wait(); close(met) }()
	b.Each(2, func(int) {
		arrived.Done()
		select {
		case <-met:
		case <-time.After(20 * time.Second):
			t.Error("the two calls never ran at the same time")
		}
	})
	if !b.Spare() {
		t.Error("the helper's token was not given back")
	}
}

// A budget of one, or nil, never adds a goroutine: the calls run in order.
func TestBudgetOfOneRunsInOrder(t *testing.T) {
	for _, b := range []*Budget{nil, New(1)} {
		var got []int
		b.Each(50, func(i int) { got = append(got, i) }) // no lock: one goroutine
		for i, v := range got {
			if v != i {
				t.Fatalf("size %d: call %d was index %d", b.Size(), i, v)
			}
		}
		if b.Spare() {
			t.Errorf("size %d: a spare helper", b.Size())
		}
	}
}

// A panic in a helper reaches the caller, as it would sequentially.
func TestPanicReachesTheCaller(t *testing.T) {
	defer func() {
		if p := recover(); p != "boom" {
			t.Fatalf("recovered %v, want boom", p)
		}
	}()
	New(4).Each(100, func(i int) {
		if i == 57 {
			panic("boom")
		}
	})
	t.Fatal("Each returned")
}

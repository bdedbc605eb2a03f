// Package workers holds a run's worker budget: the --jobs goroutines that
// every stage of the run (loading files, building big documents, schema
// validation, rules, positions) draws from, so that nested stages share
// one bound instead of each bounding itself.
package workers

import (
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Budget allows Size goroutines to work at once: the goroutine that starts
// the run, and one helper per token. A helper is only ever added when a
// token is free, never waited for, so a stage nested inside another (a big
// file's validation inside the loop over files) runs on whatever the outer
// stage leaves free, at worst on its caller's goroutine alone, and cannot
// deadlock. A nil *Budget is a budget of one: everything runs on the
// caller's goroutine.
type Budget struct {
	tokens chan struct{}
}

// New returns a budget of jobs goroutines; 0 or less means one per CPU.
func New(jobs int) *Budget {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	return &Budget{tokens: make(chan struct{}, jobs-1)}
}

// Size is the number of goroutines the budget lets work at once.
func (b *Budget) Size() int {
	if b == nil {
		return 1
	}
	return cap(b.tokens) + 1
}

// Spare reports whether a helper could be added now. A stage whose
// parallel path costs more than its sequential one when it gets no helper
// asks this first; the answer may be stale at once, which costs time only.
func (b *Budget) Spare() bool {
	return b != nil && len(b.tokens) < cap(b.tokens)
}

// tryAcquire takes a token if one is free.
func (b *Budget) tryAcquire() bool {
	if b == nil {
		return false
	}
	select {
	case b.tokens <- struct{}{}:
		return true
	default:
		return false
	}
}

func (b *Budget) release() { <-b.tokens }

// Each calls fn(0), ..., fn(n-1), each once, and returns when all have
// returned. The calling goroutine works through them; before each call,
// while more are left, it adds a helper if a token is free, and helpers do
// the same, so a stage gains workers as other stages finish. Callers that
// need an order keep each call's result at its index. A panic in fn is
// raised again in the caller once every call in progress has returned.
func (b *Budget) Each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[any]
	var work func()
	work = func() {
		defer func() {
			if p := recover(); p != nil {
				failed.CompareAndSwap(nil, &p)
			}
		}()
		for failed.Load() == nil {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			if i+1 < n && b.tryAcquire() {
				wg.Go(func() {
					// A fault reading a mapped input file that was
					// truncated (internal/mapped) is then a panic, passed
					// on to the caller, which reports it, and not a crash.
					debug.SetPanicOnFault(true)
					defer b.release()
					work()
				})
			}
			fn(i)
		}
	}
	work()
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(*p)
	}
}

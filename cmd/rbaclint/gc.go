package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's default pace starts collecting at 4 MB of heap, which a
// pre-commit run on one small file reaches while compiling a schema: two or
// three collections then cost it about a fifth of its run. Like the Go
// compiler (cmd/compile's AdjustStartingHeap), rbaclint starts with a lazier
// pace and returns to the default as soon as a collection finds the run is a
// big one, so that big exports keep memory close to their live data. A soft
// memory limit bounds the lazy start: the news of a big live heap arrives
// on the cleanup goroutine a little after its collection, and meanwhile a
// big run at the lazy pace could grow its heap to five times its live data.
const (
	startGCPercent = 400
	bigLiveHeap    = 8 << 20  // live bytes after a collection that end the lazy start
	startLimit     = 48 << 20 // the soft memory limit of the lazy start
)

// tuneGC applies the lazy start unless the user set GOGC.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(startGCPercent)
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(startLimit)
	}
	watchGC()
}

// endLazyStart restores the default pace and lifts the start's memory
// limit (unless the user set one).
func endLazyStart() {
	debug.SetGCPercent(100)
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// watchGC runs after every collection (a cleanup of an object nothing
// references) until the live heap is big, then restores the default pace.
func watchGC() {
	runtime.AddCleanup(new([16]byte), func(struct{}) {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() >= bigLiveHeap {
			endLazyStart()
			return
		}
		watchGC()
	}, struct{}{})
}

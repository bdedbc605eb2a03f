package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneGC: the run starts at the lazy pace under a soft memory limit and
// returns to the default pace, without a limit, once a collection finds a
// big live heap.
func TestTuneGC(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set: tuneGC leaves the pace to the user")
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		t.Skip("GOMEMLIMIT is set: tuneGC leaves the limit to the user")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	tuneGC()
	if got := debug.SetGCPercent(startGCPercent); got != startGCPercent {
		t.Fatalf("after tuneGC the pace is %d, want %d", got, startGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != startLimit {
		t.Fatalf("after tuneGC the memory limit is %d, want %d", got, startLimit)
	}
	live := make([]byte, 2*bigLiveHeap)
	for i := range live {
		live[i] = byte(i)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // cleanups run on their own goroutine
		pace := debug.SetGCPercent(-1)
		debug.SetGCPercent(pace)
		if pace == 100 {
			if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
				t.Fatalf("the default pace is back, but the memory limit is still %d", limit)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pace still %d after collections with %d live bytes", pace, len(live))
		}
	}
	runtime.KeepAlive(live)
}

package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneGC: the run starts at the lazy pace and returns to the default
// once a collection finds a big live heap.
func TestTuneGC(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set: tuneGC leaves the pace to the user")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tuneGC()
	if got := debug.SetGCPercent(startGCPercent); got != startGCPercent {
		t.Fatalf("after tuneGC the pace is %d, want %d", got, startGCPercent)
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
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pace still %d after collections with %d live bytes", pace, len(live))
		}
	}
	runtime.KeepAlive(live)
}

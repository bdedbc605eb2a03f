package atomicfile

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// While a temporary file exists, SIGINT and SIGTERM remove every one
// before the process exits (with 128 + the signal's number, as a shell
// reports a process killed by it); otherwise they keep their default
// action. A signal that arrives as the last file is renamed still ends
// the run: the write it interrupted is complete, or was never seen.
var (
	signals = make(chan os.Signal, 1)
	pending atomic.Value // the signal the handler took, before it has the lock
)

func init() {
	go func() {
		for sig := range signals {
			pending.Store(sig)
			live.Lock() // held until exit: no write renames or creates meanwhile
			die(sig)
		}
	}()
}

// die removes the temporary files and exits; live is locked.
func die(sig os.Signal) {
	for p := range live.paths {
		os.Remove(p)
	}
	code := 1
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}

// watchSignals and unwatchSignals are called with live locked; unwatch
// acts on a signal received meanwhile.
func watchSignals() { signal.Notify(signals, os.Interrupt, syscall.SIGTERM) }

func unwatchSignals() {
	signal.Stop(signals)
	if sig, ok := pending.Load().(os.Signal); ok {
		die(sig)
	}
	select {
	case sig := <-signals:
		die(sig)
	default:
	}
}

package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// A run over a handbook allocates a few tens of MB and keeps little of it
// alive, but the collector's first goal is 4 MB: with the default GOGC it
// ran about twenty times on the Sourcegraph snapshot, a quarter of the
// run's CPU. So a run starts with the collector off under a memory limit
// (smallRunLimit), which a small handbook never reaches; after any
// collection that finds more than bigRunLive bytes alive, a large run goes
// back to the default pacing (GOGC=100, no limit), so its peak memory is
// what it would have been. GOGC or GOMEMLIMIT in the environment win.
const (
	smallRunLimit = 32 << 20
	bigRunLive    = 12 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(smallRunLimit)
	watchGC()
}

// gcSentinel is garbage as soon as watchGC returns: its finalizer runs
// after the next collection.
type gcSentinel struct{ _ *int }

// watchGC checks the live heap after the next collection, and again after
// each one until the run turns out large.
func watchGC() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > bigRunLive {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		watchGC()
	})
}

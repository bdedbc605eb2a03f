//go:build !linux

package mapped

// The standard library's syscall has Madvise on Linux only; elsewhere the
// kernel keeps passed pages until it needs the memory.
func release([]byte) {}

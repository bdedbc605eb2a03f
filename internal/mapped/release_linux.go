package mapped

import "syscall"

// release drops the pages of b, whole pages of a mapping, from resident
// memory.
func release(b []byte) {
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED) // advice: a failure only keeps the pages
}

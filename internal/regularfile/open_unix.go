//go:build unix

package regularfile

import "syscall"

// openFlags makes opening a FIFO return at once (Linux, macOS, BSD).
const openFlags = syscall.O_NONBLOCK

//go:build !unix

package atomicfile

import "os"

// processExists reports whether process pid is running; where FindProcess
// cannot tell (it finds any pid on some systems), a file is kept.
func processExists(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

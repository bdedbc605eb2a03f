//go:build !(linux || darwin)

package mapped

import "os"

// Other platforms read the file (Windows would need x/sys/windows).
func mmap(*os.File, int) ([]byte, bool) { return nil, false }

//go:build !unix

package regularfile

// openFlags: other systems have no FIFOs that block an open.
const openFlags = 0

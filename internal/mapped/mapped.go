// Package mapped reads input files by mapping them into memory where the
// platform allows (Linux, macOS): the bytes are the page cache's, with no
// copy into the heap, and the zero-copy strings of the document model view
// them for as long as the process runs, since mappings are never unmapped.
//
// A file truncated while it is mapped makes a read past its new end fault
// (SIGBUS). The goroutines that touch the bytes run with
// debug.SetPanicOnFault, so the fault is a panic; Shrunk then tells the
// caller that the file changed, which it reports instead of crashing.
package mapped

import (
	"io/fs"
	"os"
	"sync"
	"unsafe"
)

// held are the address ranges of every mapping made, for Faulted.
var (
	heldMu sync.Mutex
	held   [][2]uintptr
)

// Map maps size bytes of the regular file f read-only. ok is false when the
// platform cannot map or the file is empty (a mapping of nothing is an
// error): the caller reads the file instead. The mapping outlives f.
func Map(f *os.File, size int64) (data []byte, ok bool) {
	if size <= 0 || int64(int(size)) != size {
		return nil, false
	}
	data, ok = mmap(f, int(size))
	if ok {
		start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
		heldMu.Lock()
		held = append(held, [2]uintptr{start, start + uintptr(len(data))})
		heldMu.Unlock()
	}
	return data, ok
}

// Faulted reports whether p, a recovered panic, is a fault reading one of
// the mappings (raised as a panic by debug.SetPanicOnFault): a mapped file
// was truncated. Any other panic, a nil dereference included, is not.
func Faulted(p any) bool {
	e, ok := p.(interface{ Addr() uintptr })
	if !ok {
		return false
	}
	addr := e.Addr()
	heldMu.Lock()
	defer heldMu.Unlock()
	for _, r := range held {
		if addr >= r[0] && addr < r[1] {
			return true
		}
	}
	return false
}

// Shrunk reports whether the file at path, of which data is a mapping made
// when its information was fi, is now shorter than data: reading data's end
// then faults. A file replaced by another (renamed over, as editors and
// rbaclint --fix write) leaves the old one, and the mapping, intact.
func Shrunk(path string, fi fs.FileInfo, data []byte) bool {
	now, err := os.Stat(path)
	if err != nil {
		return false // removed: the mapping keeps the file's pages
	}
	return os.SameFile(fi, now) && now.Size() < int64(len(data))
}

// Release tells the system that the whole pages of data[from:to] are not
// needed for now, when data views one of the mappings: they leave the
// process's resident memory, and a later read faults them back in from the
// file (the mapping is read-only and file-backed, so nothing is lost and
// strings that view the pages stay valid). Anything else, a heap copy or a
// platform without mappings, is left alone.
func Release(data []byte, from, to int) {
	from, to = max(from, 0), min(to, len(data))
	if from >= to {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	end, ok := heldEnd(start)
	if !ok {
		return
	}
	page := uintptr(pageSize)
	lo := (start + uintptr(from) + page - 1) &^ (page - 1)
	hi := (start + uintptr(to)) &^ (page - 1)
	if start+uintptr(to) == end {
		hi = end // the mapping's last page, past the file's end, is the file's too
	}
	if lo >= hi {
		return
	}
	release(unsafe.Slice(&data[lo-start], hi-lo))
}

// FaultReach is how far from a faulting page a read of a mapping may map
// the file's pages: Linux maps pages around a fault (fault-around, 64 KiB)
// and, we infer from Linux 6.18's measurements (not traced), for a file
// whose page cache holds large folios (one written moments ago) the whole
// folio, up to a huge page (2 MiB on x86-64).
const FaultReach = 2 << 20

// ReleaseRead releases what reading data[from:to] may have brought into
// resident memory: its pages and those within FaultReach of it, which a
// fault there may have mapped (Release). Pages released that a reader
// still wants only fault in again.
func ReleaseRead(data []byte, from, to int) {
	Release(data, from-FaultReach, to+FaultReach)
}

var pageSize = os.Getpagesize()

// heldEnd returns the end of the mapping that holds addr.
func heldEnd(addr uintptr) (uintptr, bool) {
	heldMu.Lock()
	defer heldMu.Unlock()
	for _, r := range held {
		if addr >= r[0] && addr < r[1] {
			return r[1], true
		}
	}
	return 0, false
}

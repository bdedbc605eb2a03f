// Command rbaclint lints contact-center access-control configuration exports.
// See README.md for usage.
package main

import (
	"os"
	"runtime"

	"github.com/rbaclint/rbaclint/internal/cli"
)

// Heap profiling samples an allocation every 512 KB with a stack trace;
// the schema validator's deep stacks make those traces cost a small run
// about 5 % of its instructions. --memprofile turns it back on.
func init() { runtime.MemProfileRate = 0 }

func main() {
	tuneGC()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

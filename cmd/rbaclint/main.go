// Command rbaclint lints contact-center access-control configuration exports.
// See README.md for usage.
package main

import (
	"os"

	"github.com/rbaclint/rbaclint/internal/cli"
)

func main() {
	tuneGC()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

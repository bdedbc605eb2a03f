//go:build ignore

// measure is bench/compare.sh's stopwatch. It runs a command several times
// and prints the median wall time in microseconds and the highest peak RSS
// in KiB. Timing from the shell (date before and after /usr/bin/time) adds
// two process starts to every run, a few milliseconds that would dwarf a
// small file's check; here the clock reads right around fork and wait, and
// the peak RSS comes from the same wait (getrusage of the child).
//
//	go build -o /tmp/measure bench/measure.go
//	/tmp/measure -runs 5 -ok 0,1 -stdout out.txt -stderr err.txt -- CMD ARGS...
//
// It exits 1 when a run ends with an exit code outside -ok (the last run's
// output is left in the -stdout and -stderr files), 2 on bad usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "number of runs")
	ok := flag.String("ok", "0", "comma-separated exit codes that count as success")
	stdout := flag.String("stdout", os.DevNull, "file for the last run's standard output")
	stderr := flag.String("stderr", os.DevNull, "file for the last run's standard error")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: measure [-runs N] [-ok CODES] [-stdout F] [-stderr F] -- CMD ARGS...")
		os.Exit(2)
	}
	okCodes := map[int]bool{}
	for _, c := range strings.Split(*ok, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil {
			fmt.Fprintf(os.Stderr, "measure: -ok %q: %v\n", *ok, err)
			os.Exit(2)
		}
		okCodes[n] = true
	}
	var walls []time.Duration
	var maxRSS int64
	for range *runs {
		wall, rss, code, err := run(flag.Args(), *stdout, *stderr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "measure: %v\n", err)
			os.Exit(1)
		}
		if !okCodes[code] {
			fmt.Fprintf(os.Stderr, "measure: %s exited with code %d\n", flag.Arg(0), code)
			os.Exit(1)
		}
		walls = append(walls, wall)
		maxRSS = max(maxRSS, rss)
	}
	slices.Sort(walls)
	fmt.Printf("%d %d\n", walls[(len(walls)-1)/2].Microseconds(), maxRSS)
}

// run runs the command once: wall time, peak RSS in KiB (Linux reports
// ru_maxrss in KiB) and exit code.
func run(args []string, stdout, stderr string) (time.Duration, int64, int, error) {
	out, err := os.Create(stdout)
	if err != nil {
		return 0, 0, 0, err
	}
	defer out.Close()
	errf, err := os.Create(stderr)
	if err != nil {
		return 0, 0, 0, err
	}
	defer errf.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = out, errf
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return 0, 0, 0, err
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var rss int64
	if ru != nil {
		rss = ru.Maxrss
	}
	return wall, rss, cmd.ProcessState.ExitCode(), nil
}

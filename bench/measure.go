//go:build ignore

// measure is bench/compare.sh's stopwatch. It runs a command several times
// and prints the median wall time in microseconds, the highest peak RSS in
// KiB and the median CPU time (user + system) in microseconds. Timing from
// the shell (date before and after /usr/bin/time) adds two process starts
// to every run, a few milliseconds that would dwarf a small file's check;
// here the clock reads right around fork and wait, and the peak RSS and CPU
// time come from the same wait (the child's rusage: the ru_maxrss that GNU
// time's %M prints).
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
	var walls, cpus []time.Duration
	var maxRSS int64
	for range *runs {
		wall, cpu, rss, code, err := run(flag.Args(), *stdout, *stderr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "measure: %v\n", err)
			os.Exit(1)
		}
		if !okCodes[code] {
			fmt.Fprintf(os.Stderr, "measure: %s exited with code %d\n", flag.Arg(0), code)
			os.Exit(1)
		}
		walls = append(walls, wall)
		cpus = append(cpus, cpu)
		maxRSS = max(maxRSS, rss)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	fmt.Printf("%d %d %d\n", walls[(len(walls)-1)/2].Microseconds(), maxRSS, cpus[(len(cpus)-1)/2].Microseconds())
}

// run runs the command once: wall time, CPU time, peak RSS in KiB (Linux
// reports ru_maxrss in KiB) and exit code.
func run(args []string, stdout, stderr string) (wall, cpu time.Duration, rss int64, code int, err error) {
	out, err := os.Create(stdout)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	defer out.Close()
	errf, err := os.Create(stderr)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	defer errf.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = out, errf
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if cmd.ProcessState == nil {
		return 0, 0, 0, 0, err
	}
	if ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage); ru != nil {
		rss = ru.Maxrss
	}
	cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return wall, cpu, rss, cmd.ProcessState.ExitCode(), nil
}

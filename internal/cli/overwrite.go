package cli

import (
	"os"
	"path/filepath"
)

// output is one file the run reads or writes, with the flag that names it
// ("" for a path operand).
type output struct{ flag, path string }

// refuseOutputOverInput stops a run whose output names one of its inputs:
// writing it would truncate the export (or the configuration) before or
// while it is read. Paths compare absolute and cleaned, and as the same
// file where both exist (a hard link, a symlink, another spelling).
// --write-baseline may name the --baseline it updates: that is read whole
// before the new one replaces it.
func refuseOutputOverInput(outs, inputs []output) error {
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		oabs, oerr := filepath.Abs(o.path)
		ofi, ostat := os.Stat(o.path)
		for _, input := range inputs {
			in := input.path
			if in == "" || in == "-" || (o.flag == "write-baseline" && input.flag == "baseline") {
				continue
			}
			iabs, ierr := filepath.Abs(in)
			same := oerr == nil && ierr == nil && oabs == iabs
			if !same && ostat == nil {
				if ifi, err := os.Stat(in); err == nil {
					same = os.SameFile(ofi, ifi)
				}
			}
			if same {
				return usagef("--%s %s is also an input: writing it would destroy what is checked; name another file", o.flag, o.path)
			}
		}
	}
	return nil
}

// runOutputs lists the files a lint or diff run writes.
func (lf *lintFlags) runOutputs(dests []destination) []output {
	var outs []output
	for _, d := range dests {
		outs = append(outs, output{"output", d.file})
	}
	return append(outs, output{"write-baseline", lf.writeBaseline}, output{"cpuprofile", lf.cpuProfile}, output{"memprofile", lf.memProfile})
}

// runInputs lists the files a lint or diff run reads: its paths, the
// configuration and the baseline.
func (lf *lintFlags) runInputs(paths []string) []output {
	var ins []output
	for _, p := range paths {
		ins = append(ins, output{"", p})
	}
	return append(ins, output{"config", lf.configPath}, output{"baseline", lf.baseline})
}

package engine

import (
	"os"
	"slices"
)

// largestFirst returns the order in which to check the inputs: the biggest
// files first, so that a big export does not start last and leave the
// other cores idle while it finishes alone (the bench corpus's 60 MB
// profile list sorts after its 10 MB and 30 MB files by name). Results are
// still kept by input index, so the output does not depend on it.
func largestFirst(inputs []input) []int {
	order := make([]int, len(inputs))
	for i := range order {
		order[i] = i
	}
	if len(inputs) < 2 {
		return order
	}
	sizes := make([]int64, len(inputs))
	for i, in := range inputs {
		switch {
		case in.memory != nil:
			sizes[i] = in.memory.Size
		case in.fsPath != "":
			if fi, err := os.Stat(in.fsPath); err == nil {
				sizes[i] = fi.Size()
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case sizes[a] > sizes[b]:
			return -1
		case sizes[a] < sizes[b]:
			return 1
		}
		return 0
	})
	return order
}

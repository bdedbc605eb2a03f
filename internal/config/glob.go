package config

import (
	"path"
	"strings"
)

// matchGlob matches a slash-separated relative path against a pattern made
// of path.Match segments plus "**" for any number of directories. A pattern
// without a slash matches the file name at any depth, as in .gitignore.
func matchGlob(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

// matchSegments decides by dynamic programming over (pattern suffix, name
// suffix), O(len(pat) × len(name)) segment matches: trying every split for
// each "**" in turn backtracks exponentially (ten "**/" against a 26-deep
// path took 23 s).
func matchSegments(pat, name []string) bool {
	// next[j]: pat[i+1:] matches name[j:]; for the empty pattern, only the
	// empty name.
	next := make([]bool, len(name)+1)
	cur := make([]bool, len(name)+1)
	next[len(name)] = true
	for i := len(pat) - 1; i >= 0; i-- {
		if pat[i] == "**" {
			// Any number of segments, then the rest: some k >= j works.
			cur[len(name)] = next[len(name)]
			for j := len(name) - 1; j >= 0; j-- {
				cur[j] = next[j] || cur[j+1]
			}
		} else {
			cur[len(name)] = false
			for j := 0; j < len(name); j++ {
				cur[j] = false
				if next[j+1] {
					cur[j], _ = path.Match(pat[i], name[j])
				}
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// validGlob reports whether every segment of a pattern is well-formed.
func validGlob(pattern string) bool {
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return false
		}
	}
	return true
}

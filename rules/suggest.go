package rules

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Vocabulary is the list of names a "did you mean" suggests from (a
// catalog's features, permissions or role keys), with its answers kept per
// name: an export repeats the same unknown name thousands of times, and each
// answer costs an edit distance against every name. Its memo lives as long
// as the catalog that holds it, so answers are keyed by catalog identity.
// It is safe for concurrent use; the names must not change once built.
type Vocabulary struct {
	names []string

	mu   sync.Mutex
	memo map[string]suggestion
}

// suggestion is what a vocabulary answered for one name.
type suggestion struct{ nearest, confident string }

// vocabularyMemoMax bounds a vocabulary's memo: a hostile file may hold
// millions of distinct unknown names.
const vocabularyMemoMax = 1 << 14

// NewVocabulary returns the vocabulary of names; it keeps the slice.
func NewVocabulary(names []string) *Vocabulary {
	return &Vocabulary{names: names}
}

// Names returns the vocabulary's names.
func (v *Vocabulary) Names() []string { return v.names }

// Nearest is Nearest(name, v.Names()), memoised.
func (v *Vocabulary) Nearest(name string) string { return v.answer(name).nearest }

// Confident is Confident(name, v.Names()), memoised.
func (v *Vocabulary) Confident(name string) string { return v.answer(name).confident }

// answer computes both answers on the first question about a name: the
// rules that ask one ask the other for the same finding.
func (v *Vocabulary) answer(name string) suggestion {
	v.mu.Lock()
	s, ok := v.memo[name]
	v.mu.Unlock()
	if ok {
		return s
	}
	s.nearest = Nearest(name, v.names)
	s.confident = confidentOf(name, v.names, s.nearest)
	v.mu.Lock()
	if v.memo == nil || len(v.memo) >= vocabularyMemoMax {
		v.memo = map[string]suggestion{} // bounded memory: start over
	}
	v.memo[name] = s
	v.mu.Unlock()
	return s
}

// Nearest returns the candidate closest to name by edit distance (case
// insensitive), or "" when none is close enough to be a plausible typo.
// A Vocabulary keeps its answers; this computes one.
//
// Its cost is bounded whatever the input: a name longer than
// nearestMaxRunes gets no suggestion (nobody mistypes a 10 MB key), and a
// candidate whose length differs by more than the distance limit is not
// compared (its distance is at least that difference).
func Nearest(name string, candidates []string) string {
	n := utf8.RuneCountInString(name)
	if n > nearestMaxRunes || len(candidates) == 0 {
		return ""
	}
	limit := min(n/3+1, 4)
	best, bestD := "", -1
	ln := strings.ToLower(name)
	for _, c := range candidates {
		if diff := utf8.RuneCountInString(c) - n; diff > limit || -diff > limit {
			continue
		}
		d := editDistance(ln, strings.ToLower(c))
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// nearestMaxRunes is the longest name Nearest suggests for.
const nearestMaxRunes = 256

// Confident returns the one candidate nearest to name when it is clearly
// the one meant: within Nearest's distance limit and strictly nearer than
// every other candidate by two edits, so a fix never picks among look-alikes.
func Confident(name string, candidates []string) string {
	return confidentOf(name, candidates, Nearest(name, candidates))
}

// confidentOf is Confident given best, Nearest's answer.
func confidentOf(name string, candidates []string, best string) string {
	if best == "" {
		return ""
	}
	ln := strings.ToLower(name)
	d := editDistance(ln, strings.ToLower(best))
	n := utf8.RuneCountInString(name)
	for _, c := range candidates {
		// A length difference of d+2 or more is a distance of d+2 or more.
		if diff := utf8.RuneCountInString(c) - n; diff >= d+2 || -diff >= d+2 {
			continue
		}
		if c != best && editDistance(ln, strings.ToLower(c)) < d+2 {
			return ""
		}
	}
	return best
}

// editDistance is the Levenshtein distance over code points.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

package schemacheck

import (
	"regexp/syntax"
	"unicode/utf8"
)

// seqPattern matches a pattern of the simple form the schemas use most,
// ^ item item ... $ where each item is a character class (or one literal
// character) repeated between min and max times: ^[a-zA-Z0-9_\s-]+$, an
// e-mail shape ^[^\s@]+@[^\s@]+\.[^\s@]+$, a UUID. It gives the answer the
// regexp package gives (which the library uses too), by a backtracking
// search over runes, without the regexp machinery's cost per string.
type seqPattern struct {
	items []seqItem
}

// seqItem is one repeated character class. Every non-ASCII rune (and
// every byte of invalid UTF-8, which the regexp package reads as U+FFFD)
// is in the class when nonASCII is set and out of it otherwise.
type seqItem struct {
	ascii    [128]bool
	nonASCII bool
	min, max int // max -1: unbounded
}

// Limits past which the regexp package decides: the search backtracks, so
// a long string could cost the square of its length, and a long pattern
// gains nothing.
const (
	maxSeqItems = 24
	maxSeqText  = 512
)

// compileSeq returns the matcher of a pattern of the simple form; nil for
// any other pattern.
func compileSeq(pattern string) *seqPattern {
	re, err := syntax.Parse(pattern, syntax.Perl) // as regexp.Compile parses it
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return nil
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil
	}
	p := &seqPattern{}
	for _, s := range subs[1 : len(subs)-1] {
		if !p.add(s) || len(p.items) > maxSeqItems {
			return nil
		}
	}
	return p
}

// add appends the items of one part of the pattern; false when it is not
// of the simple form.
func (p *seqPattern) add(re *syntax.Regexp) bool {
	min, max := 1, 1
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return false
		}
		for _, r := range re.Rune {
			it, ok := classItem([]rune{r, r})
			if !ok {
				return false
			}
			p.items = append(p.items, it)
		}
		return true
	case syntax.OpCharClass:
		it, ok := classItem(re.Rune)
		if !ok {
			return false
		}
		p.items = append(p.items, it)
		return true
	case syntax.OpStar:
		min, max = 0, -1
	case syntax.OpPlus:
		min, max = 1, -1
	case syntax.OpQuest:
		min, max = 0, 1
	case syntax.OpRepeat:
		min, max = re.Min, re.Max
		if min < 0 || min > 1000 || max > 1000 || (max >= 0 && max < min) {
			return false
		}
	default:
		return false
	}
	if re.Flags&syntax.NonGreedy != 0 || len(re.Sub) != 1 {
		// Greediness does not change whether a match exists, but keep the
		// matcher to the forms it was checked against.
		return false
	}
	sub := re.Sub[0]
	var ranges []rune
	switch {
	case sub.Op == syntax.OpCharClass:
		ranges = sub.Rune
	case sub.Op == syntax.OpLiteral && len(sub.Rune) == 1 && sub.Flags&syntax.FoldCase == 0:
		ranges = []rune{sub.Rune[0], sub.Rune[0]}
	default:
		return false
	}
	it, ok := classItem(ranges)
	if !ok {
		return false
	}
	it.min, it.max = min, max
	p.items = append(p.items, it)
	return true
}

// classItem turns a class's ranges into an item matched once; false when
// the class holds some non-ASCII runes but not all of them.
func classItem(ranges []rune) (seqItem, bool) {
	it := seqItem{min: 1, max: 1}
	nonASCII := rune(0) // how many non-ASCII runes the class holds
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			it.ascii[r] = true
		}
		if hi >= utf8.RuneSelf {
			nonASCII += hi - max(lo, utf8.RuneSelf) + 1
		}
	}
	switch nonASCII {
	case 0:
	case utf8.MaxRune - utf8.RuneSelf + 1:
		it.nonASCII = true
	default:
		return seqItem{}, false
	}
	return it, true
}

// match reports whether s matches; ok is false when s is too long for the
// search and the regexp package must decide.
func (p *seqPattern) match(s string) (matched, ok bool) {
	if len(s) > maxSeqText {
		return false, false
	}
	return p.from(0, s), true
}

// from reports whether s matches items[i:] to its end.
func (p *seqPattern) from(i int, s string) bool {
	if i == len(p.items) {
		return s == ""
	}
	it := &p.items[i]
	// Take as many as the item may, remembering where each ended, then
	// give them back one at a time.
	var buf [32]int32
	ends := append(buf[:0], 0)
	pos := 0
	for it.max < 0 || len(ends)-1 < it.max {
		if pos == len(s) {
			break
		}
		c := s[pos]
		w := 1
		if c >= utf8.RuneSelf {
			if !it.nonASCII {
				break
			}
			_, w = utf8.DecodeRuneInString(s[pos:])
		} else if !it.ascii[c] {
			break
		}
		pos += w
		ends = append(ends, int32(pos))
	}
	for n := len(ends) - 1; n >= it.min; n-- {
		if p.from(i+1, s[ends[n]:]) {
			return true
		}
	}
	return false
}

// matchPattern reports whether s matches n's pattern.
func (n *fastNode) matchPattern(s string) bool {
	if n.seq != nil {
		if m, ok := n.seq.match(s); ok {
			return m
		}
	}
	return n.pattern.MatchString(s)
}

package engine

import (
	"strings"
	"unicode/utf8"
)

// Messages quote names and values from the input; a hostile file can hold a
// megabyte-long name. Long unbroken runs are elided in the middle so every
// message stays one readable line and keeps its advice.
const (
	maxRun     = 80 // longest run of non-space characters kept whole
	keepHead   = 48
	keepTail   = 16
	maxMessage = 2048 // bytes; a safety net for messages of many long runs
)

func boundMessage(msg string) string {
	if len(msg) <= maxMessage && !hasLongRun(msg) {
		return msg // what the loop below would rebuild, byte for byte
	}
	var b strings.Builder
	for i, word := range strings.Split(msg, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if utf8.RuneCountInString(word) <= maxRun {
			b.WriteString(word)
			continue
		}
		r := []rune(word)
		b.WriteString(string(r[:keepHead]))
		b.WriteString("…")
		b.WriteString(string(r[len(r)-keepTail:]))
	}
	out := b.String()
	if len(out) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "…"
	}
	return out
}

// hasLongRun reports whether msg has a run of non-space bytes longer than
// maxRun; a shorter run in bytes is shorter in characters too.
func hasLongRun(msg string) bool {
	run := 0
	for i := 0; i < len(msg); i++ {
		if msg[i] == ' ' {
			run = 0
			continue
		}
		if run++; run > maxRun {
			return true
		}
	}
	return false
}

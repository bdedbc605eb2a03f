package report

import (
	"fmt"
	"strings"
	"unicode"
)

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// oneLine makes s safe to print as part of one line: line breaks and tabs
// become spaces and other control characters are shown escaped.
func oneLine(s string) string { return escapeControls(lineBreaks.Replace(s)) }

// escapeControls shows control characters other than line breaks and tab as
// \xNN, so that a hostile file name or value cannot send terminal escapes
// to whoever reads the output.
func escapeControls(s string) string {
	if strings.IndexFunc(s, isEscaped) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isEscaped(r) {
			fmt.Fprintf(&b, `\x%02x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isEscaped(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

// OneLine is oneLine for other renderers (the access inventory): one line,
// control characters escaped.
func OneLine(s string) string { return oneLine(s) }

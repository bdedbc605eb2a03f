// Package manpage writes a man page (roff, man macros) for a command line
// held as a command table, so that the page documents exactly the flags
// that are parsed.
package manpage

import (
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/command"
)

// Page is what the man page says besides the table.
type Page struct {
	Name, Section string // "rbaclint", "1"
	Summary       string // the NAME line's text after "name \-"
	Synopsis      []string
	Description   string // paragraphs separated by blank lines
	Commands      []*command.Command
	After         []Part // EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO...
}

// Part is a section after the commands.
type Part struct{ Title, Text string }

// Roff is the page. It has no date and no version, so that a checked-in
// copy changes only when the table does.
func (p Page) Roff() string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %s %s \"\" %s \"User Commands\"\n", strings.ToUpper(p.Name), p.Section, quote(p.Name))
	// Ragged right: a justified line of one long word (a URL) cannot be
	// adjusted, and troff warns; and no hyphens added to flags or URLs.
	b.WriteString(".ad l\n.nh\n")
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", p.Name, text(p.Summary))
	b.WriteString(".SH SYNOPSIS\n")
	for i, s := range p.Synopsis {
		if i > 0 {
			b.WriteString(".br\n")
		}
		fmt.Fprintf(&b, ".B %s\n%s\n", p.Name, text(s))
	}
	fmt.Fprintf(&b, ".SH DESCRIPTION\n%s", paragraphs(p.Description))
	b.WriteString(".SH COMMANDS\n")
	for _, c := range p.Commands {
		writeCommand(&b, p.Name, c)
		for _, s := range c.Subcommands {
			writeCommand(&b, p.Name, s)
		}
	}
	for _, part := range p.After {
		fmt.Fprintf(&b, ".SH %s\n%s", quote(strings.ToUpper(part.Title)), paragraphs(part.Text))
	}
	return b.String()
}

func writeCommand(b *strings.Builder, name string, c *command.Command) {
	fmt.Fprintf(b, ".SS %s\n", quote(name+" "+c.Name))
	for i, s := range c.Synopsis {
		if i > 0 {
			b.WriteString(".br\n")
		}
		fmt.Fprintf(b, ".B %s\n%s\n", name, text(s))
	}
	about := c.About
	if about == "" {
		about = c.Summary
	}
	b.WriteString(paragraphs(about))
	for _, f := range c.Visible() {
		b.WriteString(".TP\n")
		fmt.Fprintf(b, "%s\n%s\n", flagHead(f), text(f.Details()))
	}
}

// flagHead is ".B \-q\fR, \fB\-\-quiet" or ".BI \-\-format " FORMAT".
func flagHead(f command.Flag) string {
	s := `\fB` + text("--"+f.Name) + `\fR`
	if f.Short != "" {
		s = `\fB` + text("-"+f.Short) + `\fR, ` + s
	}
	if !f.Switch() {
		s += ` \fI` + text(f.Arg) + `\fR`
	}
	return s
}

// paragraphs are .PP blocks.
func paragraphs(s string) string {
	var b strings.Builder
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			fmt.Fprintf(&b, ".PP\n%s\n", text(strings.Join(strings.Fields(para), " ")))
		}
	}
	return b.String()
}

// text escapes one line of running text for roff: backslashes, hyphens
// (so that flags copy as ASCII minus signs), a leading control character,
// and characters outside ASCII (as \[uXXXX], which needs no input
// encoding). A line may break after a slash (\:), so that a URL longer
// than the line does not stick out of it.
func text(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '/':
			b.WriteString(`/\:`)
		case r > 0x7e || r < 0x20:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, ".") || strings.HasPrefix(out, "'") {
		out = `\&` + out
	}
	return out
}

// quote is a macro argument in double quotes.
func quote(s string) string {
	return `"` + strings.ReplaceAll(text(s), `"`, `\(dq`) + `"`
}

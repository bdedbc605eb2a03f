// Package command holds a command line as data: each subcommand with its
// flags (name, value, default, allowed values, help). The flag sets that
// parse it, the help texts, the shell completion scripts (package
// completion) and the man page (package manpage) are all made from one
// table, so that none of them can disagree with what is parsed.
package command

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Complete says what a flag's value, or a command's positional arguments,
// are: what a shell can offer for them.
type Complete int

const (
	Text   Complete = iota // free text (a number, a name, a glob, a revision): nothing to offer
	Files                  // paths of files or directories
	Dirs                   // paths of directories
	Values                 // one of Values
	Pairs                  // KEY=VALUE: a key of Values, a value of PairValues
	None                   // no positional argument at all
)

// Flag is one flag of a command.
type Flag struct {
	Name  string // the long name, without dashes
	Short string // a one-letter alias ("q"), or ""
	// Arg is the value's placeholder in help (FORMAT, FILE, N); "" for a
	// switch, which takes no value.
	Arg string
	// Default is the value the flag starts with (parsed for numbers); ""
	// is the zero value. DefaultDoc, if set, is what help says instead
	// (the default is decided later: "number of CPUs").
	Default, DefaultDoc string
	Complete            Complete
	Values              []string // the allowed values (Values), or the keys (Pairs)
	PairValues          []string // with Pairs: the allowed values after KEY=
	Repeatable          bool
	// Hidden flags are parsed but neither documented nor completed: a flag
	// kept only to refuse it with a better message than "unknown flag".
	Hidden bool
	Help   string
	// Var receives the value: a *string, *bool, *int, *int64 or a flag.Value.
	Var any
}

// Switch reports whether the flag takes no value.
func (f *Flag) Switch() bool { return f.Arg == "" }

// Command is one subcommand.
type Command struct {
	Name     string   // "lint"; a nested one is "config show"
	Synopsis []string // usage lines, each after "rbaclint " ("[lint] [flags] [PATH ...]")
	Summary  string   // one line, for the list of commands
	About    string   // what it does, in paragraphs separated by blank lines
	// Args and ArgValues are what the positional arguments are; a command
	// with Subcommands takes a subcommand's name first.
	Args        Complete
	ArgValues   []string
	Flags       []Flag
	Subcommands []*Command
}

// Leaf is the last word of a nested command's name ("show").
func (c *Command) Leaf() string { return c.Name[strings.LastIndexByte(c.Name, ' ')+1:] }

// Visible are the flags that help and completion show.
func (c *Command) Visible() []Flag {
	var out []Flag
	for _, f := range c.Flags {
		if !f.Hidden {
			out = append(out, f)
		}
	}
	return out
}

// FlagSet makes the flag set that parses the command's flags into their
// Vars, with each flag's default applied. It prints nothing: errors are
// returned (flag.ErrHelp for -h and --help) and the caller words them.
func (c *Command) FlagSet(program string) *flag.FlagSet {
	fs := flag.NewFlagSet(program+" "+c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, f := range c.Flags {
		for _, name := range []string{f.Name, f.Short} {
			if name != "" {
				define(fs, name, f)
			}
		}
	}
	return fs
}

// define adds one flag; a table entry whose Var does not fit its Arg or
// Default is a programming error, found by any test that runs the command.
func define(fs *flag.FlagSet, name string, f Flag) {
	bad := func(why string) { panic(fmt.Sprintf("command: flag --%s: %s", f.Name, why)) }
	switch v := f.Var.(type) {
	case *bool:
		if !f.Switch() {
			bad("a *bool flag takes no Arg")
		}
		fs.BoolVar(v, name, f.Default == "true", f.Help)
		return
	case *string:
		fs.StringVar(v, name, f.Default, f.Help)
	case *int:
		n, err := atoi(f.Default, 0)
		if err != nil {
			bad(err.Error())
		}
		fs.IntVar(v, name, int(n), f.Help)
	case *int64:
		n, err := atoi(f.Default, 64)
		if err != nil {
			bad(err.Error())
		}
		fs.Int64Var(v, name, n, f.Help)
	case flag.Value:
		if b, ok := v.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() != f.Switch() {
			bad("a boolean flag.Value has no Arg, any other one has")
		}
		if f.Default != "" {
			if err := v.Set(f.Default); err != nil {
				bad(err.Error())
			}
		}
		fs.Var(v, name, f.Help)
		return
	default:
		bad(fmt.Sprintf("unsupported Var %T", f.Var))
	}
	if f.Switch() {
		bad("a value flag needs an Arg")
	}
}

func atoi(s string, bits int) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if bits == 0 {
		bits = strconv.IntSize
	}
	return strconv.ParseInt(s, 10, bits)
}

// Spelling is how help writes a flag: "-q, --quiet" or "--format FORMAT".
func (f *Flag) Spelling() string {
	s := "--" + f.Name
	if f.Short != "" {
		s = "-" + f.Short + ", " + s
	}
	if !f.Switch() {
		s += " " + f.Arg
	}
	return s
}

// listed is how many allowed values help lists at most; a longer list (the
// rule IDs) is for completion, and the flag's Help says where to find it.
const listed = 12

// Details is the help of a flag with what the table adds to it: the
// allowed values, the default, whether it repeats.
func (f *Flag) Details() string {
	s := f.Help
	if f.Complete == Values && len(f.Values) > 0 && len(f.Values) <= listed {
		s += "; one of " + strings.Join(f.Values, ", ")
	}
	if d := f.DefaultShown(); d != "" {
		s += " (default: " + d + ")"
	}
	if f.Repeatable {
		s += "; repeatable"
	}
	return s
}

// DefaultShown is the default as help states it, or "" when there is
// nothing to state (a switch that is off, an empty value).
func (f *Flag) DefaultShown() string {
	if f.DefaultDoc != "" {
		return f.DefaultDoc
	}
	if f.Switch() {
		return ""
	}
	return f.Default
}

// Help is the command's help text, as -h and --help print it.
func (c *Command) Help(program string) string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	for _, s := range c.Synopsis {
		fmt.Fprintf(&b, "  %s %s\n", program, s)
	}
	if c.About != "" {
		fmt.Fprintf(&b, "\n%s\n", wrap(c.About, 80))
	}
	if len(c.Subcommands) > 0 {
		b.WriteString("\nCommands:\n")
		b.WriteString(CommandTable(c.Subcommands))
	}
	if fl := c.Visible(); len(fl) > 0 {
		b.WriteString("\nFlags:\n")
		b.WriteString(FlagTable(fl))
	}
	return b.String()
}

// CommandTable is the two-column list of commands that help shows.
func CommandTable(cmds []*Command) string {
	return columns(len(cmds), func(i int) (string, string) { return cmds[i].Leaf(), cmds[i].Summary })
}

// FlagTable is the two-column list of flags that help shows.
func FlagTable(fl []Flag) string {
	return columns(len(fl), func(i int) (string, string) { return fl[i].Spelling(), fl[i].Details() })
}

// columns lays out n rows of a left column and its text, the text wrapped
// to 80 columns and continued under itself.
func columns(n int, row func(int) (string, string)) string {
	width := 0
	for i := 0; i < n; i++ {
		l, _ := row(i)
		width = max(width, utf8.RuneCountInString(l))
	}
	width = min(width, 24)
	var b strings.Builder
	for i := 0; i < n; i++ {
		l, text := row(i)
		indent := strings.Repeat(" ", width+4)
		lines := strings.Split(wrap(text, 80-len(indent)), "\n")
		if utf8.RuneCountInString(l) > width {
			fmt.Fprintf(&b, "  %s\n%s%s\n", l, indent, lines[0])
		} else {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, l, lines[0])
		}
		for _, more := range lines[1:] {
			fmt.Fprintf(&b, "%s%s\n", indent, more)
		}
	}
	return b.String()
}

// wrap breaks text at spaces into lines of at most width characters (a
// longer word stays whole); blank lines between paragraphs are kept.
func wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
				out = append(out, line)
				line = w
			default:
				line += " " + w
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// Find is the command that args name, the path through nested commands
// taken as far as the words match, and how many words that took.
func Find(cmds []*Command, args []string) (*Command, int) {
	var found *Command
	n := 0
	for n < len(args) {
		var next *Command
		for _, c := range cmds {
			if c.Leaf() == args[n] {
				next = c
			}
		}
		if next == nil {
			break
		}
		found, cmds, n = next, next.Subcommands, n+1
	}
	return found, n
}

package engine

import (
	"fmt"
	"io"
	"os"

	"github.com/rbaclint/rbaclint/rules"
)

// read returns a file's bytes, or a limit-exceeded finding when the file is
// larger than the configured maximum (checked before reading, so a huge file
// costs nothing).
func read(in input, opts Options) ([]byte, *rules.Finding, error) {
	max := opts.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	var r io.Reader
	if in.fsPath == "" {
		if in.stdin == nil {
			return nil, nil, fmt.Errorf("no standard input")
		}
		r = in.stdin
	} else {
		f, err := os.Open(in.fsPath)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Size() > max {
			return nil, tooLarge(in.path, fmt.Sprintf("%d bytes", fi.Size()), max), nil
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(in.path, fmt.Sprintf("more than %d bytes", max), max), nil
	}
	return data, nil, nil
}

func tooLarge(path, size string, max int64) *rules.Finding {
	return &rules.Finding{
		RuleID:  rules.IDLimit,
		Path:    path,
		Message: fmt.Sprintf("file is %s, over the %d-byte limit; it was not checked (raise limits.maxFileSize in .rbaclint.yaml or --max-file-size)", size, max),
		Span:    rules.Span{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}},
	}
}

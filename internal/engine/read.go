package engine

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/rbaclint/rbaclint/internal/mapped"
	"github.com/rbaclint/rbaclint/internal/regularfile"
	"github.com/rbaclint/rbaclint/rules"
)

// read returns a file's bytes, or a limit-exceeded finding when the file is
// larger than the configured maximum (checked before reading, so a huge file
// costs nothing). With Options.MapFiles a regular file is mapped where the
// platform allows; mappedAs is then its information, for mapped.Shrunk.
func read(in input, opts Options) (data []byte, mappedAs fs.FileInfo, limit *rules.Finding, err error) {
	data, limit, err = readOrMap(in, opts, &mappedAs)
	return data, mappedAs, limit, err
}

func readOrMap(in input, opts Options, mappedAs *fs.FileInfo) ([]byte, *rules.Finding, error) {
	max := opts.MaxFileSize
	if max <= 0 {
		max = DefaultMaxFileSize
	}
	if m := in.memory; m != nil {
		if m.Size > max || int64(len(m.Data)) > max {
			return nil, tooLarge(in.path, fmt.Sprintf("%d bytes", max64(m.Size, int64(len(m.Data)))), max), nil
		}
		return m.Data, nil, nil
	}
	if text, ok := opts.Overlay[in.path]; ok {
		if int64(len(text)) > max {
			return nil, tooLarge(in.path, fmt.Sprintf("%d bytes", len(text)), max), nil
		}
		return text, nil, nil
	}
	var r io.Reader
	size := int64(-1) // unknown
	if in.fsPath == "" {
		if in.stdin == nil {
			return nil, nil, fmt.Errorf("no standard input")
		}
		r = in.stdin
	} else {
		// Only regular files are ever opened: discover checked the type,
		// but the file may have been replaced since (regularfile checks
		// again, opens without blocking and checks the open file).
		f, fi, err := regularfile.Open(in.fsPath)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		if fi.Size() > max {
			return nil, tooLarge(in.path, fmt.Sprintf("%d bytes", fi.Size()), max), nil
		}
		if opts.MapFiles {
			if data, ok := mapped.Map(f, fi.Size()); ok {
				*mappedAs = fi
				return data, nil, nil
			}
		}
		r, size = f, fi.Size()
	}
	data, err := readAll(io.LimitReader(r, max+1), size)
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

// readAll reads r to the end. With the size known (a regular file) it reads
// into one buffer of that size instead of growing one by doubling, which
// copies a large file several times and leaves the copies to the collector.
// The buffer has one byte more, to see a file that grew meanwhile.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size < 0 {
		return io.ReadAll(r)
	}
	data := make([]byte, 0, size+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // it grew while being read: let append pick a size
		}
	}
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rbaclint/rbaclint/internal/tree"
	"github.com/rbaclint/rbaclint/rules"
	yaml "go.yaml.in/yaml/v3"
)

// yamlSource is the SourceMap of a YAML document, filled while loading.
type yamlSource struct {
	root   tree.Value // to tell a pointer inside an alias from one that does not exist
	places map[string]rules.Place
	// expanded marks pointers whose value came from an alias or a merge key:
	// the values inside have no place of their own, so they resolve to it.
	expanded map[string]bool
}

// Resolve looks pointers up; one inside an expanded alias resolves to the
// alias.
func (s *yamlSource) Resolve(pointers []string) map[string]rules.Place {
	out := make(map[string]rules.Place, len(pointers))
	for _, p := range pointers {
		if pl, ok := s.places[p]; ok {
			out[p] = pl
			continue
		}
		if _, ok := rules.SplitPointer(p); !ok || !s.root.At(p).Exists() {
			continue
		}
		for q := p; ; {
			i := strings.LastIndexByte(q, '/')
			if i < 0 {
				break
			}
			if q = q[:i]; s.expanded[q] {
				out[p] = s.places[q]
				break
			}
		}
	}
	return out
}

// compactJSON renders a non-scalar YAML key as text.
func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// skipYAMLProps skips a node's anchor and tag ("&a !!str "), where node
// positions start, to the content itself.
func skipYAMLProps(data []byte, i int) int {
	for i < len(data) && (data[i] == '&' || data[i] == '!') {
		for i < len(data) && data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' {
			i++
		}
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
	}
	return i
}

// yamlScalarEnd returns the offset after a scalar's text. Quoted scalars
// are scanned to their closing quote; a plain scalar on one line ends
// after its value. Block scalars (| and >) and multi-line plain scalars are
// not measured: their span is empty, at their start.
func yamlScalarEnd(data []byte, start int, n *yaml.Node) int {
	i := skipYAMLProps(data, start)
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if end, closed := doubleQuotedEnd(data, i); closed {
			return end
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for j := i + 1; j < len(data); j++ {
			if data[j] == '\'' {
				if j+1 < len(data) && data[j+1] == '\'' {
					j++
					continue
				}
				return j + 1
			}
		}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
	default:
		if !strings.Contains(n.Value, "\n") && bytes.HasPrefix(data[i:], []byte(n.Value)) {
			return i + len(n.Value)
		}
	}
	return start
}

// flowEnd returns the offset after a flow collection's closing bracket,
// scanning on from the end of its last entry.
func flowEnd(data []byte, start, contentEnd int) int {
	open := skipYAMLProps(data, start)
	i := max(contentEnd, open+1)
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case ']', '}':
			return i + 1
		default:
			return max(contentEnd, start)
		}
	}
	return max(contentEnd, start)
}

package report

import (
	"net/url"
	"path/filepath"
	"strings"
)

// artifactLocation turns a finding path into a SARIF artifact location:
// relative paths become URI references against %SRCROOT% (the work
// directory), absolute ones file URIs.
func artifactLocation(path string) sarifArtifactLocation {
	if isAbs(path) {
		return sarifArtifactLocation{URI: fileURI(path)}
	}
	return sarifArtifactLocation{URI: escapePath(path), URIBaseID: srcRoot}
}

// dirURI is the file URI of a directory, ending in "/" as SARIF requires
// of a base URI.
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: C:/x becomes /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// isAbs accepts both slash forms so that output does not depend on the OS
// the run happened on.
func isAbs(p string) bool {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && (p[2] == '/' || p[2] == '\\') &&
		('a' <= p[0]|0x20 && p[0]|0x20 <= 'z')
}

// escapePath percent-encodes a slash-separated relative path as a URI
// reference. Only unreserved characters and "/" stay literal, so spaces,
// "%", "#", "?" and non-ASCII letters (as UTF-8 bytes) are encoded, and a
// ":" in the first segment cannot be read as a scheme.
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

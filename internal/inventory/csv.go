package inventory

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSV writes one row per grant, with a header, for the spreadsheet of an
// access review.
func CSV(w io.Writer, inv *Inventory) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"capability", "principal", "principal_kind", "vendor", "file", "line", "column", "chain", "inferred", "source"}); err != nil {
		return err
	}
	for i := range inv.Grants {
		g := &inv.Grants[i]
		at := g.At()
		row := []string{
			string(g.Capability), g.Principal, string(g.PrincipalKind), g.Vendor, at.Path,
			strconv.Itoa(at.Line), strconv.Itoa(at.Column), g.Chain(true), strconv.FormatBool(g.Inferred), g.Source,
		}
		for k := range row {
			row[k] = cell(row[k])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a value from being read as a formula by a spreadsheet (a
// principal named "=HYPERLINK(...)" in a hostile export): such cells get a
// leading apostrophe, as OWASP's CSV-injection advice says.
func cell(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

package cxone

import "testing"

func TestCatalogExtends(t *testing.T) {
	set := securityActions([]string{" customApi ", ""})
	if !set["CUSTOMAPI"] || !set["GETCONTACT"] || set[""] {
		t.Errorf("catalog %v", set)
	}
}

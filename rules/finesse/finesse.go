// Package finesse checks Cisco Finesse exports: reason code lists (uniqueness
// and the PCCE label limit) and integration configs that call Finesse's
// admin-only configuration APIs with credentials.
package finesse

import (
	"embed"

	"github.com/rbaclint/rbaclint/rules"
	"github.com/rbaclint/rbaclint/rules/kinds"
)

// files are the pack's rule docs and data: the access mapping (grants.json)
// and the admin-only APIs (admin_apis.json).
//
//go:embed docs/*.md grants.json admin_apis.json
var files embed.FS

func doc(name string) string { return rules.MustDoc(files, "docs/"+name+".md") }

// integrationKinds is what the integration rules and the access model read
// (the reason-code rules read reasonCodeKinds).
var integrationKinds = []rules.Kind{rules.KindFinesseIntegration}

// Rules is this pack's part of the registry, in catalog order.
var Rules = []*rules.Rule{DuplicateReasonCode, LabelExceedsPCCE, BooleanSpelling, SystemCodeReused, MaximumExceeded, AdminCredentials, PlainHTTP}

// Options are the settings this pack reads; finesse.platform is declared by
// the reason-code kind, whose schema variant it selects.
var Options = []*rules.Option{kinds.FinessePlatform}

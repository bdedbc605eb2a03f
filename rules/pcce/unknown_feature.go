package pcce

import (
	"fmt"

	"github.com/rbaclint/rbaclint/rules"
)

// UnknownFeature reports a role feature missing from the feature catalog:
// the available_features export when the run has one, else the built-in list.
var UnknownFeature = &rules.Rule{
	ID:              "pcce/unknown-feature",
	Title:           "A role grants a feature that is not in the feature catalog",
	Doc:             doc("unknown-feature"),
	Kinds:           []rules.Kind{rules.KindPCCERoles, rules.KindPCCEFeatures},
	DefaultSeverity: rules.SeverityWarning,
	Category:        rules.CategoryWarning,
	Inferred:        true,
	Fixable:         true,
	CheckSet:        checkUnknownFeature,
	Facts:           []string{"systemDefined", "accessList", "name", "refURL"}, // customFeatures, roleLabel; a feature's name
}

func checkUnknownFeature(pass *rules.SetPass) {
	known, exported := featureCatalog(pass)
	severity := rules.SeverityDefault
	if exported {
		// The platform answers 400 BAD REQUEST to a feature it does not offer.
		severity = rules.SeverityError
	}
	for _, doc := range docsOfKind(pass.Docs, rules.KindPCCERoles) {
		// A built-in role's features are written by the platform itself,
		// not by the user.
		customFeatures(doc, func(e rules.Entity, f feature) {
			if known.has(f.name) {
				return
			}
			role := roleLabel(e.Data)
			finding := rules.Finding{
				Path:     doc.Path,
				Pointer:  f.pointer(e.Pointer),
				Entity:   role,
				Severity: severity,
				Message:  unknownFeatureMessage(role, f.name, known, exported),
			}
			if near := known.suggest().Confident(f.name); near != "" {
				finding.Fix = rules.NewFix("Replace with "+near, rules.ReplaceValue(finding.Pointer, near))
			}
			pass.Report(finding)
		})
	}
}

// featureCatalog returns the known features and whether they come from an
// available_features export in the run. An export that lists no feature at
// all cannot be a system's real answer, so the built-in list is used then.
// Configured extra names count in both cases.
func featureCatalog(pass *rules.SetPass) (*featureSet, bool) {
	known := newFeatureSet()
	for _, doc := range docsOfKind(pass.Docs, rules.KindPCCEFeatures) {
		for _, e := range doc.Entities {
			name, _ := e.Data.Get("name").Str()
			known.add(name)
		}
	}
	if len(known.names) == 0 {
		if len(pass.Options.Names(featuresOption)) == 0 {
			return knownFeatures(), false
		}
		return newFeatureSet(builtin().knownNames(), pass.Options.Names(featuresOption)), false
	}
	for _, n := range pass.Options.Names(featuresOption) {
		known.add(n)
	}
	return known, true
}

func unknownFeatureMessage(role, name string, known *featureSet, exported bool) string {
	msg := fmt.Sprintf("%s grants the feature %q, which is not in the available_features export", role, name)
	fix := "remove it or fix its name"
	if !exported {
		msg = fmt.Sprintf("%s grants the feature %q, which is not a known PCCE feature", role, name)
		fix = "check its name, or lint with the available_features export of your system"
	}
	if near := known.suggest().Nearest(name); near != "" {
		return fmt.Sprintf("%s; did you mean %q?", msg, near)
	}
	if builtin().isCategory(name) && !knownFeatures().has(name) {
		// <category> and <name> swapped, or a category written as a feature.
		return fmt.Sprintf("%s; %q is a feature category (the <category> element), not a feature name: name the feature", msg, name)
	}
	return msg + "; " + fix
}

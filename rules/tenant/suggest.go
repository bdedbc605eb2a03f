package tenant

import (
	"slices"
	"sort"
	"strings"

	"github.com/rbaclint/rbaclint/rules"
)

// correction is what an unknown role key probably is.
type correction struct {
	key    string
	reason string // shown in the message, e.g. "a machine-translated key"
	// certain corrections (translation, look-alike characters, separators,
	// letter case) count as the intended role for the other rules, so that
	// one misspelt key gives one finding rather than a cascade.
	certain bool
	// confident is true when the key may be replaced without asking: a
	// certain correction, or a typo with one clearly nearest key.
	confident bool
}

// fold maps a key to the form its look-alike spellings share: I, 1 and |
// read as a lower-case l (supervisorI2, supervisor12), underscores as dots
// (customer_user_uc, as on the vendor's device page), any case as lower case.
func fold(key string) string {
	mapped := strings.Map(func(r rune) rune {
		switch r {
		case 'I', '1', '|': // mapped before lower-casing turns I into i
			return 'l'
		case '_':
			return '.'
		}
		return r
	}, key)
	return strings.ToLower(strings.TrimSpace(mapped))
}

// correctionQuestion and correctionAnswer are one memoised correct call.
type correctionQuestion struct {
	key    string
	parent bool
}

type correctionAnswer struct {
	c  correction
	ok bool
}

// correctionsMax bounds a catalog's memo: a hostile file may hold millions
// of distinct unknown keys.
const correctionsMax = 1 << 14

// correct guesses the catalog key an unknown key stands for; the answer
// depends on the key, the level and the catalog only, so it is kept.
func (c *catalog) correct(key string, parent bool) (correction, bool) {
	q := correctionQuestion{key, parent}
	c.mu.Lock()
	a, ok := c.corrections[q]
	c.mu.Unlock()
	if ok {
		return a.c, a.ok
	}
	a.c, a.ok = c.guess(key, parent)
	c.mu.Lock()
	if c.corrections == nil || len(c.corrections) >= correctionsMax {
		c.corrections = map[correctionQuestion]correctionAnswer{} // bounded memory: start over
	}
	c.corrections[q] = a
	c.mu.Unlock()
	return a.c, a.ok
}

// guess is correct without the memo.
func (c *catalog) guess(key string, parent bool) (correction, bool) {
	f := fold(key)
	if k, ok := c.folded[f]; ok {
		if _, known := c.known(k, parent); known {
			return correction{key: k, reason: spellingReason(key, k), certain: true, confident: true}, true
		}
	}
	if k, ok := c.translate(f); ok {
		if _, known := c.known(k, parent); known {
			return correction{key: k, reason: "a machine-translated key", certain: true, confident: true}, true
		}
	}
	candidates := c.candidates[0]
	if parent {
		candidates = c.candidates[1]
	}
	for _, k := range candidates {
		if sameTokens(f, fold(k)) {
			// admin.user for user.admin: one vendor page spells it so,
			// so it is likely but not a certain mistake.
			return correction{key: k, reason: "its parts in another order"}, true
		}
	}
	if k := rules.Nearest(key, candidates); k != "" {
		return correction{key: k, reason: "a typo", confident: rules.Confident(key, candidates) == k}, true
	}
	return correction{}, false
}

// sameTokens reports whether two dotted keys have the same parts in another
// order.
func sameTokens(a, b string) bool {
	if a == b || len(a) != len(b) { // reordered parts keep the length; a huge key is never split
		return false
	}
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	if len(pa) != len(pb) {
		return false
	}
	sort.Strings(pa)
	sort.Strings(pb)
	return strings.Join(pa, ".") == strings.Join(pb, ".")
}

// translate maps each French segment of a folded key back to English.
func (c *catalog) translate(folded string) (string, bool) {
	parts := strings.Split(folded, ".")
	changed := false
	for i, p := range parts {
		if en, ok := segments()[strings.TrimSpace(p)]; ok {
			parts[i] = en
			changed = true
		}
	}
	if !changed {
		return "", false
	}
	k, ok := c.folded[fold(strings.Join(parts, "."))]
	return k, ok
}

// spellingReason says how key differs from the catalog key it folds to.
func spellingReason(key, want string) string {
	switch {
	case strings.TrimSpace(key) == want:
		return "surrounding spaces"
	case strings.Contains(key, "_") && !strings.Contains(want, "_"):
		return "underscores instead of dots"
	case strings.EqualFold(strings.TrimSpace(key), want):
		return "different letter case"
	}
	return "look-alike characters: the key has a lower-case l"
}

// resolve returns the role a key stands for: the catalog entry, or the one
// a certain correction points to.
func (c *catalog) resolve(key string, parent bool) (*Role, bool) {
	if r, ok := c.known(key, parent); ok {
		return r, true
	}
	if corr, ok := c.correct(key, parent); ok && corr.certain {
		return c.roles[corr.key], true
	}
	return nil, false
}

// roleSet is a small set of role keys. A user holds a few roles, so a
// slice scanned in place beats a map allocated per user; it holds catalog
// keys only, without repeats, so it stays as small as the catalog.
type roleSet []string

func (s roleSet) has(key string) bool { return slices.Contains(s, key) }

func (s roleSet) add(key string) roleSet {
	if s.has(key) {
		return s
	}
	return append(s, key)
}

// holdings is the set of catalog roles a user effectively holds: its known
// keys, the keys its misspelt ones certainly stand for, and the roles a
// regional or reseller-level variant stands in for. It refills h, so that
// a rule reuses one set for every user.
func (c *catalog) holdings(h roleSet, u *user) roleSet { return c.holdingsOf(h, u.roles, u.parent) }

// holdingsOf is holdings of a user's role entries; parent is user.parent.
func (c *catalog) holdingsOf(h roleSet, roles []roleRef, parent bool) roleSet {
	h = h[:0]
	for _, ref := range roles {
		r, ok := c.resolve(ref.key, parent)
		if !ok {
			continue
		}
		h = h.add(r.Key)
		for _, s := range r.StandsFor {
			h = h.add(s)
		}
	}
	return h
}

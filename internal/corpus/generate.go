package corpus

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// rng is SplitMix64: tiny, fast and fixed forever, so the corpus does not
// change when a Go release changes math/rand.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *rng) pick(s []string) string { return s[r.intn(len(s))] }

// uuid returns a random-looking, deterministic RFC 4122 version-4 UUID.
func (r *rng) uuid() string {
	a, b := r.next(), r.next()
	b = b&^(0xc<<60) | 0x8<<60 // variant
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xfff, b>>48, b&0xffffffffffff)
}

// pickN returns n distinct elements of s in a random order.
func (r *rng) pickN(s []string, n int) []string {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	out := make([]string, 0, n)
	for i := 0; i < n && i < len(s); i++ {
		j := i + r.intn(len(s)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out = append(out, s[idx[i]])
	}
	return out
}

var (
	teams = []string{"Claims", "Billing", "Mortgages", "Collections", "Retention", "Onboarding", "Fraud", "Travel",
		"Warranty", "Premium Support", "Renewals", "Outbound Sales", "Helpdesk", "Escalations", "Payments", "Loyalty"}
	sites     = []string{"Leeds", "Cardiff", "Glasgow", "Austin", "Denver", "Krakow", "Lisbon", "Manila", "Pune", "Toronto"}
	firstName = []string{"Grace", "Omar", "Hannah", "Carlos", "Nina", "Aisha", "Lukas", "James", "Mei", "Priya",
		"Tomasz", "Sofia", "Kwame", "Elena", "Diego", "Yuki", "Fatima", "Liam", "Ingrid", "Ravi"}
	lastName = []string{"Kim", "Haddad", "Schulz", "Mendes", "Petrova", "Mensah", "Novak", "Whitfield", "Chen", "Sharma",
		"Kowalski", "Rossi", "Boateng", "Ivanova", "Garcia", "Tanaka", "Rahman", "Murphy", "Larsen", "Patel"}
)

// Webex permissions non-administrator profiles may edit, may only view, and
// the feature switches (ENABLED/DISABLED).
var (
	webexEditable = []string{"audio-prompt", "holiday-list", "override", "working-hour", "queue", "flow", "site",
		"skill-profile", "skill-definition", "team", "address-book", "desktop-layout", "desktop-profile", "dial-plan",
		"multimedia-profile", "idle-wrapup-code", "outdial-ani", "quick-reply", "global-variable", "threshold-rule"}
	webexViewOnly = []string{"user", "user-profile", "api-key", "tenant-setting", "resource-collection", "audit-trail"}
	webexSwitches = []string{"call-monitoring", "barge-in", "whisper-coach", "change-agent-state", "sign-out-agent",
		"reskill-agent", "send-message", "analyzer", "multimedia"}
	webexResources = []string{"team", "queue", "site", "desktop-profile", "skill-profile", "channel", "flow"}
	webexAgentType = []string{"SUPERVISOR", "PREMIUM_AGENT", "STANDARD_AGENT"}
)

// webexProfiles writes a v3 list envelope {"meta","data"} of about size
// bytes, pretty-printed like an export kept in git.
func webexProfiles(size int) []byte {
	r := &rng{s: 0x5eed_0001}
	org := r.uuid()
	var body bytes.Buffer
	body.Grow(size + 4096)
	n := 0
	for ; body.Len() < size; n++ {
		if n > 0 {
			body.WriteString(",\n")
		}
		webexProfile(&body, r, org, n)
	}
	var b bytes.Buffer
	b.Grow(body.Len() + 512)
	fmt.Fprintf(&b, "{\n  \"meta\": {\n    \"orgid\": %q,\n    \"page\": 0,\n    \"pageSize\": %d,\n    \"totalPages\": 1,\n    \"totalRecords\": %d,\n"+
		"    \"links\": {\"self\": \"/organization/%s/v3/user-profile?page=0&pageSize=%d\"}\n  },\n  \"data\": [\n", org, n, n, org, n)
	b.Write(body.Bytes())
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

func webexProfile(b *bytes.Buffer, r *rng, org string, i int) {
	broken := -1
	if i%ViolationEvery == violationAt {
		broken = (i / ViolationEvery) % 8
	}
	team, site := r.pick(teams), r.pick(sites)
	typ := r.pick(webexAgentType)
	switch i % 20 {
	case 0:
		typ = "ADMINISTRATOR"
	case 1:
		typ = "ADMINISTRATOR_ONLY"
	}
	roleName := map[string]string{
		"ADMINISTRATOR": "Administrators", "ADMINISTRATOR_ONLY": "Provisioning Administrators",
		"SUPERVISOR": "Supervisors", "PREMIUM_AGENT": "Premium Agents", "STANDARD_AGENT": "Agents",
	}[typ]
	name := fmt.Sprintf("%s %s %s %06d", team, site, roleName, i)
	if broken == 0 {
		name = fmt.Sprintf("%s/%s %s %06d", team, site, roleName, i) // schema: '/' is not allowed
	}
	if broken == 1 {
		typ = "TEAM_LEAD" // schema: not in the enum
	}
	permLevel, resLevel := "SPECIFIC", "SPECIFIC"
	if typ == "ADMINISTRATOR" {
		permLevel, resLevel = "ALL", "ALL"
	} else if typ == "ADMINISTRATOR_ONLY" {
		resLevel = "ALL"
	}

	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	b.WriteString("    {\n")
	w("      \"organizationId\": %q,\n", org)
	w("      \"id\": %q,\n", r.uuid())
	if broken == 7 {
		w("      \"version\": \"%d\",\n", 1+r.intn(20)) // schema: a string
	} else {
		w("      \"version\": %d,\n", 1+r.intn(20))
	}
	w("      \"name\": %q,\n", name)
	w("      \"description\": %q,\n", fmt.Sprintf("%s of the %s teams in %s. Reviewed by the contact-center platform team.", roleName, strings.ToLower(team), site))
	w("      \"profileType\": %q,\n", typ)
	w("      \"active\": %t,\n", i%37 != 0)
	w("      \"permissionAccessLevel\": %q,\n", permLevel)
	w("      \"resourceAccessLevel\": %q,\n", resLevel)
	if permLevel == "SPECIFIC" {
		b.WriteString("      \"permissions\": [\n")
		var perms [][2]string
		for _, p := range r.pickN(webexEditable, 6+r.intn(10)) {
			perms = append(perms, [2]string{p, [...]string{"EDIT", "VIEW", "NONE"}[r.intn(3)]})
		}
		for _, p := range r.pickN(webexViewOnly, 1+r.intn(3)) {
			access := [...]string{"VIEW", "NONE"}[r.intn(2)]
			if typ == "ADMINISTRATOR_ONLY" {
				access = "EDIT"
			}
			perms = append(perms, [2]string{p, access})
		}
		for _, p := range r.pickN(webexSwitches, r.intn(6)) {
			perms = append(perms, [2]string{p, [...]string{"ENABLED", "DISABLED"}[r.intn(2)]})
		}
		switch broken {
		case 2:
			perms = append(perms, perms[0]) // rule: duplicate permission
		case 6:
			perms = append(perms, [2]string{"supervisor-dashboard", "VIEW"}) // rule: unknown permission
		}
		for j, p := range perms {
			sep := ","
			if j == len(perms)-1 {
				sep = ""
			}
			w("        {\"id\": %q, \"name\": %q, \"access\": %q}%s\n", r.uuid(), p[0], p[1], sep)
		}
		b.WriteString("      ],\n")
	}
	base := 100 + 10*(i%50)
	editable := []int{base + 1, base + 2}
	nonViewable := []int{base + 9}
	if broken == 5 {
		nonViewable = append(nonViewable, base+2) // rule: folder both editable and restricted
	}
	w("      \"editableFolderIds\": %s,\n", intList(editable))
	w("      \"viewableFolderIds\": %s,\n", intList([]int{base + 3, base + 4, base + 5}))
	w("      \"nonViewableFolderIds\": %s,\n", intList(nonViewable))
	w("      \"systemDefault\": false,\n")
	if resLevel == "SPECIFIC" {
		var colls []string
		for range 1 + r.intn(2) {
			colls = append(colls, r.uuid())
		}
		def := colls[0]
		if broken == 3 {
			def = r.uuid() // rule: not one of the collections
		}
		w("      \"defaultResourceCollectionId\": %q,\n", def)
		b.WriteString("      \"resourceCollections\": [\n")
		for j, id := range colls {
			b.WriteString("        {\n")
			w("          \"id\": %q,\n", id)
			w("          \"name\": \"%s %s %d\",\n", team, site, j+1)
			b.WriteString("          \"resources\": [\n")
			res := r.pickN(webexResources, 2+r.intn(3))
			for k, name := range res {
				sep := ","
				if k == len(res)-1 {
					sep = ""
				}
				if k%2 == 1 {
					w("            {\"name\": %q, \"accessLevel\": \"ALL\"}%s\n", name, sep)
					continue
				}
				if broken == 4 && j == 0 && k == 0 {
					w("            {\"name\": %q, \"accessLevel\": \"SPECIFIC\"}%s\n", name, sep) // rule: no ids
					continue
				}
				w("            {\"name\": %q, \"accessLevel\": \"SPECIFIC\", \"ids\": [%q, %q]}%s\n", name, r.uuid(), r.uuid(), sep)
			}
			b.WriteString("          ],\n")
			w("          \"resourceCount\": %d\n", len(res))
			if j == len(colls)-1 {
				b.WriteString("        }\n")
			} else {
				b.WriteString("        },\n")
			}
		}
		b.WriteString("      ],\n")
	}
	created := 1700000000000 + int64(i)*60000
	w("      \"createdTime\": %d,\n", created)
	w("      \"lastUpdatedTime\": %d\n", created+int64(r.intn(1<<30)))
	b.WriteString("    }")
}

func intList(xs []int) string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Itoa(x))
	}
	sb.WriteByte(']')
	return sb.String()
}

// Role sets of clean tenant users (each holds every prerequisite, at most
// one supervisor level below 3).
var tenantRoleSets = [][]string{
	{"customer.user", "customer.user.pbx", "customer.user.pbx.realtime", "customer.user.acd", "customer.user.uc", "customer.user.uc.softphone"},
	{"customer.user", "customer.user.pbx", "customer.user.pbx.realtime", "customer.user.acd", "customer.user.uc", "customer.user.crm"},
	{"customer.user", "customer.user.pbx", "customer.user.uc", "customer.user.uc.softphone"},
	{"customer.user", "customer.device.readonly", "customer.user.microsoftteams"},
	{"customer.user.pbx", "customer.user.pbx.realtime"},
	{"customer.user", "customer.user.pbx", "customer.user.supervisorl1", "recording.viewer"},
	{"customer.user", "customer.user.pbx", "customer.user.supervisorl2", "pbx.silentmonitor", "recording.viewer"},
	{"customer.user", "customer.settings", "customer.directories.contributor"},
}

// tenantUsers writes a Get-All envelope {"page_size","data","status"} of
// about size bytes.
func tenantUsers(size int) []byte {
	r := &rng{s: 0x5eed_0002}
	tenant := r.uuid()
	var body bytes.Buffer
	body.Grow(size + 4096)
	prevEmail := ""
	n := 0
	for ; body.Len() < size; n++ {
		if n > 0 {
			body.WriteString(",\n")
		}
		broken := -1
		if n%ViolationEvery == violationAt {
			broken = (n / ViolationEvery) % 6
		}
		first, last := r.pick(firstName), r.pick(lastName)
		display := first + " " + last
		email := fmt.Sprintf("%s.%s.%06d@fabrikam.example", strings.ToLower(first), strings.ToLower(last), n)
		roles := append([]string(nil), tenantRoleSets[r.intn(len(tenantRoleSets))]...)
		if n == 0 {
			roles = []string{"customer.user", "user.admin", "customer.settings", "customer.directories.contributor"}
		}
		switch broken {
		case 0:
			email = strings.ToLower(first) + "." + strings.ToLower(last) + " at fabrikam" // schema: not an e-mail
		case 1:
			roles = append(roles, "client.utilisateur.crm") // rule: unknown (translated) role
		case 2:
			roles = []string{"customer.user", "customer.user.pbx", "customer.user.uc.softphone"} // rule: missing prerequisite
		case 3:
			roles = []string{"customer.user", "customer.user.pbx", "customer.user.supervisorl1", "customer.user.supervisorl2"} // rule: exclusive levels
		case 4:
			display = "" // schema: empty name
		case 5:
			email = prevEmail // rule: duplicate e-mail
		}
		prevEmail = email
		fmt.Fprintf(&body, "    {\n      \"id\": %q,\n      \"displayName\": %q,\n      \"email\": %q,\n      \"roles\": [", r.uuid(), display, email)
		for j, role := range roles {
			if j > 0 {
				body.WriteString(", ")
			}
			body.WriteString(strconv.Quote(role))
		}
		fmt.Fprintf(&body, "],\n      \"primaryTenant\": %q,\n      \"isParent\": false\n    }", tenant)
	}
	var b bytes.Buffer
	b.Grow(body.Len() + 256)
	fmt.Fprintf(&b, "{\n  \"page_size\": %d,\n  \"data\": [\n", n)
	b.Write(body.Bytes())
	b.WriteString("\n  ],\n  \"status\": \"success\",\n  \"timestamp\": \"2025-06-02T08:16:03.904Z\"\n}\n")
	return b.Bytes()
}

// PCCE features custom roles grant, with their categories.
var pcceFeatures = [][2]string{
	{"agent", "agent"}, {"agent", "agentteam"}, {"agent", "attribute"}, {"agent", "reasoncode"}, {"agent", "skillgroup"},
	{"call", "calltype"}, {"call", "dialednumber"}, {"call", "precisionqueue"}, {"call", "bucketinterval"},
	{"call", "expandedcallvariable"}, {"system", "networkvruscript"}, {"system", "bulkjob"},
}

// pcceRoles writes a Role API list answer <results> of about size bytes.
func pcceRoles(size int) []byte {
	r := &rng{s: 0x5eed_0003}
	var body bytes.Buffer
	body.Grow(size + 4096)
	n := 0
	for ; body.Len() < size; n++ {
		broken := -1
		if n%ViolationEvery == violationAt {
			broken = (n / ViolationEvery) % 6
		}
		id := 6000 + n
		name := fmt.Sprintf("%s%s%06d", strings.ReplaceAll(r.pick(teams), " ", ""), r.pick(sites), n)
		if broken == 0 {
			name = fmt.Sprintf("%s-%06d", r.pick(sites), n) // schema: '-' is not allowed
		}
		ref := fmt.Sprintf("/unifiedconfig/config/role/%d", id)
		if broken == 4 {
			ref = fmt.Sprintf("/unifiedconfig/config/agent/%d", id) // rule: wrong type in refURL
		}
		fmt.Fprintf(&body, "    <role>\n      <changeStamp>%d</changeStamp>\n      <refURL>%s</refURL>\n      <name>%s</name>\n"+
			"      <description>Custom role for %s &amp; %s staff</description>\n      <accessList>\n",
			r.intn(9), ref, name, r.pick(teams), r.pick(sites))
		idx := make([]string, len(pcceFeatures))
		for i := range idx {
			idx[i] = strconv.Itoa(i)
		}
		var feats [][2]string
		for _, k := range r.pickN(idx, 3+r.intn(8)) {
			j, _ := strconv.Atoi(k)
			feats = append(feats, pcceFeatures[j])
		}
		switch broken {
		case 1:
			feats = append(feats, [2]string{"access", "administrator"}) // rule: reserved feature
		case 2:
			feats = append(feats, [2]string{"call", "superqueue"}) // rule: unknown feature
		case 3:
			feats = append(feats, feats[0]) // rule: duplicate feature
		}
		for _, f := range feats {
			fmt.Fprintf(&body, "        <feature><category>%s</category><name>%s</name></feature>\n", f[0], f[1])
		}
		body.WriteString("      </accessList>\n")
		if n%3 == 0 {
			first, last := r.pick(firstName), r.pick(lastName)
			fmt.Fprintf(&body, "      <administrators>\n        <administrator>\n          <refURL>/unifiedconfig/config/administrator/%d</refURL>\n"+
				"          <userName>%s.%s</userName>\n          <domainName>CONTOSO.COM</domainName>\n        </administrator>\n      </administrators>\n",
				9000+n, strings.ToLower(first), strings.ToLower(last))
		}
		if broken == 5 {
			body.WriteString("      <owner>ops</owner>\n") // schema: unknown element
		}
		body.WriteString("      <systemDefined>false</systemDefined>\n    </role>\n")
	}
	var b bytes.Buffer
	b.Grow(body.Len() + 1024)
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results>\n  <pageInfo>\n    <totalResults>%d</totalResults>\n"+
		"    <resultsPerPage>%d</resultsPerPage>\n    <startIndex>0</startIndex>\n    <sortTerm>name asc</sortTerm>\n  </pageInfo>\n"+
		"  <permissionInfo>\n    <canCreate>true</canCreate>\n    <canUpdate>true</canUpdate>\n    <canDelete>true</canDelete>\n"+
		"    <role>Administrator</role>\n    <departmentAdmin>false</departmentAdmin>\n  </permissionInfo>\n  <roles>\n", n, n)
	b.Write(body.Bytes())
	b.WriteString("  </roles>\n</results>\n")
	return b.Bytes()
}

// violationAt is the index, within each run of ViolationEvery entities, of
// the broken one: early, so that the small file has one too.
const violationAt = 3

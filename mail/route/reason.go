package route

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Reason explains a route in a translatable way: a stable key and its
// arguments, in the order documented at each key in englishTexts. The UI
// shows it next to every Test button (DESIGN.md section 2) and translates
// the key; a translation may reorder arguments with %[n]s.
type Reason struct {
	Key  string
	Args []string
}

// englishTexts holds the English sentence for each key. Arguments:
// host = server address, user = sending user, domain = From domain,
// server = mail server identification (manual 002), account = the IMAP
// account's name (domain.AccountName).
var englishTexts = map[string]string{
	// host, account (manual 001, 004)
	"route.account_smtp": "via %[1]s, the own SMTP server of the IMAP account %[2]s",
	// host, user (manual 000)
	"route.user_smtp": `via %[1]s because "always use user SMTP" is set for %[2]s`,
	// server, user (manual 002)
	"route.work_location": "via %[1]s because %[2]s works there",
	// host, domain (manual 003)
	"route.own_server": "via the company's own mail server %[1]s because %[2]s is a validated sending domain",
	// host: no own mail server in use (manual 000; 001's "use standard")
	"route.company_smtp": "via the company SMTP server %[1]s, the standard server",
	// host, domain: why the own mail server was passed over (manual 003)
	"route.company_smtp.domain_unknown":  "via the company SMTP server %[1]s because %[2]s is not a sending domain of the own mail server",
	"route.company_smtp.domain_pending":  "via the company SMTP server %[1]s because %[2]s is not validated yet",
	"route.company_smtp.domain_disabled": "via the company SMTP server %[1]s because %[2]s is disabled for the own mail server",
	"route.company_smtp.domain_excluded": "via the company SMTP server %[1]s because %[2]s is excluded from the own mail server",
	// domain: the validation mail of manual 003 (app), which
	// tests the own server before the domain may use it.
	"route.own_server_validation": "sent through the company's own mail server to validate %[1]s",
}

// English is the reason as an English sentence. An unknown key, which
// would be a programming error, still shows the key and its arguments
// rather than an empty line.
func (r Reason) English() string {
	text, ok := englishTexts[r.Key]
	if !ok {
		return r.Key + " " + strings.Join(r.Args, " ")
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
	}
	return fmt.Sprintf(text, args...)
}

// Keys lists every reason key, sorted, so translation files can be
// checked for completeness.
func Keys() []string {
	return slices.Sorted(maps.Keys(englishTexts))
}

package explain

import (
	"strings"

	"postbridge/mail/deliver"
)

// deliverTexts word each finding of the deliverability check, with what
// to change; {{.Domain}}, {{.IP}}, ... come from the finding's arguments.
var deliverTexts = map[deliver.Kind]string{
	deliver.SPFPass:          "{{.IP}} may send for {{.Domain}}: its SPF record names it ({{.Record}})",
	deliver.SPFFail:          "the SPF record of {{.Domain}} does not name {{.IP}} and ends in -all: receivers refuse this mail. Add the route's server to the record (ip4:{{.IP}}, or the include: its provider names)",
	deliver.SPFSoftFail:      "the SPF record of {{.Domain}} does not name {{.IP}} and ends in ~all (softfail): receivers take the mail but mark it suspect, often as spam. Add ip4:{{.IP}} or the provider's include: to the record",
	deliver.SPFNeutral:       "the SPF record of {{.Domain}} says nothing about {{.IP}} (neutral, ?all), which receivers treat like no SPF at all. Add ip4:{{.IP}} or the provider's include: to the record",
	deliver.SPFNone:          "{{.Domain}} publishes no SPF record: receivers cannot tell which servers may send for it, and Google, Yahoo and Microsoft refuse such mail or file it as spam. Publish a TXT record such as v=spf1 ip4:<the server's address> -all",
	deliver.SPFMultiple:      "{{.Domain}} publishes more than one SPF record, which makes every SPF check fail (RFC 7208 §4.5): merge them into one TXT record",
	deliver.SPFTooManyLookup: "the SPF record of {{.Domain}} needs more than 10 DNS look-ups (include, a, mx, ptr, exists, redirect), so receivers stop with an error (RFC 7208 §4.6.4): remove includes no longer used, or replace some by ip4:/ip6: ranges",
	deliver.SPFTooManyVoid:   "the SPF record of {{.Domain}} names more than two names that do not exist, so receivers stop with an error (RFC 7208 §4.6.4): remove those names from the record",
	deliver.SPFPermError:     "the SPF record of {{.Domain}} cannot be read ({{.Detail}}), which receivers treat as an error: correct the record",
	deliver.SPFTempError:     "the SPF record of {{.Domain}} could not be looked up ({{.Detail}}): try again later, or check the domain's name servers",
	deliver.SPFNoAddress:     "{{.Domain}} publishes an SPF record ({{.Record}}), but the address the route's server sends from could not be found: name that address to check it",
	deliver.SPFPrivate:       "{{.Domain}} publishes an SPF record ({{.Record}}), but Postbridge reaches the route's server at the private address {{.IP}}, not the one the internet sees: name the public sending address to check it",

	deliver.DKIMPass:        "the test mail carries a valid DKIM signature of {{.Domain}} (selector {{.Selector}}) and its key is published",
	deliver.DKIMNoKey:       "the test mail is signed by {{.Domain}} with selector {{.Selector}}, but no key is published at {{.Selector}}._domainkey.{{.Domain}}: publish the server's public key there",
	deliver.DKIMBad:         "the DKIM signature of {{.Domain}} (selector {{.Selector}}) does not verify: the key published at {{.Selector}}._domainkey.{{.Domain}} is not the one the server signs with, or the mail was changed on the way. Publish the server's current public key",
	deliver.DKIMTempError:   "the DKIM key of {{.Domain}} (selector {{.Selector}}) could not be looked up: try again later",
	deliver.DKIMUnsigned:    "the test mail sent through the route carries no DKIM signature: turn on DKIM signing for {{.Domain}} on the server or with the provider, and publish its key",
	deliver.DKIMNotChecked:  "DKIM was not checked: no test mail was sent through the route and read back. Name a mailbox Postbridge can read to check it",
	deliver.DKIMOtherDomain: "the test mail is signed by {{.Domain}} (selector {{.Selector}}), not by {{.From}}: the signature is valid but does not count for the DMARC of {{.From}}. Set up DKIM signing for {{.From}}",

	deliver.DKIMNoMailbox:    "DKIM was not checked: Postbridge reads no mailbox of {{.Mailbox}}, where the test mail would go. Add an IMAP account for that address to a user, or name another mailbox Postbridge reads",
	deliver.DKIMSendFailed:   "DKIM was not checked: the route did not take the test mail to {{.Mailbox}} ({{.Detail}}). Send a test e-mail from the mail server's settings to see why",
	deliver.DKIMNotArrived:   "DKIM was not checked: the test mail to {{.Mailbox}} went out, but did not arrive in {{.Folder}} within {{.Seconds}} seconds. Try again later, or look in the mailbox's spam folder",
	deliver.DKIMReadFailed:   "DKIM was not checked: the mailbox {{.Mailbox}} could not be read ({{.Detail}})",
	deliver.DKIMProbeDeleted: "the test mail went through the route to {{.Mailbox}}, was read back from {{.Folder}} and deleted again",
	deliver.DKIMProbeLeft:    "the test mail went through the route to {{.Mailbox}} and was read back from {{.Folder}}, but stays there: the server cannot delete one mail by its UID (no UIDPLUS). Delete the mail \"Postbridge delivery check\" yourself",

	deliver.DMARCNone:        "{{.Domain}} publishes no DMARC record, which Google and Yahoo ask of bulk senders: publish a TXT record at _dmarc.{{.Domain}}, for a start v=DMARC1; p=none",
	deliver.DMARCInvalid:     "the DMARC record of {{.Domain}} cannot be read ({{.Detail}}), so receivers ignore it: correct it",
	deliver.DMARCTempError:   "the DMARC record of {{.Domain}} could not be looked up ({{.Detail}}): try again later",
	deliver.DMARCPolicyNone:  "the DMARC policy of {{.Domain}} is p=none: receivers report mail that fails both SPF and DKIM alignment, and refuse none of it",
	deliver.DMARCQuarantine:  "the DMARC policy of {{.Domain}} is p=quarantine: mail that fails both SPF and DKIM alignment goes to the recipients' spam folder",
	deliver.DMARCReject:      "the DMARC policy of {{.Domain}} is p=reject: mail that fails both SPF and DKIM alignment is refused",
	deliver.DMARCAlignedSPF:  "SPF passes for {{.Domain}}, the domain of the From address: DMARC is satisfied through SPF",
	deliver.DMARCAlignedDKIM: "the DKIM signature of {{.Domain}} matches the domain of the From address: DMARC is satisfied through DKIM",
	deliver.DMARCNotAligned:  "neither SPF nor DKIM passes for the domain of the From address, so the DMARC policy p={{.Policy}} applies to this mail: let SPF name the route's server, or sign with DKIM for the domain",

	deliver.MXFound:     "mail for {{.Domain}} is received by {{.Hosts}}",
	deliver.MXImplicit:  "{{.Domain}} has no MX record, so replies and bounces go to the domain's own address: publish an MX record for the server that receives its mail",
	deliver.MXNull:      "{{.Domain}} declares that it receives no mail (null MX, RFC 7505), and receivers may refuse mail from it: remove the \"MX 0 .\" record if the domain sends mail",
	deliver.MXNone:      "{{.Domain}} has neither an MX record nor an address, and receivers refuse mail from a domain that cannot take replies: publish an MX record",
	deliver.MXTempError: "the MX record of {{.Domain}} could not be looked up ({{.Detail}}): try again later",

	deliver.PTRConfirmed: "{{.IP}} has the reverse name {{.Name}}, which leads back to it",
	deliver.PTRMismatch:  "{{.IP}} has the reverse name {{.Name}}, but that name does not lead back to {{.IP}}, and Google and Yahoo want both to match: ask the provider of the address for a reverse name whose address is {{.IP}}",
	deliver.PTRNone:      "{{.IP}} has no reverse name (PTR), and large receivers refuse or mark mail from it: ask the provider of the address to set one",
	deliver.PTRTempError: "the reverse name of {{.IP}} could not be looked up ({{.Detail}}): try again later",
}

// statusTexts are the words of the table's status column.
var statusTexts = map[deliver.Status]string{
	deliver.StatusOK:      "ok",
	deliver.StatusWarning: "warning",
	deliver.StatusFailing: "failing",
}

// placeholders map a finding's argument names to the sentences' {{.Names}}.
var placeholders = map[string]string{"domain": "Domain", "ip": "IP", "record": "Record", "policy": "Policy",
	"hosts": "Hosts", "name": "Name", "selector": "Selector", "detail": "Detail", "from": "From",
	"mailbox": "Mailbox", "folder": "Folder", "seconds": "Seconds"}

// Finding is the sentence of one line of the deliverability table, in
// the reader's language.
func Finding(f deliver.Finding) string {
	data := map[string]string{}
	for k, v := range f.Args {
		if p, ok := placeholders[k]; ok {
			data[p] = v
		}
	}
	text, ok := deliverTexts[f.Kind]
	if !ok {
		return string(f.Kind)
	}
	return tr("deliver."+string(f.Kind), text, data)
}

// Status is the word for ok / warning / failing in the reader's language.
func Status(s deliver.Status) string {
	return tr("deliver.status."+string(s), statusTexts[s], nil)
}

// CheckName is the table's name for a check: the protocol's own
// acronym, the same in every language.
func CheckName(c deliver.Check) string {
	if c == deliver.CheckPTR {
		return "rDNS"
	}
	return strings.ToUpper(string(c))
}

// deliverKeys are the keys of the sentences above, for Keys.
func deliverKeys(out map[string]string) {
	for k, v := range deliverTexts {
		out["explain.deliver."+string(k)] = v
	}
	for s, v := range statusTexts {
		out["explain.deliver.status."+string(s)] = v
	}
}

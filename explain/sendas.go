package explain

import (
	"strconv"
	"strings"

	"postbridge/app"
	"postbridge/mail/smtpsend"
)

// sendAsTexts word the send-as check's outcomes (manual 003's mailbox
// mode), with what to change; the server's own words follow a refusal.
var sendAsTexts = map[smtpsend.SendAsOutcome]string{
	smtpsend.SendAsAccepted:  "the server accepts {{.From}} as sender for the login {{.Login}} (MAIL FROM and RCPT TO, then RSET: nothing was sent). Microsoft 365 checks Send As only after the message itself: send a test e-mail to be sure there",
	smtpsend.SendAsDelivered: "the server accepted the test mail From {{.From}} for the login {{.Login}}: it went to the company's address, so the service mailbox may send as this address",
	smtpsend.SendAsNotOwned:  "the server refuses {{.From}} as sender for the login {{.Login}}: the address does not belong to that login. Give the service mailbox the right to send as this address (Postfix: smtpd_sender_login_maps; Google: add it as a \"Send mail as\" address), or let this user send through an account of their own",
	smtpsend.SendAsDenied:    "Microsoft 365 refuses {{.From}} for the login {{.Login}} (5.7.60 SendAsDenied): give the service mailbox Send As permission on this user's mailbox (Exchange admin center, Recipients, Mailboxes, Delegation) and try again after up to an hour",
	smtpsend.SendAsRefused:   "the server refuses {{.From}} as sender for the login {{.Login}}",
	smtpsend.SendAsTryLater:  "the server cannot answer for {{.From}} right now (a temporary refusal): try again later",
}

// SendAs is the sentence of a send-as check in the reader's language.
func SendAs(c app.SendAsCheck) string {
	text, ok := sendAsTexts[c.Result.Outcome]
	if !ok {
		return string(c.Result.Outcome)
	}
	return tr("sendas."+string(c.Result.Outcome), text, map[string]string{"From": c.From, "Login": c.Login})
}

// SendAsReply is the server's refusal as it said it, code and words
// ("553 5.7.1 <a@b>: Sender address rejected: ..."), for the line after
// the sentence; "" when it accepted.
func SendAsReply(c app.SendAsCheck) string {
	r := c.Result
	if c.Accepted() || r.Code == 0 {
		return ""
	}
	return strings.TrimSpace(strconv.Itoa(r.Code) + " " + r.Reply)
}

// sendAsKeys are the keys of the sentences above, for Keys.
func sendAsKeys(out map[string]string) {
	for k, v := range sendAsTexts {
		out["explain.sendas."+string(k)] = v
	}
}

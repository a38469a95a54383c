package smtpsend

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/wneessen/go-mail/smtp"

	"postbridge/mail/mailerr"
)

// SendAsOutcome is what a server said to a login sending as an address.
type SendAsOutcome string

// The outcomes the send-as check tells apart; only reply codes are read
// (RFC 5321 §4.2, RFC 3463), the server's text is kept for the reader.
const (
	// SendAsAccepted: MAIL FROM and RCPT TO were accepted.
	SendAsAccepted SendAsOutcome = "accepted"
	// SendAsDelivered: a whole test mail was accepted (SendAsMail).
	SendAsDelivered SendAsOutcome = "delivered"
	// SendAsNotOwned: X.7.1 at MAIL FROM or RCPT TO, as Postfix's
	// reject_sender_login_mismatch answers ("553 5.7.1 Sender address
	// rejected: not owned by user") and Google's "not allowed to send as".
	SendAsNotOwned SendAsOutcome = "not_owned"
	// SendAsDenied: X.7.60, Microsoft Exchange's SendAsDenied ("the
	// mailbox has no Send As permission for this address").
	SendAsDenied SendAsOutcome = "send_as_denied"
	// SendAsRefused: another permanent refusal of the sender.
	SendAsRefused SendAsOutcome = "refused"
	// SendAsTryLater: a temporary refusal (4yz).
	SendAsTryLater SendAsOutcome = "try_later"
)

// SendAsResult is the server's answer, with the command it answered and
// its own words, and the redacted conversation.
type SendAsResult struct {
	Outcome    SendAsOutcome
	Stage      mailerr.Stage
	Code       int
	Enhanced   string
	Reply      string
	Transcript string
}

// SendAs asks s whether its login may send as from: it logs in, sends
// MAIL FROM:<from> and RCPT TO:<rcpt>, and then RSET, so nothing is
// delivered (RFC 5321 §4.1.1.5). A server that checks the sender only
// after DATA (Exchange Online answers 5.7.60 there) accepts here; only a
// real test mail shows its refusal. Connection and login failures are
// errors, explained like Check's; a refused sender is a result.
func SendAs(ctx context.Context, s Server, from, rcpt string) (SendAsResult, error) {
	out := SendAsResult{Outcome: SendAsAccepted}
	res, err := withLogin(ctx, s, func(sc *smtp.Client) error {
		stage := mailerr.StageMail
		err := sc.Mail("<" + from + ">")
		if err == nil {
			stage = mailerr.StageRcpt
			err = sc.Rcpt("<" + rcpt + ">")
		}
		var reply *textproto.Error
		if errors.As(err, &reply) {
			if out, err = refusal(stage, reply); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		_ = sc.Reset()
		return nil
	})
	out.Transcript = res.Transcript
	return out, err
}

// SendAsMail is SendAs with a real message, for servers that judge the
// sender only after DATA (Exchange Online's 5.7.60): m goes out From the
// address being checked, so its From header is judged too. A refusal at
// MAIL, RCPT or DATA whose codes are about the sender is a result; other
// failures are errors, explained like Send's.
func SendAsMail(ctx context.Context, s Server, m Mail) (SendAsResult, error) {
	msg, err := buildMessage(m)
	if err != nil {
		return SendAsResult{}, err
	}
	out := SendAsResult{Outcome: SendAsDelivered}
	send := sendOn(s, msg)
	res, err := withLogin(ctx, s, func(c *smtp.Client) error {
		err := send(c)
		r, ok := replyOf(err)
		if !ok || r.Stage == mailerr.StageOther {
			return err
		}
		stage := r.Stage
		if stage == mailerr.StageData {
			stage = mailerr.StageRcpt // judged by its codes, as a late sender check
		}
		refused, rerr := refusal(stage, &textproto.Error{Code: r.Code, Msg: r.Enhanced})
		if rerr != nil {
			return err
		}
		refused.Stage, refused.Reply = r.Stage, replyWords(err, r.Code)
		out = refused
		return nil
	})
	out.Transcript = res.Transcript
	return out, err
}

// replyWords is the server's reply in a go-mail SendError, without its
// code: go-mail keeps the words only in its message ("smtp mail from:
// 553 5.7.1 <a@b>: Sender address rejected, affected message ID: ..."),
// and its transcript stops before a refused reply.
func replyWords(err error, code int) string {
	text := err.Error()
	i := strings.Index(text, strconv.Itoa(code)+" ")
	if i < 0 {
		return ""
	}
	text = text[i+len(strconv.Itoa(code))+1:]
	if j := strings.Index(text, ", affected "); j >= 0 {
		text = text[:j]
	}
	return strings.TrimSpace(text)
}

// refusal reads a negative reply to MAIL FROM or RCPT TO. A refusal at
// RCPT that is not about the sender (an unknown recipient, X.1.1) says
// nothing about send-as rights: it is an error, explained as such.
func refusal(stage mailerr.Stage, reply *textproto.Error) (SendAsResult, error) {
	r := SendAsResult{Stage: stage, Code: reply.Code, Enhanced: mailerr.EnhancedCode(reply.Msg), Reply: reply.Msg}
	_, detail, _ := strings.Cut(r.Enhanced, ".") // "5.7.1" → "7.1"
	switch {
	case r.Code/100 == 4:
		r.Outcome = SendAsTryLater
	case detail == "7.60":
		r.Outcome = SendAsDenied
	case detail == "7.1" || stage == mailerr.StageMail && r.Code == 553:
		// At RCPT, X.7.1 can also be a refused relay; a server that
		// accepted MAIL FROM from this login and refuses the company's
		// own address is refusing the sender (smtpd_delay_reject).
		r.Outcome = SendAsNotOwned
	case stage == mailerr.StageRcpt:
		return r, fmt.Errorf("%w: %w", mailerr.ErrRecipientRejected, reply)
	default:
		r.Outcome = SendAsRefused
	}
	return r, nil
}

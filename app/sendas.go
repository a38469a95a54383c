package app

import (
	"context"
	"errors"
	"fmt"
	"net/mail"

	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// ErrNotMailboxMode is returned by the send-as check when the own mail
// server does not send from a service mailbox (manual 003).
var ErrNotMailboxMode = errors.New("the own mail server does not send from a service mailbox")

// ErrNotViaOwnServer is returned by the send-as check for a user whose
// mail goes out through another server than the own mail server.
var ErrNotViaOwnServer = errors.New("this user's mail does not go out through the own mail server")

// SendAsCheck is the answer to "may the service mailbox send as this user?".
type SendAsCheck struct {
	User   string
	From   string
	Login  string
	Route  route.Route
	Result smtpsend.SendAsResult
}

// Accepted reports whether the server took the user's address as sender.
func (c SendAsCheck) Accepted() bool {
	return c.Result.Outcome == smtpsend.SendAsAccepted || c.Result.Outcome == smtpsend.SendAsDelivered
}

// CheckSendAs is the send-as check of manual 003's mailbox mode: the
// service mailbox logs in to the own mail server and offers the user's
// address as sender (MAIL FROM, RCPT TO the company's address, RSET), so
// the admin learns before the first real mail whether the server grants
// the right — nothing is delivered.
func (a *Actions) CheckSendAs(ctx context.Context, userName string) (SendAsCheck, error) {
	out, srv, rcpt, err := a.sendAsSetup(userName)
	if err != nil {
		return out, err
	}
	out.Result, err = smtpsend.SendAs(ctx, srv, out.From, rcpt)
	return out, err
}

// CheckSendAsByMail is CheckSendAs with a real test mail From the user
// To the company's address, for servers that judge the sender only after
// the message (Microsoft 365's 5.7.60 SendAsDenied): the mail is
// delivered when the server accepts it.
func (a *Actions) CheckSendAsByMail(ctx context.Context, userName string) (SendAsCheck, error) {
	out, srv, rcpt, err := a.sendAsSetup(userName)
	if err != nil {
		return out, err
	}
	m := smtpsend.Mail{From: out.From, FromName: out.User, To: []string{rcpt},
		Subject: "Postbridge send-as check",
		Text:    "This mail checks that the service mailbox " + out.Login + " may send as " + out.From + ". It needs no answer.\n"}
	out.Result, err = smtpsend.SendAsMail(ctx, srv, m)
	return out, err
}

// sendAsSetup finds the user's address, the route through the service
// mailbox and the recipient of the check: the company's address, else
// the user's own.
func (a *Actions) sendAsSetup(userName string) (SendAsCheck, smtpsend.Server, string, error) {
	var srv smtpsend.Server
	in, u, _, err := a.senderInput(Sender{User: userName})
	if err != nil {
		return SendAsCheck{}, srv, "", err
	}
	out := SendAsCheck{User: u.Name}
	if in.Company.OwnServer.Mode != storage.OwnServerMailbox {
		return out, srv, "", ErrNotMailboxMode
	}
	r, err := route.Choose(in)
	if err != nil {
		return out, srv, "", err
	}
	out.Route, out.Login = r, r.Username
	if r.Via != route.ViaOwnServer {
		return out, srv, "", fmt.Errorf("%s (%s): %w", u.Name, r.Reason.English(), ErrNotViaOwnServer)
	}
	addr, err := mail.ParseAddress(in.From)
	if err != nil {
		return out, srv, "", fmt.Errorf("%s: %w", in.From, route.ErrBadFrom)
	}
	out.From = addr.Address
	rcpt := in.Company.Email
	if rcpt == "" {
		rcpt = out.From
	}
	srv, err = a.smtpServer(r)
	return out, srv, rcpt, err
}

// SendAsUsers are the users whose mail goes out through the own mail
// server's service mailbox, in the order of the user list: the ones the
// send-as check is for. Users whose route fails to resolve are left out.
func (a *Actions) SendAsUsers() ([]string, error) {
	c, err := a.Store.Company()
	if err != nil {
		return nil, err
	}
	if c.OwnServer.Mode != storage.OwnServerMailbox {
		return nil, ErrNotMailboxMode
	}
	users, err := a.Store.Users()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, u := range users {
		in, _, _, err := a.senderInput(Sender{User: u.Name})
		if err != nil {
			continue
		}
		if r, err := route.Choose(in); err == nil && r.Via == route.ViaOwnServer {
			out = append(out, u.Name)
		}
	}
	return out, nil
}

package app

import (
	"context"
	"fmt"
	"time"

	"postbridge/mail/imapsync"
	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// SendResult is what the Send test e-mail button shows (manual 002): the
// route with its reason, the redacted SMTP conversation for Detail, and
// whether the copy reached the sent folder.
type SendResult struct {
	Route      route.Route
	From, To   string
	Transcript string
	// Mechanism is the SASL mechanism of an OAuth2 login (XOAUTH2 or
	// OAUTHBEARER); empty for a password or no login.
	Mechanism string
	// SentCopyError says why the copy could not be filed in the sent
	// folder; the mail itself went out.
	SentCopyError error
}

// SendTest sends a test e-mail from userName to to, or to the company's
// general address when to is empty (manual 002; manual 004 allows any
// recipient), through the server route.Choose picks for mail from the
// user's default account.
func (a *Actions) SendTest(ctx context.Context, userName, to string) (SendResult, error) {
	return a.SendTestFrom(ctx, Sender{User: userName}, to)
}

// SendTestFrom is SendTest for mail from one of the user's IMAP
// accounts: manual 004's "Test E-Mail senden" on the account, which goes
// through the account's own SMTP server when it has one. The copy is
// filed in that account's sent folder.
func (a *Actions) SendTestFrom(ctx context.Context, from Sender, to string) (SendResult, error) {
	in, u, acc, err := a.senderInput(from)
	if err != nil {
		return SendResult{}, err
	}
	if to == "" {
		to = in.Company.Email
	}
	res := SendResult{From: in.From, To: to}
	if to == "" {
		return res, fmt.Errorf("test e-mail: %w", ErrNoRecipient)
	}
	srv, err := a.routeTo(in, &res)
	if err != nil {
		return res, err
	}
	mail := smtpsend.Mail{From: in.From, FromName: senderName(u, acc), To: []string{to},
		Subject: "Postbridge test e-mail",
		Text: "This is a test e-mail sent by Postbridge to check the mail settings.\n\n" +
			res.Route.Reason.English() + ".\n"}
	sent, err := smtpsend.Send(ctx, srv, mail)
	res.Transcript = sent.Transcript
	if err != nil {
		return res, err
	}
	res.SentCopyError = a.fileSentCopy(ctx, acc, sent.Message)
	return res, nil
}

// ErrNoRecipient is returned when a test e-mail has nobody to go to.
var ErrNoRecipient = fmt.Errorf("no recipient: give one, or set the company's general e-mail address")

// routeInput gathers the settings route.Choose needs for a user.
func (a *Actions) routeInput(userName string) (route.Input, storage.User, error) {
	var in route.Input
	u, err := a.Store.UserByName(userName)
	if err != nil {
		return in, u, err
	}
	if in.Company, err = a.Store.Company(); err != nil {
		return in, u, err
	}
	if in.MailServers, err = a.Store.MailServers(); err != nil {
		return in, u, err
	}
	if in.Domains, err = a.Store.Domains(); err != nil {
		return in, u, err
	}
	in.User, in.From = u, u.Email
	if in.From == "" {
		in.From = in.Company.Email
	}
	return in, u, nil
}

// routeTo chooses the route for in, records it in res (so a failure can
// still say which server was tried and why) and returns the server.
func (a *Actions) routeTo(in route.Input, res *SendResult) (smtpsend.Server, error) {
	r, err := route.Choose(in)
	if err != nil {
		return smtpsend.Server{}, err
	}
	res.Route = r
	return a.smtpServer(r)
}

// smtpServer turns a route into a server to connect to, with its password.
func (a *Actions) smtpServer(r route.Route) (smtpsend.Server, error) {
	e := r.Endpoint
	if e.Port == 0 {
		e.Port = defaultSMTPPort(e.Security)
	}
	srv := smtpsend.Server{Host: e.Host, Port: e.Port, Security: e.Security,
		Pinned: e.TLSFingerprint, Roots: a.Roots, Auth: r.Auth, Username: r.Username}
	if r.Auth {
		err := a.credentials(&srv, r.Method, r.OAuth, r.SecretKey, "smtp login "+r.Username)
		return srv, err
	}
	return srv, nil
}

// defaultSMTPPort is 465 for implicit TLS (RFC 8314), 587 for submission
// with STARTTLS (RFC 6409) and 25 otherwise (manual 002's default).
func defaultSMTPPort(s storage.Security) int {
	switch s {
	case storage.SecurityTLS:
		return 465
	case storage.SecuritySTARTTLS:
		return 587
	}
	return 25
}

// fileSentCopy appends what was sent to the account's sent folder,
// marked \Seen (manual 000). Without an account or sent folder there is
// nothing to do.
func (a *Actions) fileSentCopy(ctx context.Context, acc *storage.ImapAccount, raw []byte) error {
	if acc == nil || acc.Sent == "" {
		return nil
	}
	c, err := a.Store.Company()
	if err != nil {
		return err
	}
	srv, err := a.imapServer(c, acc)
	if err != nil {
		return err
	}
	conn, err := imapsync.Dial(ctx, srv)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.AppendSent(acc.Sent, raw, a.now().Truncate(time.Second))
}

// CheckSMTP is the Check SMTP button: it connects to the server a mail
// from the user would go through, and logs in, without sending.
func (a *Actions) CheckSMTP(ctx context.Context, userName string) (SendResult, error) {
	return a.CheckSMTPFrom(ctx, Sender{User: userName})
}

// CheckSMTPFrom is CheckSMTP for mail from one of the user's accounts.
func (a *Actions) CheckSMTPFrom(ctx context.Context, from Sender) (SendResult, error) {
	in, _, _, err := a.senderInput(from)
	if err != nil {
		return SendResult{}, err
	}
	res := SendResult{From: in.From}
	srv, err := a.routeTo(in, &res)
	if err != nil {
		return res, err
	}
	checked, err := smtpsend.Check(ctx, srv)
	res.Transcript, res.Mechanism = checked.Transcript, checked.Mechanism
	return res, err
}

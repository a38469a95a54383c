package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"postbridge/mail/deliver"
	"postbridge/mail/imapsync"
	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// DefaultProbeWait is how long the deliverability check waits for its
// test mail to arrive: a relay's queue may hold it a little.
const DefaultProbeWait = 60 * time.Second

// probePoll is how often the mailbox is searched meanwhile.
const probePoll = time.Second

// probeSubject names the test mail, also for an admin who must delete it
// by hand (deliver.DKIMProbeLeft).
const probeSubject = "Postbridge delivery check"

// probeInbox is where a delivered mail arrives (RFC 9051 §5.1: INBOX is
// the user's primary mailbox), whatever folder the account syncs.
const probeInbox = "INBOX"

// probeDKIM sends a test mail From an address of domain through r to a
// mailbox Postbridge reads, finds it there by its Message-ID, verifies
// its DKIM signatures and deletes it. What keeps the round trip from
// working is a Probe kind, not an error: the other checks still count.
// Only a cancelled ctx is an error.
func (a *Actions) probeDKIM(ctx context.Context, domain string, r route.Route, opts DomainCheckOptions) ([]deliver.Signature, *deliver.Probe, error) {
	c, err := a.Store.Company()
	if err != nil {
		return nil, nil, err
	}
	to := strings.TrimSpace(opts.Mailbox)
	if to == "" {
		to = c.Email
	}
	p := &deliver.Probe{Kind: deliver.DKIMNoMailbox, Mailbox: to, Folder: probeInbox, Seconds: int(probeWait(opts) / time.Second)}
	users, err := a.Store.UsersWithAccounts()
	if err != nil {
		return nil, nil, err
	}
	acc := probeAccount(users, to)
	if acc == nil {
		return nil, p, nil
	}
	from := opts.From
	if from == "" {
		from = probeFrom(domain, r, c, users)
	}
	conn, err := a.probeDial(ctx, c, acc)
	if err != nil {
		return nil, probeFailed(p, deliver.DKIMReadFailed, err), ctx.Err()
	}
	defer conn.Close()
	mid, err := a.sendProbe(ctx, r, from, to)
	if err != nil {
		return nil, probeFailed(p, deliver.DKIMSendFailed, err), ctx.Err()
	}
	got, err := conn.WaitForMessageID(ctx, probeInbox, mid, probeWait(opts), probePoll)
	switch {
	case ctx.Err() != nil:
		return nil, nil, ctx.Err()
	case errors.Is(err, imapsync.ErrNotArrived):
		return nil, probeFailed(p, deliver.DKIMNotArrived, nil), nil
	case err != nil:
		return nil, probeFailed(p, deliver.DKIMReadFailed, err), nil
	}
	sigs, err := deliver.VerifyDKIM(ctx, a.resolver(), got.Raw)
	if err != nil {
		return nil, probeFailed(p, deliver.DKIMReadFailed, err), nil
	}
	p.Kind = deliver.DKIMProbeLeft
	if deleted, err := conn.DeleteProbe(got.UID); err != nil {
		p.Detail = err.Error()
	} else if deleted {
		p.Kind = deliver.DKIMProbeDeleted
	}
	return sigs, p, nil
}

// probeFailed turns p into a failed round trip of kind, with the cause.
func probeFailed(p *deliver.Probe, kind deliver.Kind, err error) *deliver.Probe {
	p.Kind = kind
	if err != nil {
		p.Detail = err.Error()
	}
	return p
}

func probeWait(opts DomainCheckOptions) time.Duration {
	if opts.Wait > 0 {
		return opts.Wait
	}
	return DefaultProbeWait
}

// probeDial connects to the mailbox before the test mail is sent, so
// that a mailbox Postbridge cannot read costs no mail.
func (a *Actions) probeDial(ctx context.Context, c storage.Company, acc *storage.ImapAccount) (*imapsync.Conn, error) {
	srv, err := a.imapServer(c, acc)
	if err != nil {
		return nil, err
	}
	return imapsync.Dial(ctx, srv)
}

// sendProbe sends the test mail through r and returns its Message-ID,
// as go-mail wrote it (RFC 5322 §3.6.4), to find it again by.
func (a *Actions) sendProbe(ctx context.Context, r route.Route, from, to string) (string, error) {
	srv, err := a.smtpServer(r)
	if err != nil {
		return "", err
	}
	m := smtpsend.Mail{From: from, FromName: "Postbridge", To: []string{to}, Subject: probeSubject,
		Text: "Postbridge sent this mail to check the DKIM signature of " + from +
			" on the way through " + r.Endpoint.Host + ". It deletes it again once read; it needs no answer.\n"}
	sent, err := smtpsend.Send(ctx, srv, m)
	if err != nil {
		return "", err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(sent.Message))
	if err != nil {
		return "", fmt.Errorf("read back the test mail: %w", err)
	}
	mid := strings.TrimSpace(msg.Header.Get("Message-Id"))
	if mid == "" {
		return "", fmt.Errorf("the test mail has no Message-ID")
	}
	return mid, nil
}

// probeAccount is the IMAP account Postbridge reads the address to
// with: one whose address or login is to, or the default account of the
// user whose e-mail address it is; nil when there is none.
func probeAccount(users []storage.User, to string) *storage.ImapAccount {
	if to == "" {
		return nil
	}
	for i := range users {
		for j := range users[i].ImapAccounts {
			acc := &users[i].ImapAccounts[j]
			if strings.EqualFold(acc.Address, to) || strings.EqualFold(acc.Username, to) {
				return acc
			}
		}
	}
	for i := range users {
		if strings.EqualFold(users[i].Email, to) {
			if acc, err := account(&users[i]); err == nil {
				return acc
			}
		}
	}
	return nil
}

// probeFrom is the sender of the test mail: an address of domain, for
// DMARC judges the From domain (RFC 7489 §3.1). The route's own login
// comes first, as a server that checks who may send as whom
// (smtpd_sender_login_maps, Send As) lets a login send as itself; then
// the company's address and the users' addresses in domain.
func probeFrom(domain string, r route.Route, c storage.Company, users []storage.User) string {
	candidates := []string{r.Username, c.Email}
	for _, u := range users {
		candidates = append(candidates, u.Email)
	}
	for _, addr := range candidates {
		if _, d, ok := strings.Cut(addr, "@"); ok && strings.EqualFold(d, domain) {
			return addr
		}
	}
	return "postmaster@" + domain
}

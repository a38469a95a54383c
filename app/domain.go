package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// ErrNoOwnServer is returned when a domain is validated before the own
// mail server is set up.
var ErrNoOwnServer = errors.New("the company's own mail server is not set up")

// ErrFromNotInDomain is returned when the validation mail's From address
// is not in the domain being validated.
var ErrFromNotInDomain = errors.New("the From address is not in the domain")

// ValidateDomain is manual 003's Valideer dialog: a code is mailed From an
// address in the domain To an address the admin reads, through the own
// mail server; the admin then enters it with ConfirmDomain.
func (a *Actions) ValidateDomain(ctx context.Context, domain, from, to string) (SendResult, error) {
	domain = strings.ToLower(strings.TrimSpace(domain))
	res := SendResult{From: from, To: to}
	if storage.DomainOf(from) != domain {
		return res, fmt.Errorf("%s: %w %s", from, ErrFromNotInDomain, domain)
	}
	c, err := a.Store.Company()
	if err != nil {
		return res, err
	}
	o := c.OwnServer
	if o.Mode == storage.OwnServerOff || o.Host == "" {
		return res, ErrNoOwnServer
	}
	res.Route = route.Route{Via: route.ViaOwnServer, Endpoint: o.Endpoint,
		Auth: o.Auth == storage.OwnAuthPassword, Username: o.Username, SecretKey: o.SecretKey,
		Reason: route.Reason{Key: "route.own_server_validation", Args: []string{domain}}}
	srv, err := a.smtpServer(res.Route)
	if err != nil {
		return res, err
	}
	code, err := storage.NewValidationCode()
	if err != nil {
		return res, err
	}
	words := map[string]string{"Domain": domain, "Code": code}
	mail := smtpsend.Mail{From: from, To: []string{to},
		Subject: a.text("mail.validation.subject", words), Text: a.text("mail.validation.body", words)}
	sent, err := smtpsend.Send(ctx, srv, mail)
	res.Transcript = sent.Transcript
	if err != nil {
		return res, err
	}
	return res, a.Store.StartValidation(domain, from, to, code, a.now())
}

// ConfirmDomain checks the code the admin typed and marks the domain validated.
func (a *Actions) ConfirmDomain(domain, code, who string) error {
	return a.Store.ConfirmValidation(domain, code, who, a.now())
}

package app

import (
	"context"
	"fmt"

	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// SendTestThrough is the 'Test e-mail versturen' button on manual 002's
// mail server card: a test e-mail to the company's general address
// through that one saved server, whoever works there. userName (may be
// empty) is the current user, the sender; a 'Per medewerker' server logs
// in with that user's own login, but only when the server is the user's
// work location, because that login belongs to it.
func (a *Actions) SendTestThrough(ctx context.Context, serverID uint, userName string) (SendResult, error) {
	in, u, err := a.mailServerTestInput(userName)
	if err != nil {
		return SendResult{}, err
	}
	worksThere := u.WorkLocationID != nil && *u.WorkLocationID == serverID
	if !worksThere {
		u.WorkLocationLogin = storage.Login{}
	}
	// Rule 2 of the route (work location) is the one that knows the three
	// kinds of authentication; pointing the user at this server makes it
	// choose exactly this server, whatever else the user has set.
	u.AlwaysOwnSMTP, u.WorkLocationID, u.WorkLocation = false, &serverID, nil
	in.User = u
	res := SendResult{From: in.From, To: in.Company.Email}
	if res.To == "" {
		return res, fmt.Errorf("test e-mail: %w", ErrNoRecipient)
	}
	srv, err := a.routeTo(in, &res)
	if err != nil {
		return res, err
	}
	if !worksThere {
		res.Route.Reason = route.Reason{} // the admin chose the server, not the route
	}
	mail := smtpsend.Mail{From: in.From, FromName: u.Name, To: []string{res.To},
		Subject: "Postbridge test e-mail",
		Text: "This is a test e-mail sent by Postbridge through the mail server " +
			res.Route.Name + " to check its settings.\n"}
	sent, err := smtpsend.Send(ctx, srv, mail)
	res.Transcript = sent.Transcript
	return res, err
}

// mailServerTestInput is routeInput, except that no current user is
// needed: the company's address then sends to itself.
func (a *Actions) mailServerTestInput(userName string) (route.Input, storage.User, error) {
	if userName != "" {
		return a.routeInput(userName)
	}
	var in route.Input
	var err error
	if in.Company, err = a.Store.Company(); err != nil {
		return in, storage.User{}, err
	}
	if in.MailServers, err = a.Store.MailServers(); err != nil {
		return in, storage.User{}, err
	}
	in.From = in.Company.Email
	return in, storage.User{}, nil
}

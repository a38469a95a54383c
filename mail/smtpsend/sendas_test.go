package smtpsend

import (
	"context"
	"errors"
	"net/textproto"
	"strings"
	"testing"

	"postbridge/mail/mailerr"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// A service login may send as the addresses the server's
// smtpd_sender_login_maps give it, and the refusal of another comes back
// with its codes; nothing is delivered either way.
func TestSendAsPostfix(t *testing.T) {
	s := mailtest.Servers(t)
	addr, service := s.SendAsServer(t)
	rcpt := s.NewUser(t)
	alice := s.Users["alice"]
	tests := []struct {
		name     string
		addr     string
		login    mailtest.User
		from     string
		want     SendAsOutcome
		enhanced string
	}{
		{"granted address", addr, service, alice.Address(), SendAsAccepted, ""},
		{"the login's own address", addr, service, service.Address(), SendAsAccepted, ""},
		{"address of another domain", addr, service, "jan@klant.test", SendAsNotOwned, "5.7.1"},
		{"plain submission: only the own address", s.Submission, rcpt, alice.Address(), SendAsNotOwned, "5.7.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := server(t, tt.addr, storage.SecuritySTARTTLS, tt.login, true, s)
			got, err := SendAs(context.Background(), srv, tt.from, rcpt.Address())
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != tt.want || got.Enhanced != tt.enhanced {
				t.Errorf("outcome %s %s, want %s %s (%d %s)", got.Outcome, got.Enhanced, tt.want, tt.enhanced, got.Code, got.Reply)
			}
			if tt.want == SendAsNotOwned && (got.Stage != mailerr.StageMail || !strings.Contains(got.Reply, "not owned by user")) {
				t.Errorf("refusal at stage %d: %q", got.Stage, got.Reply)
			}
			if !strings.Contains(got.Transcript, "RSET") {
				t.Errorf("no RSET in the conversation:\n%s", got.Transcript)
			}
			noSecret(t, tt.login.Password, got.Transcript)
		})
	}
	if n := s.Count(t, rcpt, "INBOX"); n != 0 {
		t.Errorf("the check delivered %d mails", n)
	}
	// A wrong password is an error, explained as for Check SMTP.
	bad := server(t, addr, storage.SecuritySTARTTLS, mailtest.User{Name: "alice", Password: "wrong"}, true, s)
	if _, err := SendAs(context.Background(), bad, alice.Address(), rcpt.Address()); !errors.Is(err, mailerr.ErrAuthFailed) {
		t.Errorf("wrong password: %v", err)
	}
}

// The refusals of the large providers, read by their codes.
func TestSendAsCodes(t *testing.T) {
	tests := []struct {
		name    string
		stage   mailerr.Stage
		code    int
		msg     string
		want    SendAsOutcome
		wantErr error
	}{
		{"Postfix sender login mismatch", mailerr.StageMail, 553, "5.7.1 <a@b.test>: Sender address rejected: not owned by user svc", SendAsNotOwned, nil},
		{"Postfix with smtpd_delay_reject", mailerr.StageRcpt, 553, "5.7.1 <a@b.test>: Sender address rejected: not owned by user svc", SendAsNotOwned, nil},
		{"Google", mailerr.StageMail, 555, "5.7.1 <a@b.test> not allowed to send as this address", SendAsNotOwned, nil},
		{"Microsoft SendAsDenied", mailerr.StageRcpt, 550, "5.7.60 SMTP; Client does not have permissions to send as this sender", SendAsDenied, nil},
		{"no enhanced code", mailerr.StageMail, 553, "sorry, that domain isn't allowed", SendAsNotOwned, nil},
		{"another refusal", mailerr.StageMail, 550, "5.1.8 bad sender domain", SendAsRefused, nil},
		{"greylisted", mailerr.StageMail, 451, "4.7.1 try again later", SendAsTryLater, nil},
		{"unknown recipient", mailerr.StageRcpt, 550, "5.1.1 no such user", "", mailerr.ErrRecipientRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := refusal(tt.stage, &textproto.Error{Code: tt.code, Msg: tt.msg})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && got.Outcome != tt.want) {
				t.Errorf("got %s, %v; want %s, %v", got.Outcome, err, tt.want, tt.wantErr)
			}
		})
	}
}

// With a real message the server judges the sender at MAIL FROM and the
// From header; a granted address is delivered, another is refused.
func TestSendAsMailPostfix(t *testing.T) {
	s := mailtest.Servers(t)
	addr, service := s.SendAsServer(t)
	rcpt := s.NewUser(t)
	srv := server(t, addr, storage.SecuritySTARTTLS, service, true, s)
	tests := []struct {
		from     string
		want     SendAsOutcome
		reply    string
		received int
	}{
		{s.Users["alice"].Address(), SendAsDelivered, "", 1},
		{"jan@klant.test", SendAsNotOwned, "<jan@klant.test>: Sender address rejected: not owned by user tsendas", 1},
	}
	for _, tt := range tests {
		got, err := SendAsMail(context.Background(), srv, Mail{From: tt.from, To: []string{rcpt.Address()},
			Subject: "send-as check", Text: "checking"})
		if err != nil {
			t.Fatalf("%s: %v", tt.from, err)
		}
		if got.Outcome != tt.want || !strings.Contains(got.Reply, tt.reply) {
			t.Errorf("%s: %s %q, want %s %q\n%s", tt.from, got.Outcome, got.Reply, tt.want, tt.reply, got.Transcript)
		}
		s.WaitCount(t, rcpt, "INBOX", tt.received)
	}
	if n := s.Count(t, rcpt, "INBOX"); n != 1 {
		t.Errorf("%d mails arrived, want the granted one only", n)
	}
}

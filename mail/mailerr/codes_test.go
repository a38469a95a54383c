package mailerr

import (
	"errors"
	"testing"
)

// Replies real servers send, classified by their codes alone.
func TestReplyKind(t *testing.T) {
	tests := []struct {
		name  string
		reply Reply
		want  error
	}{
		{"bad password, Postfix", Reply{Code: 535, Enhanced: "5.7.8"}, ErrAuthFailed},
		{"bad password without enhanced codes", Reply{Code: 535}, ErrAuthFailed},
		{"encryption required for the mechanism", Reply{Code: 538, Enhanced: "5.7.11"}, ErrEncryptionRequired},
		{"mechanism too weak, app password", Reply{Code: 534, Enhanced: "5.7.9"}, ErrAuthTooWeak},
		{"authentication required at MAIL", Reply{Stage: StageMail, Code: 530, Enhanced: "5.7.0"}, ErrAuthRequired},
		{"STARTTLS first at MAIL on a plain connection", Reply{Stage: StageMail, Code: 530, Enhanced: "5.7.0", Plaintext: true}, ErrEncryptionRequired},
		{"temporary authentication failure", Reply{Code: 454, Enhanced: "4.7.0"}, ErrTryLater},
		{"service not available", Reply{Code: 421, Enhanced: "4.3.2"}, ErrTryLater},
		{"greylisted at RCPT", Reply{Stage: StageRcpt, Code: 450, Enhanced: "4.2.0"}, ErrTryLater},
		{"sender domain not found yet", Reply{Stage: StageMail, Code: 450, Enhanced: "4.1.8"}, ErrTryLater},
		{"sender login mismatch", Reply{Stage: StageMail, Code: 553, Enhanced: "5.7.1"}, ErrSenderRejected},
		{"sender login mismatch reported at RCPT", Reply{Stage: StageRcpt, Code: 553, Enhanced: "5.7.1"}, ErrSenderRejected},
		{"bad sender system at RCPT", Reply{Stage: StageRcpt, Code: 550, Enhanced: "5.1.8"}, ErrSenderRejected},
		{"sender refused without enhanced codes", Reply{Stage: StageMail, Code: 550}, ErrSenderRejected},
		{"relay denied, Postfix", Reply{Stage: StageRcpt, Code: 554, Enhanced: "5.7.1"}, ErrRelayDenied},
		{"relay denied, Exchange", Reply{Stage: StageRcpt, Code: 550, Enhanced: "5.7.1"}, ErrRelayDenied},
		{"unknown user", Reply{Stage: StageRcpt, Code: 550, Enhanced: "5.1.1"}, ErrRecipientRejected},
		{"unknown domain", Reply{Stage: StageRcpt, Code: 550, Enhanced: "5.1.2"}, ErrRecipientRejected},
		{"recipient refused without enhanced codes", Reply{Stage: StageRcpt, Code: 550}, ErrRecipientRejected},
		{"recipient's mailbox full", Reply{Stage: StageRcpt, Code: 552, Enhanced: "5.2.2"}, ErrOverQuota},
		{"recipient's mailbox full, temporarily", Reply{Stage: StageRcpt, Code: 452, Enhanced: "4.2.2"}, ErrOverQuota},
		{"storage exceeded at RCPT", Reply{Stage: StageRcpt, Code: 552}, ErrOverQuota},
		{"message too big, Postfix", Reply{Stage: StageData, Code: 552, Enhanced: "5.3.4"}, ErrMessageTooBig},
		{"message over the administrative limit", Reply{Stage: StageData, Code: 552, Enhanced: "5.2.3"}, ErrMessageTooBig},
		{"SIZE refused at MAIL", Reply{Stage: StageMail, Code: 552}, ErrMessageTooBig},
		{"content refused after DATA", Reply{Stage: StageData, Code: 554, Enhanced: "5.7.1"}, ErrMessageRejected},
		{"no SMTP service here", Reply{Code: 554}, nil},
		{"syntax error", Reply{Code: 500, Enhanced: "5.5.2"}, nil},
	}
	for _, tt := range tests {
		if got := tt.reply.Kind(); !errors.Is(got, tt.want) || (tt.want == nil && got != nil) {
			t.Errorf("%s: %+v is %v, want %v", tt.name, tt.reply, got, tt.want)
		}
	}
}

func TestEnhancedCode(t *testing.T) {
	tests := map[string]string{
		"5.7.8 Error: authentication failed": "5.7.8",
		"2.0.0 Ready to start TLS":           "2.0.0",
		"4.7.0 Temporary failure":            "4.7.0",
		"5.7.123 policy":                     "5.7.123",
		"Error: no enhanced code 5.7.8":      "",
		"3.1.1 not a class":                  "",
		"5.7.1234 too long":                  "",
		"5.7 too short":                      "",
		"":                                   "",
	}
	for text, want := range tests {
		if got := EnhancedCode(text); got != want {
			t.Errorf("EnhancedCode(%q) = %q, want %q", text, got, want)
		}
	}
}

// IMAP response codes of RFC 5530 that name what an admin should do.
func TestIMAPCode(t *testing.T) {
	tests := map[string]error{
		"AUTHENTICATIONFAILED": ErrAuthFailed,
		"AUTHORIZATIONFAILED":  ErrAuthFailed,
		"EXPIRED":              ErrPasswordExpired,
		"PRIVACYREQUIRED":      ErrEncryptionRequired,
		"CONTACTADMIN":         ErrContactAdmin,
		"UNAVAILABLE":          ErrTryLater,
		"INUSE":                ErrTryLater,
		"OVERQUOTA":            ErrOverQuota,
		"ALERT":                nil,
		"":                     nil,
	}
	for code, want := range tests {
		if got := IMAPCode(code); got != want {
			t.Errorf("IMAPCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestEveryKindIsKnown(t *testing.T) {
	for _, k := range kinds {
		if !Is(k) {
			t.Errorf("Is(%v) = false", k)
		}
	}
}

package mailerr

import (
	"strconv"
	"strings"
)

// Stage is the SMTP command a reply answered: the same code means
// different things at different commands (RFC 5321 §4.2.3, §4.3.2).
type Stage int

// The commands whose refusals are told apart.
const (
	StageOther Stage = iota // greeting, EHLO, STARTTLS, AUTH
	StageMail               // MAIL FROM, RFC 5321 §3.3
	StageRcpt               // RCPT TO, RFC 5321 §3.3
	StageData               // DATA and the end of the data, RFC 5321 §3.3
)

// Reply is an SMTP negative reply: its three-digit code (RFC 5321
// §4.2), its enhanced status code if the server sends them (RFC 3463,
// RFC 2034; "" otherwise) and the command it answered.
type Reply struct {
	Stage    Stage
	Code     int
	Enhanced string
	// Plaintext is set when the server offered STARTTLS (RFC 3207) and
	// the connection was not encrypted: 530 then asks for encryption.
	Plaintext bool
}

// Kind is the kind the reply's codes reveal, or nil. Only codes are
// read, never the server's text.
func (r Reply) Kind() error {
	for _, rule := range []func(Reply) error{authKind, sizeKind, tempKind, stageKind} {
		if kind := rule(r); kind != nil {
			return kind
		}
	}
	return nil
}

// authKind reads the AUTH reply codes of RFC 4954 §6 and RFC 3207 §4.
func authKind(r Reply) error {
	switch {
	case r.Code == 535 || r.hasDetail(7, 8):
		// 535 5.7.8 Authentication credentials invalid (RFC 4954 §6).
		return ErrAuthFailed
	case r.Code == 538 || r.hasDetail(7, 11):
		// 538 5.7.11 Encryption required for requested authentication
		// mechanism (RFC 4954 §6).
		return ErrEncryptionRequired
	case r.Code == 534 || r.hasDetail(7, 9):
		// 534 5.7.9 Authentication mechanism is too weak (RFC 4954 §6);
		// providers send it when an app password or OAuth2 is needed.
		return ErrAuthTooWeak
	case r.Code == 530 && r.Plaintext:
		// 530 5.7.0 Must issue a STARTTLS command first (RFC 3207 §4).
		return ErrEncryptionRequired
	case r.Code == 530:
		// 530 5.7.0 Authentication required (RFC 4954 §6).
		return ErrAuthRequired
	}
	return nil
}

// sizeKind reads the mailbox-full and too-big codes.
func sizeKind(r Reply) error {
	switch {
	case r.hasDetail(2, 2):
		// X.2.2 Mailbox full (RFC 3463 §3.3).
		return ErrOverQuota
	case r.hasDetail(3, 4), r.hasDetail(2, 3):
		// X.3.4 Message too big for system, X.2.3 Message length exceeds
		// administrative limit (RFC 3463 §3.3, §3.4).
		return ErrMessageTooBig
	case r.Code == 552 && r.Stage != StageRcpt:
		// 552 exceeded storage allocation: the message's size (RFC 5321
		// §4.2.3, RFC 1870 §6); at RCPT it is the recipient's mailbox.
		return ErrMessageTooBig
	case r.Code == 552:
		return ErrOverQuota
	}
	return nil
}

// tempKind: 4yz is a transient negative completion (RFC 5321 §4.2.1),
// as is the class 4 of an enhanced code (RFC 3463 §3.1); 421 closes
// the connection (RFC 5321 §3.8), 454 is a temporary AUTH failure
// (RFC 4954 §6).
func tempKind(r Reply) error {
	if r.Code/100 == 4 || strings.HasPrefix(r.Enhanced, "4.") {
		return ErrTryLater
	}
	return nil
}

// stageKind reads permanent refusals (5yz, RFC 5321 §4.2.1) by the
// command they answered.
func stageKind(r Reply) error {
	if r.Code/100 != 5 && !strings.HasPrefix(r.Enhanced, "5.") {
		return nil
	}
	switch r.Stage {
	case StageMail:
		// A refused MAIL FROM refuses the sender (RFC 5321 §3.3), e.g.
		// 553 5.7.1 for an address the login may not use.
		return ErrSenderRejected
	case StageRcpt:
		return rcptKind(r)
	case StageData:
		// 554 / 550 after DATA: the message itself (RFC 5321 §4.2.3).
		return ErrMessageRejected
	}
	return nil
}

// rcptKind tells relay refusals from refused recipients at RCPT TO.
func rcptKind(r Reply) error {
	switch {
	case r.hasDetail(1, 7), r.hasDetail(1, 8):
		// X.1.7 Bad sender's mailbox address syntax, X.1.8 Bad sender's
		// system address (RFC 3463 §3.2): servers that check the sender
		// late, at RCPT.
		return ErrSenderRejected
	case r.Code == 553 && r.hasDetail(7, 1):
		// 553 mailbox name not allowed (RFC 5321 §4.2.3) with X.7.1 not
		// authorized: Postfix's sender-login mismatch, when its
		// smtpd_delay_reject reports MAIL FROM restrictions at RCPT.
		return ErrSenderRejected
	case r.hasDetail(7, 1):
		// X.7.1 Delivery not authorized, message refused (RFC 3463 §3.8):
		// at RCPT the server will not relay to that address
		// (554 5.7.1 Relay access denied, 550 5.7.1 Unable to relay).
		return ErrRelayDenied
	}
	// 550/551/553 and X.1.1 Bad destination mailbox address,
	// X.1.2 Bad destination system address (RFC 3463 §3.2), and the rest.
	return ErrRecipientRejected
}

// hasDetail reports whether the enhanced code is class.subject.detail
// with the given subject and detail, of any class (RFC 3463 §2).
func (r Reply) hasDetail(subject, detail int) bool {
	_, s, d, ok := parseEnhanced(r.Enhanced)
	return ok && s == subject && d == detail
}

// EnhancedCode returns the enhanced status code that starts a reply's
// text, or "" (RFC 2034 §4: it follows the reply code and a space;
// RFC 3463 §2: class "." subject "." detail, class 2, 4 or 5).
func EnhancedCode(text string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	if _, _, _, ok := parseEnhanced(first); ok {
		return first
	}
	return ""
}

// parseEnhanced splits an enhanced status code (RFC 3463 §2): class is
// 2, 4 or 5; subject and detail have one to three digits.
func parseEnhanced(code string) (class, subject, detail int, ok bool) {
	parts := strings.Split(code, ".")
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 3 || v < 0 {
			return 0, 0, 0, false
		}
		n[i] = v
	}
	if n[0] != 2 && n[0] != 4 && n[0] != 5 {
		return 0, 0, 0, false
	}
	return n[0], n[1], n[2], true
}

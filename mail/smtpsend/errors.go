package smtpsend

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"postbridge/domain"
	"postbridge/mail/mailerr"
)

// classify turns a go-mail error into one of mailerr's kinds with the
// server's own reply attached. A server's refusal is read by its reply
// code and enhanced status code (mailerr.Reply), a refusal go-mail makes
// itself by what the server announced in EHLO (the offer go-mail's client
// read); never by the server's text or the transcript.
func classify(s Server, o offer, err error) error {
	addr := s.Addr()
	if net := mailerr.Network(addr, err); mailerr.Is(net) {
		return net
	}
	if r, ok := replyOf(err); ok {
		r.Plaintext = s.Security == domain.SecurityNone && o.startTLS
		return fmt.Errorf("%s: %w", addr, &mailerr.ReplyError{Reply: r, Kind: r.Kind(), Err: err})
	}
	if kind := extensionKind(s, o, err); kind != nil {
		return fmt.Errorf("%s: %w: %w", addr, kind, err) // both reachable (errors.As)
	}
	return fmt.Errorf("%s: %w", addr, err)
}

// replyOf finds the server's negative reply in err: go-mail's SendError
// for MAIL, RCPT and DATA, the bare reply (net/textproto) for the
// greeting, EHLO, STARTTLS and AUTH.
func replyOf(err error) (mailerr.Reply, bool) {
	var send *gomail.SendError
	if errors.As(err, &send) && send.ErrorCode() != 0 {
		return mailerr.Reply{Stage: stageOf(send.Reason), Code: send.ErrorCode(),
			Enhanced: send.EnhancedStatusCode()}, true
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return mailerr.Reply{Code: reply.Code, Enhanced: mailerr.EnhancedCode(reply.Msg)}, true
	}
	return mailerr.Reply{}, false
}

// stageOf is the command a SendError's reply answered.
func stageOf(reason gomail.SendErrReason) mailerr.Stage {
	switch reason {
	case gomail.ErrSMTPMailFrom:
		return mailerr.StageMail
	case gomail.ErrSMTPRcptTo:
		return mailerr.StageRcpt
	case gomail.ErrSMTPData, gomail.ErrSMTPDataClose, gomail.ErrWriteContent:
		return mailerr.StageData
	}
	return mailerr.StageOther
}

// extensionKind explains what was refused before the server had to
// answer, from the EHLO keywords (RFC 5321 §4.1.1.1).
func extensionKind(s Server, o offer, err error) error {
	switch {
	case s.Security == domain.SecuritySTARTTLS && !o.startTLS:
		// A server that can upgrade lists STARTTLS (RFC 3207 §4).
		return mailerr.ErrSTARTTLSNotOffered
	case s.Auth && !o.auth && !o.encrypted && o.startTLS:
		// AUTH only after STARTTLS (RFC 3207 §4.2, RFC 4954 §4).
		return mailerr.ErrEncryptionRequired
	case s.Auth && !o.auth:
		// No AUTH keyword: no login here (RFC 4954 §3).
		return mailerr.ErrAuthNotOffered
	case errors.Is(err, errNoMechanism):
		return mechanismKind(o.mechs, o.encrypted)
	}
	return nil
}

// mechanismKind explains why none of the offered SASL mechanisms could
// be used with a password.
func mechanismKind(mechs []string, encrypted bool) error {
	switch {
	case !encrypted && (has(mechs, "PLAIN") || has(mechs, "LOGIN")):
		// go-mail sends no clear-text password on an unencrypted
		// connection (RFC 4616 §6, RFC 4954 §4).
		return mailerr.ErrEncryptionRequired
	case has(mechs, "XOAUTH2") || has(mechs, "OAUTHBEARER"):
		return mailerr.ErrOAuthRequired
	}
	return mailerr.ErrAuthNotOffered
}

func has(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

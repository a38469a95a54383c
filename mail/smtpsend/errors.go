package smtpsend

import (
	"errors"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"postbridge/mail/mailerr"
)

// classify turns a go-mail error into one of mailerr's kinds with the
// server's own reply attached.
func classify(s Server, tr *transcript, err error) error {
	addr := s.Addr()
	if net := mailerr.Network(addr, err); mailerr.Is(net) {
		return net
	}
	reply := tr.lastServerLine()
	msg := err.Error()
	var send *gomail.SendError
	switch {
	case strings.Contains(msg, "does not support STARTTLS"):
		return fmt.Errorf("%s: %w", addr, mailerr.ErrSTARTTLSNotOffered)
	case strings.Contains(msg, "does not support SMTP AUTH"):
		return fmt.Errorf("%s: %w", addr, mailerr.ErrAuthNotOffered)
	case strings.Contains(msg, "SMTP AUTH failed"), strings.Contains(msg, "535"):
		return fmt.Errorf("%s: %w: %s", addr, mailerr.ErrAuthFailed, serverText(reply, err))
	case errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), strings.Contains(msg, "not supported"):
		if strings.Contains(reply, "XOAUTH2") || strings.Contains(reply, "OAUTHBEARER") || oauthOnly(tr) {
			return fmt.Errorf("%s: %w", addr, mailerr.ErrOAuthRequired)
		}
		return fmt.Errorf("%s: %w: %v", addr, mailerr.ErrAuthNotOffered, err)
	case strings.Contains(msg, "Sender address rejected"),
		errors.As(err, &send) && send.Reason == gomail.ErrSMTPMailFrom:
		return fmt.Errorf("%s: %w: %s", addr, mailerr.ErrSenderRejected, serverText(reply, err))
	case errors.As(err, &send) && send.Reason == gomail.ErrSMTPRcptTo:
		if strings.Contains(strings.ToLower(msg), "relay") {
			return fmt.Errorf("%s: %w: %s", addr, mailerr.ErrRelayDenied, serverText(reply, err))
		}
		return fmt.Errorf("%s: %w: %s", addr, mailerr.ErrRecipientRejected, serverText(reply, err))
	}
	return fmt.Errorf("%s: %w", addr, err)
}

// oauthOnly reports whether the server's AUTH line lists only OAuth mechanisms.
func oauthOnly(tr *transcript) bool {
	for _, l := range strings.Split(tr.String(), "\n") {
		if i := strings.Index(l, "AUTH "); i >= 0 && strings.HasPrefix(l, "S: ") {
			mechs := strings.Fields(l[i+5:])
			for _, m := range mechs {
				if m != "XOAUTH2" && m != "OAUTHBEARER" {
					return false
				}
			}
			return len(mechs) > 0
		}
	}
	return false
}

// serverText is the server's own words: go-mail's error carries the
// failing reply; the transcript's last server line is the fallback.
func serverText(reply string, err error) string {
	if text := err.Error(); text != "" {
		return text
	}
	return reply
}

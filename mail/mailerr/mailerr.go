// Package mailerr names the ways a connection to a mail server fails, so
// that SMTP and IMAP failures are explained to people in the same words.
// The wrapping packages attach the server's own text; the UI and the
// command line turn the sentinel into a sentence.
package mailerr

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"

	"postbridge/mail/tlsverify"
)

// The failure kinds a Check button or a test e-mail can end in.
var (
	ErrHostNotFound       = errors.New("host not found")
	ErrConnectionRefused  = errors.New("connection refused")
	ErrTimeout            = errors.New("no answer in time")
	ErrTLSHandshake       = errors.New("TLS handshake failed")
	ErrUntrusted          = tlsverify.ErrUntrusted
	ErrSTARTTLSNotOffered = errors.New("server does not offer STARTTLS")
	ErrAuthFailed         = errors.New("authentication failed")
	ErrAuthNotOffered     = errors.New("server offers no authentication")
	ErrOAuthRequired      = errors.New("server only accepts OAuth")
	ErrRelayDenied        = errors.New("relay denied")
	ErrSenderRejected     = errors.New("sender address rejected")
	ErrRecipientRejected  = errors.New("recipient rejected")
	ErrCanceled           = errors.New("canceled")

	// Kinds that reply and response codes reveal (see smtp.go, imap.go).
	ErrTryLater           = errors.New("temporary failure, try again later")
	ErrEncryptionRequired = errors.New("encryption required")
	ErrAuthRequired       = errors.New("authentication required")
	ErrAuthTooWeak        = errors.New("authentication mechanism too weak")
	ErrPasswordExpired    = errors.New("password expired")
	ErrContactAdmin       = errors.New("contact the server's administrator")
	ErrOverQuota          = errors.New("over quota")
	ErrMessageTooBig      = errors.New("message too big")
	ErrMessageRejected    = errors.New("message rejected")

	// What a misbehaving server is stopped for: a response larger than the
	// command asked for, a message larger than the account accepts.
	ErrResponseTooLarge = errors.New("the server sent more than the command asked for")
	ErrMessageRefused   = errors.New("message refused for its size")
)

// kinds lists every kind above, for Is.
var kinds = []error{ErrHostNotFound, ErrConnectionRefused, ErrTimeout, ErrTLSHandshake,
	ErrUntrusted, ErrSTARTTLSNotOffered, ErrAuthFailed, ErrAuthNotOffered, ErrOAuthRequired,
	ErrRelayDenied, ErrSenderRejected, ErrRecipientRejected, ErrCanceled,
	ErrTryLater, ErrEncryptionRequired, ErrAuthRequired, ErrAuthTooWeak, ErrPasswordExpired,
	ErrContactAdmin, ErrOverQuota, ErrMessageTooBig, ErrMessageRejected,
	ErrResponseTooLarge, ErrMessageRefused}

// Network classifies an error from dialing or talking to addr: DNS,
// refused port, timeout, TLS. Errors it does not recognise are returned
// unchanged.
func Network(addr string, err error) error {
	if err == nil {
		return nil
	}
	var dns *net.DNSError
	var cert *tlsverify.CertificateError
	var rec tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", addr, ErrCanceled)
	case errors.As(err, &cert):
		return err
	case errors.As(err, &dns):
		return fmt.Errorf("%s: %w: %w", addr, ErrHostNotFound, err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("%s: %w", addr, ErrConnectionRefused)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("%s: %w: %w", addr, ErrTimeout, err)
	// crypto/tls has no sentinel for most handshake failures; its own
	// messages (not a server's words) all start with "tls: ".
	case errors.As(err, &rec), errors.As(err, &alert), strings.Contains(err.Error(), "tls: "):
		return fmt.Errorf("%s: %w: %w", addr, ErrTLSHandshake, err)
	}
	return err
}

// Is reports whether err is one of the kinds above, so a caller knows it
// has been classified already.
func Is(err error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

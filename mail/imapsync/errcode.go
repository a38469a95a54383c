package imapsync

import (
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
)

// Temporary reports whether a sync that failed with err may succeed when
// tried again unchanged: a network failure, or a server that names a
// passing condition in its response code (RFC 5530: UNAVAILABLE, INUSE,
// SERVERBUG, LIMIT). Decided by codes and error kinds, never by the
// server's words, which each server puts differently. A wrong password, a
// missing folder or a certificate problem is permanent: the automatic
// sync stops that account and says why, instead of retrying.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		switch imapErr.Code {
		case imap.ResponseCodeUnavailable, imap.ResponseCodeInUse, imap.ResponseCodeServerBug,
			imap.ResponseCodeLimit:
			return true
		}
		return false
	}
	// A message refused mid-stream closed the connection; the next one
	// leaves it out (bounds.go). A flood may be a passing server fault.
	for _, k := range []error{mailerr.ErrTimeout, mailerr.ErrConnectionRefused, mailerr.ErrHostNotFound, mailerr.ErrTryLater,
		mailerr.ErrMessageRefused, mailerr.ErrResponseTooLarge} {
		if errors.Is(err, k) {
			return true
		}
	}
	if mailerr.Is(err) {
		return false // classified and not one of the passing kinds above
	}
	var netErr net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.As(err, &netErr)
}

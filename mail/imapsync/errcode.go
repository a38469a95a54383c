package imapsync

import (
	"errors"
	"io"
	"net"
	"syscall"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
)

// FolderError is the failure of one folder; the sync went on with the
// others, and Run returns every folder's failure joined (errors.Join).
type FolderError struct {
	Folder string
	Err    error
}

func (e *FolderError) Error() string { return "folder " + e.Folder + ": " + e.Err.Error() }

func (e *FolderError) Unwrap() error { return e.Err }

// Temporary reports whether a sync that failed with err may succeed when
// tried again unchanged. It is decided per failure, not by a walk of the
// joined whole: the failures of a run (errors.Join of the folders', each
// a *FolderError) are temporary when any one of them is — a network loss
// in one folder is retried soon although another folder is missing on
// the server (that folder's own failure stays, and is reported).
func Temporary(err error) bool {
	for _, leaf := range failures(err) {
		if temporary(leaf) {
			return true
		}
	}
	return false
}

// FolderOnly reports whether every failure in err is a folder's own
// permanent failure (a folder missing on the server, no right to read
// it): the account itself is fine, so its automatic sync keeps its
// interval and IDLE, and the folders are reported.
func FolderOnly(err error) bool {
	list := failures(err)
	for _, leaf := range list {
		var fe *FolderError
		if !errors.As(leaf, &fe) || temporary(leaf) {
			return false
		}
	}
	return len(list) > 0
}

// failures splits err into the failures errors.Join put together: each
// folder's, and any of the account's own. A folder's failure is one
// failure, whatever it joins inside (its sync and its time limit).
func failures(err error) []error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*FolderError); ok {
		return []error{err}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, failures(e)...)
		}
		return out
	}
	return []error{err}
}

// temporary is Temporary for one failure: a network failure, or a server
// that names a passing condition in its response code (RFC 5530:
// UNAVAILABLE, INUSE, SERVERBUG, LIMIT). Decided by codes and error kinds,
// never by the server's words, which each server puts differently. A
// wrong password, a missing folder or a certificate problem is permanent:
// the automatic sync stops that account and says why, instead of retrying.
// One folder's failure that joins a passing and a lasting cause (its sync
// and its time limit) is temporary: trying again may clear it.
func temporary(err error) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if temporary(e) {
				return true
			}
		}
		return false
	}
	if fe, ok := err.(*FolderError); ok {
		return temporary(fe.Err)
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

package imapsync

import (
	"errors"
	"time"

	"postbridge/mail/mailerr"
)

// A link that drops every few megabytes (a hotel Wi-Fi, a VPN that
// resets) must still get a sync through. What has arrived
// whole before a cut is committed (pipeline.go keepReceived); resilient
// then reconnects and runs the folder again, which files what was
// committed and fetches only the rest (lookUpImported). Each attempt that
// moves the folder forward earns another; an attempt that achieves
// nothing gets one more only when its connection was cut, not when the
// server stayed silent, so a server that hangs ends the sync within about
// two timeouts instead of being retried for ever.
const (
	// maxAttemptsWithoutProgress ends a folder after this many attempts
	// in a row that stored, filed and refused nothing.
	maxAttemptsWithoutProgress = 2
	// maxReconnects bounds the reconnects of one folder in one run, for a
	// link that gives each connection just enough for one message.
	maxReconnects = 500
)

// reconnectWait is the pause before the attempt-th reconnect of a
// folder; noProgress counts the attempts in a row that achieved nothing.
// The pause also lets the server finish the session just cut: a UID MOVE
// the client sent before the cut may still run there, and a new session
// that selected the folder meanwhile would see its messages and file
// them a second time (fault_test.go waitSessionsEnded).
func reconnectWait(noProgress int) time.Duration {
	if noProgress == 0 {
		return time.Second
	}
	return 2 * time.Second
}

// resilient runs work, the sync of one folder, and runs it again over a
// new connection for as long as it fails on a lost connection and makes
// progress. It returns work's last error when the run must end (ctx,
// Job.Stop), the error is not a lost connection (a wrong password, a
// missing folder, a full disk), or the attempts are used up.
func (s *session) resilient(folder string, work func() error) error {
	noProgress := 0
	for attempt := 1; ; attempt++ {
		before := s.total.settled()
		err := work()
		if err == nil || !s.mayReconnect(err) {
			return err
		}
		if s.total.settled() > before {
			noProgress = 0
		} else {
			noProgress++
		}
		if noProgress >= maxAttemptsWithoutProgress || attempt > maxReconnects {
			return err
		}
		if noProgress > 0 && errors.Is(err, mailerr.ErrTimeout) {
			// A server that let a whole attempt pass in silence is not a
			// link that dropped: a second wait would only double the time
			// until the user hears "the server stopped answering".
			return err
		}
		wait := reconnectWait(noProgress)
		s.emit(Reconnecting{Folder: folder, Attempt: attempt, Err: err, Wait: wait})
		if rerr := s.reconnect(wait); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
}

// mayReconnect reports whether err is a lost or stalled connection that
// a new one may get past, in a run that is to go on.
func (s *session) mayReconnect(err error) bool {
	return s.halted() == nil && Temporary(err)
}

// reconnect drops the connection without a LOGOUT (it is broken), waits,
// and dials a new one. A dial that fails ends the folder: the account's
// own retry (the automatic sync's backoff, or the user) takes it from
// there.
func (s *session) reconnect(wait time.Duration) error {
	s.conn.abort()
	select {
	case <-time.After(wait):
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	conn, err := Dial(s.ctx, s.job.Server)
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

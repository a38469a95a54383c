package imapsync

import (
	"context"
	"errors"
	"fmt"

	"postbridge/mail/mailerr"
	"postbridge/storage"

	"postbridge/problem"
)

// Run synchronises one account and returns when it is done, failed or
// ctx is cancelled; the caller picks the goroutine. Events go to events,
// which Run never closes; a nil channel discards them. A reader that
// falls behind misses progress events, never the others; once ctx is
// cancelled, no event waits for a reader.
//
// The rules that keep mail safe (DESIGN.md section 4): bodies are fetched
// with BODY.PEEK[] so nothing is marked read; a batch is moved on the
// server only after its database transaction has committed; a message
// whose UID is already in the database is filed without a second import,
// so a crash at any point is repaired by the next run.
func Run(ctx context.Context, job Job, events chan<- Event) (Counts, error) {
	s := &session{job: job, events: events, ctx: ctx}
	err := s.announced(func() error { return s.withConn(s.run) })
	return s.total, err
}

// announced wraps a run in its account-started and done events.
func (s *session) announced(run func() error) error {
	s.emit(AccountStarted{})
	err := run()
	if err != nil && s.conn == nil {
		s.emit(AccountFailed{Err: err})
	}
	s.emit(AccountDone{Counts: s.total, Err: err})
	return err
}

// session is the state of one Run.
type session struct {
	ctx    context.Context
	job    Job
	conn   *Conn
	events chan<- Event
	total  Counts
	delim  string
}

// emit sends e, named with the job's account, unless the run's ctx ends
// first (send).
func (s *session) emit(e Event) {
	send(s.ctx, s.events, e.from(Source{AccountID: s.job.AccountID, Account: s.job.AccountName}))
}

func (s *session) warn(folder string, p problem.P) {
	s.total.Warnings++
	s.emit(Warning{Folder: folder, Problem: p})
}

// warnMessage is warn about one message.
func (s *session) warnMessage(folder string, uid uint32, p problem.P) {
	s.total.Warnings++
	s.emit(Warning{Folder: folder, UID: uid, Problem: p})
}

func (s *session) run() error {
	if s.job.Mode != storage.ModeTransfer && s.job.Mode != storage.ModeMirror {
		return fmt.Errorf("sync mode %q: %w", s.job.Mode, ErrModeNotSupported)
	}
	delim, err := s.conn.Delimiter()
	if err != nil {
		return err
	}
	s.delim = delim
	var errs []error
	if s.job.Mode == storage.ModeMirror {
		errs = append(errs, s.mirrorAll(s.job.Folders))
	} else {
		errs = append(errs, s.transferAll())
	}
	if s.halted() == nil {
		errs = append(errs, s.syncProjectFolders(s.job.Folders))
	}
	if s.ctx.Err() != nil {
		return mailerr.Network(s.job.Server.Addr(), s.ctx.Err())
	}
	if err := s.halted(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// transferAll imports and files the inbox and the outbox (manual 000).
func (s *session) transferAll() error {
	var errs []error
	for _, f := range []SyncFolder{{s.job.Inbox, storage.DirectionIn}, {s.job.Outbox, storage.DirectionOut}} {
		if f.Name == "" {
			continue
		}
		err := s.resilient(f.Name, func() error { return s.transferFolder(f.Name, f.Direction) })
		if err != nil {
			if s.halted() != nil {
				return err
			}
			s.emit(FolderFailed{Folder: f.Name, Err: err})
			errs = append(errs, &FolderError{Folder: f.Name, Err: err})
		}
	}
	return errors.Join(errs...)
}

// ErrModeNotSupported is returned for a sync mode the engine cannot run yet.
var ErrModeNotSupported = errors.New("this sync mode is not supported yet")

// ErrStopped is returned by a run that ended at a batch boundary because
// Job.Stop asked it to: everything committed is filed, the rest waits
// for the next run.
var ErrStopped = errors.New("stopped between two batches, as asked")

// halted reports why the run must not start another batch: ctx ended,
// or Job.Stop asked for a stop at this boundary.
func (s *session) halted() error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	select {
	case <-s.job.Stop:
		return ErrStopped
	default:
		return nil
	}
}

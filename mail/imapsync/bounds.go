package imapsync

import (
	"fmt"
	"strconv"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/mailerr"
	"postbridge/storage"

	"postbridge/problem"
)

// DefaultMaxMessageBytes is the largest message a sync fetches when the
// company sets no maximum. A larger one stays on the server and is
// listed as refused, so that one huge message neither fills the memory
// nor stops the sync of the rest.
const DefaultMaxMessageBytes = 256 << 20

func (j *Job) maxMessageBytes() int64 {
	if j.MaxMessageBytes > 0 {
		return j.MaxMessageBytes
	}
	return DefaultMaxMessageBytes
}

// slack is how far a body may pass the RFC822.SIZE announced for it:
// some servers count line ends or a header they add differently.
func slack(announced int64) int64 { return announced/10 + 1<<20 }

// tooLarge says why a body of size bytes is refused, no problem when it
// is not.
func (s *session) tooLarge(uid imap.UID, size int64) problem.P {
	if max := s.job.maxMessageBytes(); size > max {
		return problem.New(RefusedOverMaximum, "MB", strconv.FormatInt(max>>20, 10))
	}
	if announced, ok := s.conn.announced[uid]; ok && size > announced+slack(announced) {
		return problem.New(RefusedOverAnnounced, "Bytes", strconv.FormatInt(announced, 10))
	}
	return problem.P{}
}

// The kinds of a refused message's reason (storage.RefusedMessage), and
// of the warning that tells of it, which adds the message's "Size".
const (
	RefusedOverMaximum   = "refused.over_maximum"   // MB: the company's maximum message size
	RefusedOverAnnounced = "refused.over_announced" // Bytes: the size the server announced (RFC822.SIZE)
)

// refuse records that message uid of folder stays on the server, and
// tells the user.
func (s *session) refuse(folder string, uidValidity uint32, uid imap.UID, size int64, reason problem.P) {
	s.total.Refused++
	s.warnMessage(folder, uint32(uid), reason.With("Size", strconv.FormatInt(size, 10)))
	if uid == 0 {
		return
	}
	r := storage.RefusedMessage{AccountID: s.job.AccountID, Folder: folder, UIDValidity: uidValidity,
		UID: uint32(uid), Size: size, Reason: reason, RefusedAt: s.job.now()}
	if err := s.job.Store.RefuseMessage(r); err != nil {
		s.warnMessage(folder, uint32(uid), problem.New(storage.ErrorProblem, "detail", err.Error()))
	}
}

// withoutRefused drops from uids, before any body is fetched, the
// messages refused before and those the server announces over the
// maximum message size: those are refused now, never fetched.
func (s *session) withoutRefused(uids []imap.UID, sizes map[imap.UID]int64) ([]imap.UID, error) {
	mbox := s.conn.c.Mailbox()
	if mbox == nil || len(uids) == 0 {
		return uids, nil
	}
	uidValidity := s.conn.g.selectedUIDValidity()
	before, err := s.job.Store.RefusedUIDs(s.job.AccountID, mbox.Name, uidValidity)
	if err != nil {
		return nil, err
	}
	max := s.job.maxMessageBytes()
	out := uids[:0:0]
	for _, u := range uids {
		switch {
		case before[uint32(u)]:
		case sizes[u] > max:
			s.refuse(mbox.Name, uidValidity, u, sizes[u], problem.New(RefusedOverMaximum, "MB", strconv.FormatInt(max>>20, 10)))
		default:
			out = append(out, u)
		}
	}
	return out, nil
}

// readBodyOf reads the body literal of message uid (0 when the server
// has not named it yet) unless it is too large. A body refused mid-stream
// cannot be skipped — its bytes are on their way — so the connection is
// closed and an error returned; the next connection leaves the message
// out (withoutRefused).
func (s *session) readBodyOf(b *batch, uid imap.UID, lit imap.LiteralReader) ([]byte, *spool, error) {
	size := lit.Size()
	if reason := s.tooLarge(uid, size); !reason.IsZero() {
		s.refuse(b.folder, b.uidValidity, uid, size, reason)
		err := s.conn.g.fail(fmt.Errorf("%w: message UID %d of %d bytes (%s)", mailerr.ErrMessageRefused, uid, size, reason))
		return nil, nil, s.conn.classify(err)
	}
	s.conn.g.grant(size, true)
	raw, sp, err := readBody(lit, s.job.batchBytes(), s.job.spoolDir())
	if err != nil {
		return nil, nil, s.conn.classify(err)
	}
	return raw, sp, nil
}

// fetchTally follows a FETCH of bodies: which UIDs came, which the
// server said are gone (BODY[] NIL), so that the others are told about.
type fetchTally struct {
	asked     []imap.UID
	got, gone map[imap.UID]bool
}

func newFetchTally(uids []imap.UID) *fetchTally {
	return &fetchTally{asked: uids, got: map[imap.UID]bool{}, gone: map[imap.UID]bool{}}
}

// keep reports whether f is a message to store: not one whose body the
// server sent as NIL, nor a FETCH response it sent unasked (RFC 9051
// §7.5.2: flags another client changed).
func (t *fetchTally) keep(f Fetched) bool {
	if f.Raw == nil {
		if f.UID != 0 {
			t.gone[imap.UID(f.UID)] = true
		}
		return false
	}
	t.got[imap.UID(f.UID)] = true
	return true
}

// missing warns about the UIDs asked for and not received, and takes
// them out of b, so that they are not filed (moved to Completed) without
// having been stored. A message another client expunged between SEARCH
// and FETCH comes as BODY[] NIL (Dovecot) or not at all.
func (t *fetchTally) missing(s *session, b *batch) {
	lost := map[imap.UID]bool{}
	for _, u := range t.asked {
		switch {
		case t.got[u]:
			continue
		case t.gone[u]:
			s.warnMessage(b.folder, uint32(u), problem.New(WarnRemovedMeanwhile))
		default:
			s.warnMessage(b.folder, uint32(u), problem.New(WarnNotSent))
		}
		lost[u] = true
	}
	if len(lost) == 0 {
		return
	}
	kept := make([]imap.UID, 0, len(b.uids))
	for _, u := range b.uids {
		if !lost[u] {
			kept = append(kept, u)
		}
	}
	b.uids = kept
}

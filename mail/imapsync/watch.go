package imapsync

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// ErrNoIdle is returned by Watch when the server offers neither IDLE
// (RFC 2177) nor IMAP4rev2 (RFC 9051, which includes it): new mail is
// then found by the periodic full pass only.
var ErrNoIdle = errors.New("the server does not offer IDLE")

// Watcher holds one connection in IDLE (RFC 2177) on one folder and
// reports when the server announces new mail. It never changes the
// folder: it is selected read-only (EXAMINE, RFC 9051 §6.3.3), and the
// sync itself runs on its own connection.
type Watcher struct {
	conn    *Conn
	news    chan struct{}
	lost    chan struct{}
	idling  atomic.Bool
	lostErr error
	// Quota is the server's storage quota of the folder's root (RFC 9208),
	// read once when the watch starts; nil when the server has no QUOTA.
	Quota *Quota
}

// Quota is how much of its storage limit a mailbox uses (RFC 9208 §5.1
// STORAGE, in units of 1024 octets; converted here to bytes).
type Quota struct {
	UsedBytes, LimitBytes int64
}

// Watch connects, selects folder read-only and starts IDLE. The watch
// ends when ctx is cancelled, Close is called or the connection is lost
// (Lost is then closed).
func Watch(ctx context.Context, s Server, folder string) (*Watcher, error) {
	w := &Watcher{news: make(chan struct{}, 1), lost: make(chan struct{})}
	// An EXISTS response while idling is new mail (RFC 2177 §3, RFC 9051
	// §7.4.1). What the SELECT itself reports is not news.
	h := &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
		if d.NumMessages != nil && w.idling.Load() {
			select {
			case w.news <- struct{}{}:
			default: // one pending wake-up is enough
			}
		}
	}}
	conn, err := dial(ctx, s, h)
	if err != nil {
		return nil, err
	}
	w.conn = conn
	if err := w.start(folder); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

func (w *Watcher) start(folder string) error {
	caps := w.conn.c.Caps()
	if !caps.Has(imap.CapIdle) && !caps.Has(imap.CapIMAP4rev2) {
		return fmt.Errorf("%s: %w", w.conn.srv.Addr(), ErrNoIdle)
	}
	if caps.Has(imap.CapQuota) {
		w.Quota = w.conn.quota(folder)
	}
	if _, err := w.conn.c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		if w.conn.folderMissing(folder, err) {
			return fmt.Errorf("folder %q: %w", folder, ErrFolderMissing)
		}
		return fmt.Errorf("examine %s: %w", folder, w.conn.classify(err))
	}
	idle, err := w.conn.c.Idle()
	if err != nil {
		return fmt.Errorf("idle on %s: %w", folder, w.conn.classify(err))
	}
	w.idling.Store(true)
	renewal := idleRenewal
	go func() {
		w.lostErr = w.keep(idle, renewal)
		close(w.lost)
	}()
	return nil
}

// idleRenewal is how often IDLE is ended and begun again, inside the 29
// minutes after which a server may log an idle client out (RFC 2177 §3).
var idleRenewal = 25 * time.Minute

// keep holds the IDLE until the connection ends, renewing it every
// idleRenewal with a NOOP in between. While idling the guard allows
// silence (deadline.go); DONE and the NOOP each must be answered within
// the account's timeout, so a connection that died without a word (a NAT
// that forgot it, a server that hangs) is noticed at the latest then —
// TCP keep-alives (Go's dialer default) notice a vanished peer sooner.
// News found by the NOOP still counts: idling stays true.
func (w *Watcher) keep(idle *imapclient.IdleCommand, renewal time.Duration) error {
	timer := time.NewTimer(renewal)
	defer timer.Stop()
	for {
		select {
		case <-w.conn.c.Closed():
			return idle.Wait()
		case <-timer.C:
		}
		if err := idle.Close(); err != nil {
			return err
		}
		if err := idle.Wait(); err != nil {
			return err
		}
		if err := w.conn.c.Noop().Wait(); err != nil {
			return err
		}
		next, err := w.conn.c.Idle()
		if err != nil {
			return err
		}
		idle = next
		timer.Reset(renewal)
	}
}

// quota reads the STORAGE quota of folder's quota root (RFC 9208 §4.3
// GETQUOTAROOT); nil when the server does not say.
func (c *Conn) quota(folder string) *Quota {
	roots, err := c.c.GetQuotaRoot(folder).Wait()
	if err != nil {
		return nil
	}
	for _, r := range roots {
		if st, ok := r.Resources[imap.QuotaResourceStorage]; ok {
			return &Quota{UsedBytes: st.Usage * 1024, LimitBytes: st.Limit * 1024}
		}
	}
	return nil
}

// News receives a value when the server announces new mail.
func (w *Watcher) News() <-chan struct{} { return w.news }

// Lost is closed when the connection ends; Err then says why.
func (w *Watcher) Lost() <-chan struct{} { return w.lost }

// Err is why the watch ended, once Lost is closed.
func (w *Watcher) Err() error {
	select {
	case <-w.lost:
		if w.lostErr == nil {
			return fmt.Errorf("%s: the server ended the watch", w.conn.srv.Addr())
		}
		return w.conn.classify(w.lostErr)
	default:
		return nil
	}
}

// Close ends the watch. The connection is closed without waiting for the
// server: after a network loss or a sleep it may never answer.
func (w *Watcher) Close() error {
	w.idling.Store(false)
	w.conn.stop()
	return w.conn.c.Close()
}

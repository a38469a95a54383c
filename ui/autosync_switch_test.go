package ui

import (
	"bytes"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// Changing the user while the automatic sync is in the middle of a batch
// stops that sync, which waits for the batch in hand (up to the engine's
// grace period of 30 s). The window must not wait with it: the change
// returns, a fyne.Do callback runs and a frame is drawn within 100 ms,
// while the old sync is still stopping.
func TestChangingUserDuringAutoSyncKeepsWindowResponsive(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	big := append([]byte("From: jan@klant.test\r\nSubject: Tekening\r\nMessage-ID: <big@test>\r\n\r\n"),
		bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstu\r\n"), 45000)...)
	s.Deliver(t, u, "Postbridge/In", big) // about 3 MB: one batch the proxy stalls in
	p := newStallProxy(t, s.IMAPS, 256<<10)
	host, port, _ := net.SplitHostPort(p.addr)
	pn, _ := strconv.Atoi(port)
	key := "user/" + u.Name + "/imap"
	if err := (storage.Keyring{}).Set(key, u.Password); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	b := emptyBackend(t)
	b.Actions.Roots = s.CA
	b.AutoSync = true
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme", IMAP: &storage.ServerJSON{Host: host, Port: pn, Security: "tls"}},
		Users: []storage.UserJSON{{Name: "Alice", IMAP: []storage.ImapJSON{{Username: u.Name, Secret: key,
			Mode: "transfer", Inbox: "Postbridge/In", AutoSendReceive: true}}}, {Name: "Bob"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefCurrentUser, "Alice")
	w := NewMainWindow(a, b)
	t.Cleanup(func() { w.auto.halt(); w.Window().Close() })
	select {
	case <-p.stalled: // the automatic sync is fetching the big mail
	case <-time.After(30 * time.Second):
		t.Fatal("the automatic sync never reached the big mail")
	}

	// This goroutine plays Fyne's: it runs the Select's callback (the
	// user picks Bob), then the next fyne.Do and the next frame.
	start := time.Now()
	answered := make(chan time.Duration, 1)
	go func() {
		w.toolbar.user.SetSelected("Bob")
		fyne.Do(func() {})
		w.Window().Canvas().Capture()
		answered <- time.Since(start)
	}()
	select {
	case d := <-answered:
		if d > 100*time.Millisecond {
			t.Errorf("the window answered after %v, want within 100 ms", d)
		}
	case <-time.After(100 * time.Millisecond):
		t.Fatal("the window did not answer within 100 ms of changing the user: it waits for the sync to stop")
	}
	if p.clientClosed() {
		t.Fatal("the old sync had already stopped: the test did not change the user during a slow stop")
	}
	// The switch goes on behind the window: once the connection is cut
	// the old loop ends and Bob, who has no automatic account, gets none.
	p.close()
	waitLong(t, func() bool { return w.auto.turn.TryLock() })
	w.auto.turn.Unlock()
	if w.auto.active() {
		t.Error("the automatic sync still runs after changing to Bob, who has no automatic account")
	}
	if got := a.Preferences().String(prefCurrentUser); got != "Bob" {
		t.Errorf("current user %q, want Bob", got)
	}
}

// stallProxy forwards TCP to a server and stops forwarding the server's
// bytes on a connection once it has passed limit of them, until closed:
// a sync stuck in the middle of a FETCH.
type stallProxy struct {
	addr    string
	ln      net.Listener
	stalled chan struct{}
	once    sync.Once

	mu     sync.Mutex
	conns  []net.Conn
	closed bool // the client closed a stalled connection
}

func newStallProxy(t *testing.T, target string, limit int64) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{addr: ln.Addr().String(), ln: ln, stalled: make(chan struct{})}
	t.Cleanup(p.close)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			srv, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, srv)
			p.mu.Unlock()
			go func() { io.Copy(srv, c); srv.Close() }()
			go p.forward(c, srv, limit)
		}
	}()
	return p
}

// forward copies limit bytes from srv to c, then holds the rest back and
// notes when the client closes its side.
func (p *stallProxy) forward(c, srv net.Conn, limit int64) {
	if n, _ := io.CopyN(c, srv, limit); n < limit {
		c.Close()
		return
	}
	p.once.Do(func() { close(p.stalled) })
	io.Copy(io.Discard, srv) // ends when the client's close reaches the server, or on close
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
}

func (p *stallProxy) clientClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

func (p *stallProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

//go:build fault

package imapsync

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// TestCutEveryFewMegabytes is a field worker's link (a hotel Wi-Fi, a VPN): every
// connection, the filer's too, is cut after 0.5 to 8 MB from the server.
// 1,500 mails of about 40 KB (60 MB) must end up in the database and in
// Completed exactly once within three runs of the sync; before a cut
// kept what had arrived, sixty runs imported nothing.
func TestCutEveryFewMegabytes(t *testing.T) {
	const messages, maxRuns = 1500, 3
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	fillSized(t, s, u, messages, 40<<10)
	db := filepath.Join(t.TempDir(), "p.db")
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, s.IMAP, rand.New(rand.NewPCG(21, 2026)), 512<<10, 8<<20)
	job := faultJob(childJob{Addr: proxy.addr(), User: u.Name, Password: u.Password}, store)
	events := make(chan Event, 64)
	var reconnects atomic.Int32
	go func() {
		for e := range events {
			if _, ok := e.(Reconnecting); ok {
				reconnects.Add(1)
			}
		}
	}()
	runs := 0
	for runs < maxRuns && s.Count(t, u, "Postbridge/In") > 0 {
		runs++
		c, err := Run(context.Background(), job, events)
		t.Logf("run %d: %+v, err %v", runs, c, err)
	}
	close(events)
	in, done := s.Count(t, u, "Postbridge/In"), s.Count(t, u, "Postbridge/In/Completed")
	rows, _ := store.MessageCount(1)
	store.Close()
	if in != 0 || done != messages || int(rows) != messages {
		t.Fatalf("after %d runs through the cutting proxy: In %d, Completed %d, database %d; want 0, %d, %d",
			runs, in, done, rows, messages, messages)
	}
	if proxy.cuts.Load() < 5 {
		t.Fatalf("the proxy cut only %d connections: the test proves nothing", proxy.cuts.Load())
	}
	checkExactlyOnce(t, s, u, db, messages)
	t.Logf("%d runs, %d connections cut, %d reconnects; %d messages each in the database and in Completed exactly once",
		runs, proxy.cuts.Load(), reconnects.Load(), messages)
}

// fillSized writes n distinct messages of about size bytes into the
// user's Postbridge/In as Maildir files.
func fillSized(t *testing.T, s *mailtest.Stack, u mailtest.User, n, size int) {
	t.Helper()
	if !slices.Contains(s.Mailboxes(t, u), "Postbridge/In") {
		s.CreateMailbox(t, u, "Postbridge/In")
	}
	dir := filepath.Join(s.Dir, "mail", u.Name, "Maildir", "Postbridge", "In", "new")
	line := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 1) + "\r\n"
	body := strings.Repeat(line, size/len(line))
	for i := 0; i < n; i++ {
		raw := fmt.Sprintf("From: jan@klant.test\r\nTo: alice@acme.test\r\nSubject: Bericht %d\r\n"+
			"Date: Tue, 24 Nov 2026 10:%02d:00 +0100\r\nMessage-ID: <cut%d.%d@test>\r\n\r\nTekst %d\r\n%s",
			i, i%60, i, time.Now().UnixNano(), i, body)
		name := filepath.Join(dir, fmt.Sprintf("%d.M%dP1.cut", time.Now().Unix(), i))
		if err := os.WriteFile(name, []byte(raw), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chown(name, 65534, 65534) // nobody:nogroup, as Dovecot's own files
	}
}

// cutProxy forwards to target and cuts each connection after a number of
// bytes from the server drawn from [min, max) with a seeded generator,
// so a failing run can be repeated.
type cutProxy struct {
	ln       net.Listener
	mu       sync.Mutex
	rnd      *rand.Rand
	min, max int64
	cuts     atomic.Int32
}

func newCutProxy(t *testing.T, target string, rnd *rand.Rand, min, max int64) *cutProxy {
	p := &cutProxy{rnd: rnd, min: min, max: max}
	p.ln = listenProxy(t, func(c net.Conn) { p.serve(c, target) })
	return p
}

func (p *cutProxy) addr() string { return p.ln.Addr().String() }

func (p *cutProxy) serve(c net.Conn, target string) {
	defer c.Close()
	up, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer up.Close()
	go io.Copy(up, c)
	p.mu.Lock()
	limit := p.min + p.rnd.Int64N(p.max-p.min)
	p.mu.Unlock()
	if n, _ := io.CopyN(c, up, limit); n == limit {
		p.cuts.Add(1)
	}
}

package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
	"postbridge/webhook"
)

// hookReceiver is the business software's webhook URL: it keeps every
// event whose signature is valid and counts those whose is not.
type hookReceiver struct {
	secret string
	mu     sync.Mutex
	events []map[string]any
	forged int
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	var ev map[string]any
	if !webhook.Verify(h.secret, body, r.Header.Get(webhook.HeaderSignature)) || json.Unmarshal(body, &ev) != nil {
		h.forged++
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.events = append(h.events, ev)
}

// subjects are the subjects of the message.new events received.
func (h *hookReceiver) subjects() (subjects []string, forged int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ev := range h.events {
		data, _ := ev["data"].(map[string]any)
		msg, _ := data["message"].(map[string]any)
		if ev["type"] == storage.EventMessageNew {
			subjects = append(subjects, fmt.Sprint(msg["subject"]))
		}
	}
	return subjects, h.forged
}

// holdingProxy forwards to Dovecot until hold is set; from then on it
// accepts connections but holds them silent, so that a sync pass that
// has taken its account's lease stays in the middle of it.
type holdingProxy struct {
	addr, target string
	mu           sync.Mutex
	hold         bool
	held         chan net.Conn
	conns        []net.Conn
}

func startHoldingProxy(t *testing.T, target string) *holdingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &holdingProxy{addr: ln.Addr().String(), target: target, held: make(chan net.Conn, 16)}
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, c := range p.conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			p.conns = append(p.conns, c)
			hold := p.hold
			p.mu.Unlock()
			if hold {
				p.held <- c
				continue
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	return p
}

func (p *holdingProxy) holdNew() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hold = true
}

// `postbridge serve --watch` as the office server runs it, in a process
// of its own: mail that arrives in Dovecot is imported by the automatic
// sync and told to the webhook as message.new, signed; SIGTERM in the
// middle of a pass stops it with exit 0 and releases the account's lease
// at once.
func TestServeWatchImportsAndDeliversWebhookUntilSIGTERM(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	imap := startHoldingProxy(t, s.IMAPS)
	t.Cleanup(func() { storage.Keyring{}.Delete(storage.SecretWebhook("crm")) })
	db := watchedOffice(t, s, u, imap.addr)
	recv := &hookReceiver{}
	srv := httptest.NewServer(recv)
	defer srv.Close()
	added := run(t, "", "--db", db, "webhook", "add", "crm", srv.URL+"/hook", "--events", "message.new")
	if recv.secret = strings.TrimSpace(added.stdout); added.code != ExitOK || !strings.HasPrefix(recv.secret, "whsec_") {
		t.Fatalf("webhook add: %+v", added)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var out syncBuffer
	c := startService(t, os.Environ(), &out, "--db", db, "serve", "--listen", addr, "--watch")
	waitText(t, &out, "serving the API")
	waitText(t, &out, "watching INBOX")
	s.SendRaw(t, "jan@elders.example", u, []byte("From: jan@elders.example\r\nTo: "+u.Address()+
		"\r\nSubject: Offerte via serve\r\nMessage-ID: <serve-watch@elders.example>\r\n\r\nTekst\r\n"))
	waitText(t, &out, "Alice in (Alice, #1): imported 1, moved 1")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		got, forged := recv.subjects()
		if forged != 0 {
			t.Fatalf("%d deliveries with a wrong signature", forged)
		}
		if len(got) > 0 {
			if strings.Join(got, "|") != "Offerte via serve" {
				t.Errorf("message.new events for %q, want one for the mail that arrived", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no message.new reached the webhook in 30 s:\n%s", out.String())
		}
	}

	// The next pass takes the lease, connects and hangs: the account is
	// held, as it is in the middle of any pass.
	imap.holdNew()
	s.SendRaw(t, "jan@elders.example", u, []byte("From: jan@elders.example\r\nTo: "+u.Address()+
		"\r\nSubject: Tweede\r\nMessage-ID: <serve-watch-2@elders.example>\r\n\r\nTekst\r\n"))
	select {
	case <-imap.held:
	case <-time.After(30 * time.Second):
		t.Fatalf("no pass began after the second mail:\n%s", out.String())
	}
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	alice, err := store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := storage.LeaseTerms{Host: "PC-elsewhere", PID: 1}
	if lease, err := store.AcquireLease(alice.ImapAccounts[0].ID, elsewhere); !errors.Is(err, storage.ErrLeaseHeld) {
		lease.Release()
		t.Fatalf("another computer took the account in the middle of a pass: %v", err)
	}
	if err := c.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The pass hangs in its TLS handshake, with nothing in hand: the
	// watch's grace period (30 s, for a batch to be committed and filed)
	// ends it, and the process exits.
	if err := waitExit(c, 60*time.Second); err != nil || c.ProcessState.ExitCode() != ExitOK {
		t.Fatalf("serve --watch after SIGTERM: %v, want exit 0\n%s", err, out.String())
	}
	if !strings.HasSuffix(strings.TrimSpace(out.String()), "stopped") {
		t.Errorf("serve --watch did not end with \"stopped\":\n%s", out.String())
	}
	// Another computer may take the account at once: the lease was
	// released, not left to expire (a lease of another host is honoured
	// until then, a minute).
	lease, err := store.AcquireLease(alice.ImapAccounts[0].ID, elsewhere)
	if err != nil {
		t.Fatalf("the account's lease after SIGTERM: %v", err)
	}
	lease.Release()
}

package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// office is a Postbridge on the real test stack with its API running on
// a loopback port, as `postbridge serve` runs it.
type office struct {
	s      *mailtest.Stack
	alice  mailtest.User
	act    *app.Actions
	base   string // http://127.0.0.1:PORT
	log    *syncBuffer
	tokens map[string]string // scope list -> token
}

// syncBuffer is the request log, written by the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func hostPort(t testing.TB, addr string) (string, int) {
	t.Helper()
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return h, n
}

func newOffice(t *testing.T, cfg Config) *office {
	t.Helper()
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	store, err := storage.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	o := &office{s: s, alice: s.NewUser(t), act: &app.Actions{Store: store, Secrets: storage.Keyring{}, Roots: s.CA},
		log: &syncBuffer{}, tokens: map[string]string{}}
	keys := "user/" + o.alice.Name
	smtpHost, smtpPort := hostPort(t, s.Submission)
	imapHost, imapPort := hostPort(t, s.IMAP)
	doc := &storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme BV", Email: s.Users["carol"].Address(), AttachmentPath: t.TempDir(),
			SMTP: &storage.SMTPJSON{Host: smtpHost, Port: smtpPort, Security: "starttls", Auth: true,
				Username: o.alice.Name, Secret: keys + "/smtp"},
			IMAP: &storage.ServerJSON{Host: imapHost, Port: imapPort, Security: "starttls"}},
		Users: []storage.UserJSON{{Name: "Alice", Email: o.alice.Address(),
			IMAP: []storage.ImapJSON{{Username: o.alice.Name, Secret: keys + "/imap", Mode: "transfer",
				Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Sent: "Sent"}}},
			// Mallory sends as Carol through Alice's login: Postfix
			// refuses the sender (reject_sender_login_mismatch).
			{Name: "Mallory", Email: s.Users["carol"].Address()}},
		Relations: []storage.RelationJSON{{Name: "Klant BV", Emails: []string{"jan@klant.test"}}},
		Projects:  []storage.ProjectJSON{{Number: "210-01", Description: "Wohnanlage"}},
	}
	if err := store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{keys + "/smtp", keys + "/imap"} {
		if err := (storage.Keyring{}).Set(k, o.alice.Password); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	// Sent, where a send files its copy, exists: NewUser opened it.
	if _, err := o.act.EnsureFolders(context.Background(), "Alice"); err != nil {
		t.Fatal(err)
	}
	for _, scope := range []string{"read", "read,send"} {
		tok, err := store.CreateAPIToken(strings.ReplaceAll(scope, ",", "-"), scope, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		o.tokens[scope] = tok
	}
	o.serve(t, cfg)
	return o
}

// serve starts the server on a free loopback port and stops it, as
// SIGTERM would, when the test ends.
func (o *office) serve(t *testing.T, cfg Config) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Log = o.log
	srv := New(o.act, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, "", "") }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	})
	o.base = "http://" + ln.Addr().String()
}

// call makes a request with the token of scope ("" for none) and
// returns the status, the headers and the body.
func (o *office) call(t *testing.T, method, path, scope string, body []byte, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, o.base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if scope != "" {
		req.Header.Set("Authorization", "Bearer "+o.tokens[scope])
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// getJSON GETs path with a read token and decodes a 200 answer into v.
func (o *office) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	status, _, body := o.call(t, "GET", path, "read", nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

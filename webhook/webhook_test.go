package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// receiver is the business software's end: it records what it got and
// whether each signature held.
type receiver struct {
	mu     sync.Mutex
	secret string
	got    []delivery
	srv    *http.Server
}

type delivery struct {
	eventID, typ string
	signed       bool
	message      uint // data.message.id of message events
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var ev struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Data struct {
			Message struct {
				ID uint `json:"id"`
			} `json:"message"`
		} `json:"data"`
	}
	json.Unmarshal(body, &ev)
	r.mu.Lock()
	r.got = append(r.got, delivery{eventID: ev.ID, typ: ev.Type, message: ev.Data.Message.ID,
		signed: Verify(r.secret, body, req.Header.Get(HeaderSignature)) && req.Header.Get(HeaderEventID) == ev.ID})
	r.mu.Unlock()
}

// start serves on addr ("127.0.0.1:0" the first time, then the same port).
func (r *receiver) start(t *testing.T, addr string) string {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	r.srv = &http.Server{Handler: r}
	go r.srv.Serve(ln)
	return ln.Addr().String()
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// postbridge is one run of Postbridge: a store and a dispatcher.
type postbridge struct {
	act  *app.Actions
	stop func()
}

func start(t *testing.T, db string, roots *app.Actions) *postbridge {
	t.Helper()
	store, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	act := &app.Actions{Store: store, Secrets: storage.Keyring{}, Roots: roots.Roots}
	d := &Dispatcher{Store: store, Secrets: storage.Keyring{}, Poll: 50 * time.Millisecond,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	p := &postbridge{act: act}
	p.stop = func() { cancel(); <-done; store.Close() }
	return p
}

func hostPort(t *testing.T, addr string) (string, int) {
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(p)
	return h, n
}

// Each mail a sync imports reaches the receiver as message.new with a
// valid signature; while the receiver is down the events wait, through a
// restart of Postbridge, and arrive when it is back: none missing.
func TestWebhookDeliversEveryNewMessageAtLeastOnce(t *testing.T) {
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	alice := s.NewUser(t)
	db := filepath.Join(t.TempDir(), "p.db")
	pb := start(t, db, &app.Actions{Roots: s.CA})
	imapHost, imapPort := hostPort(t, s.IMAP)
	key := "user/" + alice.Name + "/imap"
	doc := &storage.SettingsFile{Company: &storage.CompanyJSON{Name: "Acme BV",
		IMAP: &storage.ServerJSON{Host: imapHost, Port: imapPort, Security: "starttls"}},
		Users: []storage.UserJSON{{Name: "Alice", IMAP: []storage.ImapJSON{{Username: alice.Name, Secret: key,
			Mode: "transfer", Inbox: "Postbridge/In", Outbox: "Postbridge/Out"}}}}}
	if err := pb.act.Store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{key: alice.Password, "company/webhook/crm": "whsec_test"} {
		if err := (storage.Keyring{}).Set(k, v); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { storage.Keyring{}.Delete(k) })
	}
	rcv := &receiver{secret: "whsec_test"}
	addr := rcv.start(t, "127.0.0.1:0")
	err := pb.act.Store.SaveWebhook(&storage.Webhook{Name: "crm", URL: "http://" + addr + "/hook", SecretKey: "company/webhook/crm", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pb.act.EnsureFolders(context.Background(), "Alice"); err != nil {
		t.Fatal(err)
	}
	deliver := func(from, n int) {
		for i := from; i < from+n; i++ {
			s.Deliver(t, alice, "Postbridge/In", []byte(fmt.Sprintf("From: k%d@klant.test\r\nSubject: mail %d\r\n\r\nbody %d\r\n", i, i, i)))
		}
		if _, err := pb.act.Sync(context.Background(), app.SyncFilter{User: "Alice"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	deliver(0, 3)
	waitFor(t, rcv, 3)

	rcv.srv.Close() // the receiver goes down
	deliver(3, 4)
	time.Sleep(500 * time.Millisecond) // attempts fail meanwhile
	pb.stop()                          // Postbridge restarts
	pb = start(t, db, &app.Actions{Roots: s.CA})
	defer func() { pb.stop() }()
	if err := pb.act.Store.RecordSync(1, storage.SyncOutcome{At: time.Now(), Error: "refused", ErrorKind: "auth_failed"}); err != nil {
		t.Fatal(err)
	}
	pb.act.Store.RecordSync(1, storage.SyncOutcome{At: time.Now()})
	waiting, err := pb.act.Store.DueWebhookEvents(time.Now().Add(time.Hour), 100)
	tried := 0
	for _, ev := range waiting {
		tried += ev.Attempts
	}
	if err != nil || len(waiting) != 6 || tried == 0 {
		t.Errorf("while the receiver is down, 6 events wait and were tried: %d waiting, %d attempts, %v", len(waiting), tried, err)
	}
	rcv.start(t, addr) // and comes back
	got := waitFor(t, rcv, 9)

	seen, messages, types := map[string]bool{}, map[uint]bool{}, map[string]int{}
	for _, d := range got {
		if !d.signed {
			t.Errorf("event %s: the signature does not hold", d.eventID)
		}
		if !seen[d.eventID] {
			types[d.typ]++
		}
		seen[d.eventID] = true
		if d.typ == storage.EventMessageNew {
			messages[d.message] = true
		}
	}
	for id := uint(1); id <= 7; id++ {
		if !messages[id] {
			t.Errorf("no message.new for message %d (got %v)", id, got)
		}
	}
	if types[storage.EventMessageNew] != 7 || types[storage.EventAccountFailing] != 1 || types[storage.EventAccountRecovered] != 1 {
		t.Errorf("distinct events by type: %v", types)
	}
}

// waitFor waits until the receiver has n distinct events.
func waitFor(t *testing.T, r *receiver, n int) []delivery {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := r.deliveries()
		distinct := map[string]bool{}
		for _, d := range got {
			distinct[d.eventID] = true
		}
		if len(distinct) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("the receiver has %d distinct events, want %d: %v", len(distinct), n, got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestWebhookSignature(t *testing.T) {
	body := []byte(`{"id":"evt_1"}`)
	sig := Sign("s3cret", body)
	tests := []struct {
		name, secret, sig string
		body              []byte
		want              bool
	}{
		{"right", "s3cret", sig, body, true},
		{"other secret", "other", sig, body, false},
		{"changed body", "s3cret", sig, []byte(`{"id":"evt_2"}`), false},
		{"no signature", "s3cret", "", body, false},
	}
	for _, tt := range tests {
		if got := Verify(tt.secret, tt.body, tt.sig); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

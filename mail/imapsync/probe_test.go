package imapsync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// A probe finds its mail by Message-ID among others in a real Dovecot
// INBOX, also when it arrives while it waits, reads it without marking
// it read, and deletes only it by UID; a Message-ID that never comes is
// ErrNotArrived after the wait, and a cancelled context ends the wait.
func TestProbeFindsReadsAndDeletes(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	mail := func(id string) []byte {
		return []byte(fmt.Sprintf("From: a@acme.test\r\nTo: %s\r\nSubject: probe %s\r\nMessage-ID: <%s@acme.test>\r\n\r\nbody\r\n", u.Address(), id, id))
	}
	s.Deliver(t, u, "INBOX", mail("other"))
	s.Deliver(t, u, "INBOX", mail("xprobe")) // contains "probe@" but is not <probe@...>
	conn, err := Dial(context.Background(), imapServer(t, s.IMAP, storage.SecurityNone, u, s))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	type result struct {
		p   Probed
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := conn.WaitForMessageID(context.Background(), "INBOX", "<probe@acme.test>", 20*time.Second, 200*time.Millisecond)
		done <- result{p, err}
	}()
	time.Sleep(700 * time.Millisecond) // a search or two finds nothing yet
	s.Deliver(t, u, "INBOX", mail("probe"))
	r := <-done
	got, err := r.p, r.err
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got.Raw), "Subject: probe probe") {
		t.Errorf("read back %q, want the probe", got.Raw)
	}
	if seen := s.Doveadm(t, nil, "search", "-u", u.Name, "mailbox", "INBOX", "SEEN"); strings.TrimSpace(seen) != "" {
		t.Errorf("messages marked \\Seen by the probe: %q", seen)
	}
	deleted, err := conn.DeleteProbe(got.UID)
	if err != nil || !deleted {
		t.Fatalf("DeleteProbe: %v, %v; want deleted", deleted, err)
	}
	if n := s.Count(t, u, "INBOX"); n != 2 {
		t.Errorf("%d messages left, want the two others", n)
	}
	_, err = conn.WaitForMessageID(context.Background(), "INBOX", "<never@acme.test>", 300*time.Millisecond, 100*time.Millisecond)
	if !errors.Is(err, ErrNotArrived) {
		t.Errorf("a mail that never comes: %v, want ErrNotArrived", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = conn.WaitForMessageID(ctx, "INBOX", "<never@acme.test>", time.Minute, 100*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled wait: %v after %v, want the context's end at once", err, time.Since(start))
	}
}

// A server without UIDPLUS (RFC 4315) cannot expunge one UID: the probe
// stays, unflagged, and DeleteProbe says so instead of sending EXPUNGE,
// which would remove what others flagged \Deleted.
func TestProbeLeftWithoutUIDPlus(t *testing.T) {
	noUIDPlus := func(c net.Conn, tag string) bool {
		io.WriteString(c, "* CAPABILITY IMAP4rev1 IDLE\r\n"+tag+" OK done\r\n")
		return true
	}
	f := startFake(t, map[string]oddAnswer{"CAPABILITY": noUIDPlus, "LOGIN": func(c net.Conn, tag string) bool {
		io.WriteString(c, tag+" OK [CAPABILITY IMAP4rev1 IDLE] logged in\r\n")
		return true
	}})
	job := fakeJob(t, f.addr, nil)
	conn, err := Dial(context.Background(), job.Server)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	got, err := conn.WaitForMessageID(context.Background(), "INBOX", "<1@example.test>", time.Second, 100*time.Millisecond)
	if err != nil || got.UID != 1 || !strings.Contains(string(got.Raw), "Subject: hello") {
		t.Fatalf("probe %+v, %v", got, err)
	}
	deleted, err := conn.DeleteProbe(got.UID)
	if err != nil || deleted {
		t.Errorf("DeleteProbe: %v, %v; want left", deleted, err)
	}
	for _, k := range []string{"UID STORE", "EXPUNGE", "UID EXPUNGE"} {
		if f.received(k) {
			t.Errorf("sent %s to a server without UIDPLUS", k)
		}
	}
}

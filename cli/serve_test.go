package cli

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"postbridge/storage"
)

// lockedBuffer is stderr written by the server while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// `postbridge serve` answers with a token made by `postbridge token`,
// refuses without one, and stops cleanly on SIGTERM.
func TestAPITokenCommandAndServeStopOnSIGTERM(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	made := run(t, "", "--db", db, "token", "create", "crm", "--scope", "read")
	token := strings.TrimSpace(made.stdout)
	if made.code != ExitOK || !strings.HasPrefix(token, "pbt_") || strings.Contains(made.stderr, token) {
		t.Fatalf("token create: %+v", made)
	}
	if r := run(t, "", "--db", db, "token", "list"); r.code != ExitOK || !strings.Contains(r.stdout, "crm") ||
		!strings.Contains(r.stdout, "read") || strings.Contains(r.stdout, token) {
		t.Errorf("token list: %+v", r)
	}
	if r := run(t, "", "--db", db, "serve", "--listen", "0.0.0.0:0"); r.code != ExitUsage || !strings.Contains(r.stderr, "certificate") {
		t.Errorf("serve beyond loopback without a certificate: %+v", r)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		stdio := IO{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr}
		done <- Main([]string{"--db", db, "serve", "--listen", addr}, stdio, storage.Keyring{}, nil)
	}()
	// The signal handler is in place once the server says it serves.
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(stderr.String(), "serving the API"); {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, tt := range []struct {
		auth string
		want int
	}{{"Bearer " + token, http.StatusOK}, {"", http.StatusUnauthorized}} {
		req, _ := http.NewRequest("GET", "http://"+addr+"/v1/projects", nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("auth %.10q: %d, want %d", tt.auth, resp.StatusCode, tt.want)
		}
	}
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	select {
	case code := <-done:
		if code != ExitOK || !strings.Contains(stderr.String(), "stopped") {
			t.Errorf("after SIGTERM: exit %d\n%s", code, stderr.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	if strings.Contains(stderr.String(), token) {
		t.Errorf("the token is in the service log:\n%s", stderr.String())
	}
	if r := run(t, "", "--db", db, "token", "revoke", "crm"); r.code != ExitOK {
		t.Errorf("revoke: %+v", r)
	}
	if r := run(t, "", "--db", db, "token", "revoke", "crm"); r.code != ExitFailure || !strings.Contains(r.stderr, "no such token") {
		t.Errorf("revoke twice: %+v", r)
	}
}

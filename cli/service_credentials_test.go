package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// serviceEnv is the environment of a systemd system service, as far as
// Postbridge can tell: no session bus (so no Secret Service), a HOME of
// its own, the database in POSTBRIDGE_DB, and — with creds — the folder
// systemd decrypts the service's credentials into.
func serviceEnv(t *testing.T, db, creds string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DBUS_") && !strings.HasPrefix(kv, storage.EnvCredentialsDir+"=") &&
			!strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "DISPLAY=") {
			env = append(env, kv)
		}
	}
	// A bus address that leads nowhere: godbus would otherwise launch a
	// session bus of its own, which a service does not have.
	env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "no-bus"),
		"HOME="+t.TempDir(), storage.EnvDB+"="+db)
	if creds != "" {
		env = append(env, storage.EnvCredentialsDir+"="+creds)
	}
	return env
}

// startService runs `postbridge ARGS...` as a separate process in env.
func startService(t *testing.T, env []string, stderr *syncBuffer, args ...string) *exec.Cmd {
	t.Helper()
	spec, _ := json.Marshal(args)
	c := exec.Command(os.Args[0], "-test.run=^$")
	c.Env = append(env, cliChildEnv+"="+string(spec))
	c.Stdout, c.Stderr = stderr, stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Process.Kill(); c.Wait() })
	return c
}

// `sync --watch` as a service on a Linux server without a desktop: its
// password comes from the systemd credentials folder, it imports the
// mailbox's mail, and SIGTERM stops it cleanly. The password is in
// neither the database nor the settings.
func TestServiceCredentialsWatch(t *testing.T) {
	s := mailtest.Servers(t)
	u := s.NewUser(t)
	host, port, _ := net.SplitHostPort(s.IMAPS)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", fmt.Sprintf(`{
	  "company": {"name": "Acme", "imap": {"host": %q, "port": %s, "security": "tls", "tls_fingerprint": %q}},
	  "users": [{"name": "Alice", "email": %q, "imap": [{"description": "Inbox", "username": %q,
	             "mode": "transfer", "inbox": "INBOX", "auto_send_receive": true}]}]}`,
		host, port, s.CertFingerprint, u.Address(), u.Name))
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	s.Deliver(t, u, "INBOX", []byte("From: jan@klant.test\r\nTo: "+u.Address()+
		"\r\nSubject: Offerte\r\nMessage-ID: <service@klant.test>\r\n\r\nTekst\r\n"))
	creds := t.TempDir()
	// What `secret credential user/Alice/imap` tells the admin to make.
	name := storage.CredentialName("user/Alice/imap")
	if err := os.WriteFile(filepath.Join(creds, name), []byte(u.Password), 0o400); err != nil {
		t.Fatal(err)
	}

	var out syncBuffer
	c := startService(t, serviceEnv(t, db, creds), &out, "sync", "--watch")
	waitText(t, &out, "Inbox (Alice, #1): imported 1, moved 1")
	if err := c.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := waitExit(c, 30*time.Second); err != nil {
		t.Errorf("sync --watch after SIGTERM: %v\n%s", err, out.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p.db*"))
	for _, f := range append(files, settings) {
		if data, _ := os.ReadFile(f); bytes.Contains(data, []byte(u.Password)) {
			t.Errorf("%s holds the password", filepath.Base(f))
		}
	}
}

// Without credentials and without a keyring, `sync --watch` stops at once
// and says why, instead of retrying every account each hour.
func TestServiceWithoutSecretsFailsFast(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	settings := writeFile(t, dir, "s.json", `{"company": {"name": "Acme", "imap": {"host": "imap.acme.test", "port": 993, "security": "tls"}},
	  "users": [{"name": "Alice", "email": "alice@acme.test", "imap": [{"username": "alice",
	             "mode": "transfer", "inbox": "INBOX", "auto_send_receive": true}]}]}`)
	if r := run(t, "", "--db", db, "settings", "import", settings); r.code != ExitOK {
		t.Fatalf("import: %+v", r)
	}
	var out syncBuffer
	c := startService(t, serviceEnv(t, db, ""), &out, "sync", "--watch")
	err := waitExit(c, 30*time.Second)
	if c.ProcessState == nil || c.ProcessState.ExitCode() != ExitFailure {
		t.Fatalf("sync --watch without a keyring: %v, want exit 1 at once\n%s", err, out.String())
	}
	got := out.String()
	if !strings.HasPrefix(got, "postbridge: the system keyring cannot be used") ||
		!strings.Contains(got, "postbridge secret credential KEY") || strings.Count(got, "\n") != 1 {
		t.Errorf("sync --watch without a keyring said %q; want one line naming the keyring and systemd credentials", got)
	}
}

// waitExit waits for c; an error when it fails or outlives d.
func waitExit(c *exec.Cmd, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		c.Process.Kill()
		return fmt.Errorf("still running after %s", d)
	}
}

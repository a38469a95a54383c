package ui

import (
	"bytes"
	"fmt"
	"image/png"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"postbridge/app"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

func emptyBackend(t *testing.T) Backend {
	t.Helper()
	store, err := storage.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return Backend{Actions: &app.Actions{Store: store, Secrets: storage.Keyring{}}}
}

func TestMainWindowTitle(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewMainWindow(a, emptyBackend(t))
	defer w.Window().Close()
	if w.Window().Title() != "Postbridge" {
		t.Errorf("title %q, want Postbridge", w.Window().Title())
	}
}

// The test driver keeps no window icon, so the resource itself is checked:
// it must be the square PNG the window and the Windows build use.
func TestIconIsSquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("icon is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 256 {
		t.Errorf("icon is %dx%d, want square and at least 256 px", b.Dx(), b.Dy())
	}
}

// syncBackend is an office whose one user has n messages in In on the
// real Dovecot.
func syncBackend(t *testing.T, n int) (Backend, *mailtest.Stack, mailtest.User) {
	t.Helper()
	s := mailtest.Servers(t)
	mailtest.Keyring(t)
	u := s.NewUser(t)
	for i := 0; i < n; i++ {
		s.Deliver(t, u, "Postbridge/In", []byte(fmt.Sprintf(
			"From: jan@klant.test\r\nSubject: Bericht %d\r\nMessage-ID: <ui%d@test>\r\n\r\nTekst\r\n", i, i)))
	}
	host, port, _ := net.SplitHostPort(s.IMAPS)
	p, _ := strconv.Atoi(port)
	key := "user/" + u.Name + "/imap"
	if err := (storage.Keyring{}).Set(key, u.Password); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { storage.Keyring{}.Delete(key) })
	b := emptyBackend(t)
	b.Actions.Roots = s.CA
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Acme", IMAP: &storage.ServerJSON{Host: host, Port: p, Security: "tls"}},
		Users: []storage.UserJSON{{Name: "Alice", IMAP: []storage.ImapJSON{{Username: u.Name, Secret: key,
			Mode: "transfer", Inbox: "Postbridge/In"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b, s, u
}

func TestSynchronizeButtonImportsAndShowsProgress(t *testing.T) {
	b, s, u := syncBackend(t, 5)
	a := test.NewTempApp(t)
	w := NewMainWindow(a, b)
	defer w.Window().Close()
	if w.toolbar.user.Selected != "Alice" {
		t.Fatalf("the only user should be chosen, got %q", w.toolbar.user.Selected)
	}
	test.Tap(w.toolbar.syncBtn)
	w.toolbar.wait()
	waitFor(t, func() bool { return w.toolbar.syncBtn.Disabled() == false })
	if got := w.toolbar.progress.Value; got != 1 {
		t.Errorf("progress %v after the sync, want 1", got)
	}
	if n, _ := b.Actions.Store.MessageCount(1); n != 5 {
		t.Errorf("%d messages imported, want 5", n)
	}
	if n := s.Count(t, u, "Postbridge/In/Completed"); n != 5 {
		t.Errorf("%d messages filed, want 5", n)
	}
	if got := w.toolbar.status.Text; got != "5 imported, 5 filed, 0 to look at" {
		t.Errorf("status %q", got)
	}
	if len(w.logLines) < 3 {
		t.Errorf("sync log has %d lines: %v", len(w.logLines), w.logLines)
	}
}

func TestCancelStopsTheSync(t *testing.T) {
	b, _, _ := syncBackend(t, 30)
	a := test.NewTempApp(t)
	w := NewMainWindow(a, b)
	defer w.Window().Close()
	test.Tap(w.toolbar.syncBtn)
	test.Tap(w.toolbar.cancelBt)
	w.toolbar.wait()
	waitFor(t, func() bool { return !w.toolbar.running() })
	if n, _ := b.Actions.Store.MessageCount(1); n == 30 {
		t.Skip("the sync finished before Cancel reached it")
	}
	if w.toolbar.syncBtn.Disabled() {
		t.Error("Synchronize stays disabled after Cancel")
	}
}

// waitFor gives fyne.Do callbacks time to run on the test driver.
func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not reached")
}

func TestUseLanguage(t *testing.T) {
	tests := []struct{ lang, lcAll, lang0, wantAll, wantLang string }{
		{"nl", "", "C.UTF-8", "nl_NL.UTF-8", "C.UTF-8"},
		{"", "", "C.UTF-8", "", "en_US.UTF-8"},
		{"", "", "de_DE.UTF-8", "", "de_DE.UTF-8"},
		{"", "POSIX", "de_DE.UTF-8", "en_US.UTF-8", "de_DE.UTF-8"},
	}
	// UseLanguage("nl") sets LANGUAGE, which outranks LC_ALL: restored
	// afterwards, or every later test in the package speaks Dutch.
	t.Setenv("LANGUAGE", "")
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang0)
		UseLanguage(tt.lang)
		if got := os.Getenv("LC_ALL"); got != tt.wantAll {
			t.Errorf("UseLanguage(%q) with LC_ALL=%q LANG=%q: LC_ALL=%q, want %q", tt.lang, tt.lcAll, tt.lang0, got, tt.wantAll)
		}
		if got := os.Getenv("LANG"); got != tt.wantLang {
			t.Errorf("UseLanguage(%q) with LC_ALL=%q LANG=%q: LANG=%q, want %q", tt.lang, tt.lcAll, tt.lang0, got, tt.wantLang)
		}
	}
}

func TestLeavingAScreenWithChangesAsks(t *testing.T) {
	w := NewMainWindow(test.NewTempApp(t), emptyBackend(t))
	defer w.Window().Close()
	w.display(0)
	d := &dirty{}
	saved := 0
	w.guardLeave(d, func() error { saved++; return nil })

	w.show(1) // no changes: goes
	if w.current != 1 {
		t.Fatalf("without changes the window did not move: at %d", w.current)
	}
	w.guardLeave(d, func() error { saved++; return nil })
	d.mark()
	w.show(2)
	if w.current != 1 {
		t.Fatalf("with changes the window moved before asking: at %d", w.current)
	}
	test.Tap(unsavedButton(w, "stay"))
	if w.current != 1 || saved != 0 {
		t.Fatalf("Cancel: at %d, saved %d; want to stay, nothing saved", w.current, saved)
	}
	w.show(2)
	test.Tap(unsavedButton(w, "save"))
	if w.current != 2 || saved != 1 {
		t.Fatalf("Save: at %d, saved %d; want screen 2, saved once", w.current, saved)
	}
}

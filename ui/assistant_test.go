package ui

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/mail/autoconfig"
	"postbridge/mail/autoconfig/dnstest"
	"postbridge/mail/mailtest"
	"postbridge/storage"
)

// closedTCP is a port on 127.0.0.1 where nothing listens.
func closedTCP(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// assistantBackend is an empty database whose address domain acme.test
// has SRV records (RFC 6186) naming the test Dovecot and Postfix, served
// by a test DNS server. Passwords go to a keyring in memory: the real
// one's company/smtp belongs to other packages' tests running alongside.
func assistantBackend(t *testing.T) (Backend, *mailtest.Stack) {
	t.Helper()
	st := mailtest.Servers(t)
	port := func(hp string) string { _, p, _ := net.SplitHostPort(hp); return p }
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0,
		fmt.Sprintf("_imaps._tcp.acme.test. 60 IN SRV 0 1 %s localhost.", port(st.IMAPS)),
		fmt.Sprintf("_submission._tcp.acme.test. 60 IN SRV 0 1 %s localhost.", port(st.Submission))))
	store, err := storage.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	finder := &autoconfig.Finder{HTTPSPort: closedTCP(t), HTTPPort: closedTCP(t), ProbeTimeout: time.Second}
	secrets := memSecrets{}
	act := &app.Actions{Store: store, Secrets: secrets, Roots: st.CA, Finder: finder}
	return Backend{Actions: act, Secrets: secrets}, st
}

// tapText taps the button with that text inside o.
func tapText(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	if b := buttonIn(o, text); b != nil {
		test.Tap(b)
		return
	}
	t.Fatalf("no button %q on the page", text)
}

// labelTexts is the text of every label inside o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, l := range findAll[*widget.Label](o) {
		out = append(out, l.Text)
	}
	return out
}

func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if b := buttonIn(c, text); b != nil {
			return b
		}
	}
	return nil
}

func waitTold(t *testing.T, a *assistant, want string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case got := <-a.shown:
			if got == want {
				return
			}
		case <-deadline:
			t.Fatalf("the assistant never reached %q", want)
		}
	}
}

// TestAssistantFromEmptyDatabase walks the first-start assistant: an
// empty database opens it; the address's SRV records give the servers;
// Check logs in to the real Dovecot and Postfix; Save stores the company
// and the first user, whose saved settings then pass the Check IMAP
// button's own check.
func TestAssistantFromEmptyDatabase(t *testing.T) {
	b, st := assistantBackend(t)
	u := st.NewUser(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	defer w.Window().Close()
	a := w.assistant
	if a == nil {
		t.Fatal("an empty database did not open the assistant")
	}
	test.Type(a.name, "Acme BV")
	test.Type(a.email, u.Address())
	tapText(t, a.view, "Find settings")
	waitTold(t, a, "page 1")
	if !strings.Contains(a.foundBy.Text, "DNS SRV") || a.imap.host.Text != "localhost" ||
		a.smtp.port.Text != strconv.Itoa(portNumber(st.Submission)) {
		t.Fatalf("found: %q, imap %q, smtp port %q", a.foundBy.Text, a.imap.host.Text, a.smtp.port.Text)
	}
	tapText(t, a.view, "Next")
	test.Type(a.password, u.Password)
	tapText(t, a.view, "Check")
	waitTold(t, a, "checked")
	if a.saveBtn.Disabled() {
		t.Fatalf("check failed: %s", a.result.outcome.Text)
	}
	tapText(t, a.view, "Save the company settings")
	co, err := b.Actions.Store.Company()
	if err != nil || co.Name != "Acme BV" || co.IMAP.Host != "localhost" || co.SMTP.Security != storage.SecuritySTARTTLS ||
		co.SMTPLogin.Username != u.Address() {
		t.Fatalf("company saved as %+v (%v)", co, err)
	}
	if a.step != 3 {
		t.Fatalf("after Save the assistant is on page %d, want the first user", a.step)
	}
	test.Type(a.userName, "Anna")
	test.Type(a.userPass, u.Password)
	tapText(t, a.view, "Check")
	waitTold(t, a, "user checked")
	tapText(t, a.view, "Save the user")
	if a.step != 4 {
		t.Fatalf("user not saved: %s", a.userResult.outcome.Text)
	}
	if _, err := b.Actions.CheckIMAP(context.Background(), "Anna"); err != nil {
		t.Errorf("Check IMAP with the saved user: %v", err)
	}
	if _, err := b.Actions.CheckSMTP(context.Background(), "Anna"); err != nil {
		t.Errorf("Check SMTP with the saved company: %v", err)
	}
}

func portNumber(hostport string) int {
	_, p, _ := net.SplitHostPort(hostport)
	n, _ := strconv.Atoi(p)
	return n
}

// TestAssistantSkipAndReopen: Skip leads to the Company screen, whose
// Setup assistant button opens it again; a set-up database opens no
// assistant.
func TestAssistantSkipAndReopen(t *testing.T) {
	b := emptyBackend(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	defer w.Window().Close()
	if w.assistant == nil {
		t.Fatal("no assistant on an empty database")
	}
	tapText(t, w.assistant.view, "Skip the assistant")
	if w.assistant != nil || w.current != 0 {
		t.Fatalf("skip: assistant %v, screen %d", w.assistant, w.current)
	}
	tapText(t, w.content, "Setup assistant")
	if w.assistant == nil {
		t.Fatal("the Company screen's button did not reopen the assistant")
	}
	co := storage.Company{Name: "Acme BV"}
	if err := b.Actions.Store.SaveCompany(&co); err != nil {
		t.Fatal(err)
	}
	if w2 := NewMainWindow(test.NewTempApp(t), b); w2.assistant != nil {
		t.Error("a database with a company opened the assistant")
	}
}

// TestAssistantNothingFound: an address no source knows gives a sentence
// and the empty fields to fill in by hand, in bounded time.
func TestAssistantNothingFound(t *testing.T) {
	t.Setenv(autoconfig.EnvResolver, dnstest.Start(t, 0))
	b := emptyBackend(t)
	b.Actions.Finder = &autoconfig.Finder{HTTPSPort: closedTCP(t), HTTPPort: closedTCP(t), ProbeTimeout: time.Second}
	w := NewMainWindow(test.NewTempApp(t), b)
	defer w.Window().Close()
	a := w.assistant
	test.Type(a.email, "anna@nowhere.test")
	tapText(t, a.view, "Find settings")
	waitTold(t, a, "page 1")
	if !strings.HasPrefix(a.foundBy.Text, "No settings were found") || !strings.Contains(a.foundBy.Text, "by hand") {
		t.Errorf("said %q", a.foundBy.Text)
	}
	if labels := labelTexts(a.view); !slices.Contains(labels, "No settings found") || slices.Contains(labels, "Settings found") {
		t.Errorf("the page's title says settings were found over %q: %q", a.foundBy.Text, labels)
	}
	if a.imap.host.Text != "" || a.smtp.host.Text != "" || a.imap.host.Disabled() {
		t.Errorf("fields %q %q, want empty and editable", a.imap.host.Text, a.smtp.host.Text)
	}
	if b := buttonIn(a.view, "Next"); b == nil || b.Disabled() {
		t.Error("Next is not offered for settings typed by hand")
	}
}

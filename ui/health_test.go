package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/app/autosync"
	"postbridge/assets"
	"postbridge/mail/imapsync"
	"postbridge/storage"
)

// healthOffice has two users with one account each: Bob's last sync
// failed on his password, Carol's succeeded.
func healthOffice(t *testing.T) (Backend, uint, uint) {
	t.Helper()
	b, _, _ := officeBackend(t)
	err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Company: &storage.CompanyJSON{Name: "Acme BV"},
		Users: []storage.UserJSON{
			{Name: "Bob", IMAP: []storage.ImapJSON{{Description: "Bob in", Username: "bob", Secret: "user/bob/imap", Mode: "transfer", Inbox: "In"}}},
			{Name: "Carol", IMAP: []storage.ImapJSON{{Description: "Carol in", Username: "carol", Secret: "user/carol/imap", Mode: "transfer", Inbox: "In", AutoSendReceive: true}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := b.Actions.Store.HealthRows(time.Now())
	if err != nil || len(rows) != 2 {
		t.Fatalf("health rows %v, %v", rows, err)
	}
	bob, carol := rows[0].AccountID, rows[1].AccountID
	now := time.Now()
	b.Actions.Store.RecordSync(bob, storage.SyncOutcome{At: now, ErrorKind: "auth_failed", Error: "127.0.0.1:993: authentication failed"})
	b.Actions.Store.RecordSync(carol, storage.SyncOutcome{At: now})
	return b, bob, carol
}

func labelsOf(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// Failing accounts come first, with the error in words and the state in
// the window's language; Open account opens the account's card.
func TestHealthScreenShowsFailingFirstAndOpensTheAccount(t *testing.T) {
	switchLocaleForTest(t, "de_DE.UTF-8")
	b, bob, _ := healthOffice(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.show(navHealth)
	h := w.health
	if len(h.shown) != 2 || h.shown[0].AccountID != bob || h.shown[0].State != autosync.StateFailing {
		t.Fatalf("shown %+v, want Bob failing first", h.shown)
	}
	text := labelsOf(h.rows)
	for _, want := range []string{"Fehlerhaft", "Bob — Bob in", "der Server lehnt Benutzername oder Passwort ab\n", "Wortlaut des Servers: 127.0.0.1:993: authentication failed", "OK", "Carol — Carol in"} {
		if !strings.Contains(text, want) {
			t.Errorf("health screen lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "Bob — Bob in") > strings.Index(text, "Carol — Carol in") {
		t.Errorf("Bob (failing) is not above Carol (ok):\n%s", text)
	}
	var open []*widget.Button
	walk(h.rows, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Konto öffnen" {
			open = append(open, b)
		}
	})
	if len(open) != 2 {
		t.Fatalf("%d Open account buttons, want 2", len(open))
	}
	test.Tap(open[0])
	if w.users == nil || w.users.account == nil || w.users.account.a.ID != bob {
		t.Fatalf("Open account did not open Bob's account card")
	}
}

// A line of the Sync log about an account opens that account's card.
func TestSyncLogLinksToTheAccount(t *testing.T) {
	b, _, carol := healthOffice(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.log(imapsync.AccountStarted{Source: imapsync.Source{AccountID: carol, Account: "Carol in"}})
	w.show(navSyncLog)
	w.logList.Select(0)
	if w.users == nil || w.users.account == nil || w.users.account.a.ID != carol {
		t.Fatal("choosing the log line did not open Carol's account card")
	}
}

func TestTrayMenuPausesAndResumes(t *testing.T) {
	b, _, _ := healthOffice(t)
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	m := w.trayMenu()
	var labels []string
	for _, it := range m.Items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, "|"); got != "Open|Synchronize now|Pause||Quit" {
		t.Fatalf("tray menu %q", got)
	}
	m.Items[2].Action()
	if !w.auto.control.Paused() || m.Items[2].Label != "Resume" {
		t.Errorf("after Pause: paused %v, label %q", w.auto.control.Paused(), m.Items[2].Label)
	}
	m.Items[2].Action()
	if w.auto.control.Paused() || m.Items[2].Label != "Pause" {
		t.Errorf("after Resume: paused %v, label %q", w.auto.control.Paused(), m.Items[2].Label)
	}
}

// Reasons are made outside the translate calls the key test scans.
func TestEveryHealthReasonIsTranslated(t *testing.T) {
	for _, l := range []string{"en", "nl", "de", "nb"} {
		data, err := assets.Translations.ReadFile("translations/health." + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]string{}
		if err := json.Unmarshal(data, &have); err != nil {
			t.Fatal(err)
		}
		for r := range autosync.Reasons {
			if have["health.reason."+string(r)] == "" {
				t.Errorf("health.reason.%s has no %s text", r, l)
			}
		}
	}
}

// Only those who manage users see every mailbox; Carol, whose role lacks
// that right, sees her own.
func TestHealthScreenShowsOthersOnlyToAdmins(t *testing.T) {
	b, _, carol := healthOffice(t)
	if err := b.Actions.Store.ImportSettings(&storage.SettingsFile{Roles: []storage.RoleJSON{{Name: "Staff"}},
		Users: []storage.UserJSON{{Name: "Carol", Role: "Staff", IMAP: []storage.ImapJSON{{Description: "Carol in",
			Username: "carol", Secret: "user/carol/imap", Mode: "transfer", Inbox: "In", AutoSendReceive: true}}}}}); err != nil {
		t.Fatal(err)
	}
	w := NewMainWindow(test.NewTempApp(t), b)
	t.Cleanup(func() { w.Window().Close() })
	w.toolbar.user.SetSelected("Carol")
	w.show(navHealth)
	if len(w.health.shown) != 1 || w.health.shown[0].AccountID != carol {
		t.Errorf("Carol sees %+v, want only her own account", w.health.shown)
	}
}

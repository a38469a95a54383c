package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/storage"
)

// The tray menu, the project card with its mail, and pictures of states
// the demo office reaches only through a mail server
// or another role: an account in mirror mode whose mail was deleted at
// the provider (manuals 001, 004), the own mail server tab of a role
// without its right, a configured own mail server and the validation
// e-mail as it arrives (manual 003).

// mirrorUser is the demo user whose account the pictures show in mirror
// mode, and mirrorGone the subject of its mail deleted at the provider.
const (
	mirrorUser = "Thijs Bakker"
	mirrorGone = "Leverbon kozijnhout Oudwijk"
)

// stageMirror sets the mirror user's account to mirror mode and marks
// one of its mails as deleted at the provider, as a mirror sync does when
// the mail is gone from the server. It is done once, before any picture,
// so that every language shows the same office.
func stageMirror(b Backend) error {
	u, err := b.Actions.Store.UserByName(mirrorUser)
	if err != nil || len(u.ImapAccounts) == 0 {
		return fmt.Errorf("screenshots: the mirror account: %w", errNotThere)
	}
	acc := u.ImapAccounts[0]
	if acc.Mode != storage.ModeMirror {
		acc.Mode = storage.ModeMirror
		if err := b.Actions.Store.SaveImapAccount(&acc); err != nil {
			return fmt.Errorf("screenshots: mirror mode: %w", err)
		}
	}
	rows, err := b.Actions.Store.MessagePage(storage.MessageQuery{UserID: u.ID}, 0, messagePageSize)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Subject != mirrorGone {
			continue
		}
		m, err := b.Actions.Store.MessageByID(r.ID)
		if err != nil {
			return err
		}
		return b.Actions.Store.MarkDeletedOnServer(m.AccountID, m.Folder, m.UIDValidity, []uint32{m.UID})
	}
	return fmt.Errorf("screenshots: the mail %q: %w", mirrorGone, errNotThere)
}

// messagesDeletedAtProvider is the Messages screen narrowed to the state
// "deleted at the provider", the mirror account's mail chosen.
func messagesDeletedAtProvider(w *MainWindow) error {
	screenOnly(navMessages)(w)
	selects := findAll[*widget.Select](w.screenContent())
	if len(selects) == 0 {
		return errNotThere
	}
	selects[0].SetSelectedIndex(3) // the state filter: deleted at the provider
	return w.chooseFirstRow()
}

// ownServerReadOnly is the Own mail server tab as a user whose role may
// change the company settings but lacks the right "Own mail server"
// (manual 003 A): the demo's Administratie role.
func ownServerReadOnly(w *MainWindow) error {
	w.toolbar.user.SetSelected("Sanne Visser")
	w.display(navCompany)
	return w.selectTab(3)
}

// ownServerConfigured is the Own mail server tab filled in as an office
// that sends through it: relay, host, port 587 with TLS, a login.
func ownServerConfigured(w *MainWindow) error {
	o, err := ownServerRelaying(w, storage.OwnAuthPassword)
	if err != nil {
		return err
	}
	o.port.SetText("587")
	o.encryption.SetSelected(securityLabel(storage.SecuritySTARTTLS))
	o.username.SetText("postbridge@devriesbouw.nl")
	o.password.SetText("geheim-wachtwoord")
	return nil
}

// projectCardWithMail opens the card of the project that has mail filed
// under it, so the card lists its messages as a relation card does.
func projectCardWithMail(w *MainWindow) error {
	screenOnly(navProjects)(w)
	entries := findAll[*widget.Entry](w.screenContent())
	if len(entries) == 0 {
		return errNotThere
	}
	entries[0].SetText("2025-003") // the search: the project with mail
	return w.chooseFirstAndTap(1)
}

// trayMenu shows the system tray's menu (which the desktop draws outside
// the window) as a pop-up over the Messages screen.
func trayMenu(w *MainWindow) error {
	screenOnly(navMessages)(w)
	c := w.win.Canvas()
	m := widget.NewPopUpMenu(w.trayMenu(), c)
	// Bottom right, where a desktop's tray is, clear of the toolbar.
	m.ShowAtPosition(fyne.NewPos(c.Size().Width-m.MinSize().Width-8, c.Size().Height-m.MinSize().Height-8))
	return nil
}

// undos holds, per window, what a picture put in the store and must take
// out again once captured (render runs it).
var undos sync.Map // *MainWindow → func()

// validationMailFolder is where the validation e-mail arrives: a folder
// no demo mail is in, so taking it out again leaves the others alone.
const validationMailFolder = "INBOX"

// validationMail is the validation e-mail as it arrived in the admin's
// mailbox and was imported, in the window's language, chosen on the
// Messages screen so its text shows (manual 003 E).
func validationMail(w *MainWindow) error {
	u, err := w.backend.Actions.Store.UserByName(demoUser)
	if err != nil || len(u.ImapAccounts) == 0 {
		return errNotThere
	}
	acc := u.ImapAccounts[0].ID
	raw := validationMailRaw("devriesbouw.nl", "KZ42M")
	when := time.Date(2024, 5, 2, 10, 14, 0, 0, time.Local)
	if _, err := w.backend.Actions.ImportRaw(acc, []app.RawMail{{Folder: validationMailFolder,
		Direction: storage.DirectionIn, Raw: raw, Received: when}}); err != nil {
		return err
	}
	undos.Store(w, func() { _ = w.backend.Actions.Store.ForgetFolder(acc, validationMailFolder) })
	screenOnly(navMessages)(w)
	n, err := w.backend.Actions.Store.CountMessages(storage.MessageQuery{})
	if err != nil || n == 0 {
		return errNotThere
	}
	tables := findAll[*widget.Table](w.screenContent())
	if len(tables) == 0 {
		return errNotThere
	}
	for _, s := range findAll[*container.Split](w.screenContent()) {
		s.SetOffset(0.4) // the mail's whole text below the table
	}
	tables[0].Select(widget.TableCellID{Row: int(n) - 1}) // the oldest: sorted newest first
	tables[0].ScrollToBottom()
	return nil
}

// validationMailRaw is the mail app.ValidateDomain sends, in the
// window's language (RFC 5322, UTF-8 text).
func validationMailRaw(domain, code string) []byte {
	english := app.TextKeys()
	words := map[string]any{"Domain": domain, "Code": code}
	subject := t("mail.validation.subject", english["mail.validation.subject"], words)
	body := t("mail.validation.body", english["mail.validation.body"], words)
	head := "From: info@" + domain + "\r\nTo: Tineke de Vries <tineke@" + domain + ">\r\nSubject: " + subject +
		"\r\nDate: Thu, 02 May 2024 12:14:00 +0200\r\nMessage-ID: <validation-" + code + "@" + domain + ">\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
	return []byte(head + strings.ReplaceAll(body, "\n", "\r\n"))
}

// undoShot takes out what w's picture put in the store.
func undoShot(w *MainWindow) {
	if f, ok := undos.LoadAndDelete(w); ok {
		f.(func())()
	}
}

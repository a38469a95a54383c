package demo

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"postbridge/app"
	"postbridge/storage"
)

// Imported stores the sample mails as if each demo user had pressed
// Synchronize: parsed, linked, attachments saved. The screenshots use it
// to show a filled Messages screen without a mail server.
func Imported(a *app.Actions) error {
	accounts, err := accountsByLogin(a.Store)
	if err != nil {
		return err
	}
	byAccount := map[uint][]app.RawMail{}
	for _, m := range Mails() {
		id, ok := accounts[m.Login]
		if !ok {
			return fmt.Errorf("demo mail for unknown login %s", m.Login)
		}
		dir := storage.DirectionIn
		if m.Folder == FolderOut {
			dir = storage.DirectionOut
		}
		byAccount[id] = append(byAccount[id], app.RawMail{Folder: m.Folder, Direction: dir, Raw: m.Raw,
			Received: time.Date(2024, 5, 21, 9, 0, 0, 0, amsterdam)})
	}
	// In account order, so that two runs give the same rows (screenshots).
	for _, id := range slices.Sorted(maps.Keys(byAccount)) {
		if _, err := a.ImportRaw(id, byAccount[id]); err != nil {
			return err
		}
	}
	return nil
}

func accountsByLogin(store *storage.Store) (map[string]uint, error) {
	out := map[string]uint{}
	for _, u := range users() {
		full, err := store.UserByName(u.Name)
		if err != nil {
			return nil, err
		}
		for _, acc := range full.ImapAccounts {
			out[acc.Username] = acc.ID
		}
	}
	return out, nil
}

// Health records what the health view shows for the demo office: Tineke's
// mailbox synchronised a few minutes ago with its next automatic pass
// due, Thijs's failing on a changed password since the morning.
func Health(a *app.Actions) error {
	accounts, err := accountsByLogin(a.Store)
	if err != nil {
		return err
	}
	now := time.Now()
	if a.Now != nil {
		now = a.Now()
	}
	ok, bad := accounts[LoginTineke], accounts[LoginThijs]
	next := now.Add(3 * time.Minute)
	refused := storage.SyncOutcome{ErrorKind: "auth_failed",
		Error: "imap.devriesbouw.nl:993: authentication failed: [AUTHENTICATIONFAILED] Authentication failed."}
	at := func(o storage.SyncOutcome, d time.Duration) storage.SyncOutcome { o.At = now.Add(-d); return o }
	steps := []error{
		a.Store.RecordSync(ok, storage.SyncOutcome{At: now.Add(-2 * time.Minute)}),
		a.Store.SetNextSync(ok, &next, "werkplek-07"),
		a.Store.SetQuota(ok, 1288<<20, 2048<<20),
		a.Store.RecordSync(bad, storage.SyncOutcome{At: now.Add(-4 * time.Hour)}),
		a.Store.RecordSync(bad, at(refused, 3*time.Hour)),
		a.Store.RecordSync(bad, at(refused, 5*time.Minute)),
	}
	return errors.Join(steps...)
}

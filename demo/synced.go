package demo

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"postbridge/mail/actions"
	"postbridge/storage"
)

// Imported stores the sample mails as if each demo user had pressed
// Synchronize: parsed, linked, attachments saved. The screenshots use it
// to show a filled Messages screen without a mail server.
func Imported(a *actions.Actions) error {
	accounts, err := accountsByLogin(a.Store)
	if err != nil {
		return err
	}
	byAccount := map[uint][]actions.RawMail{}
	for _, m := range Mails() {
		id, ok := accounts[m.Login]
		if !ok {
			return fmt.Errorf("demo mail for unknown login %s", m.Login)
		}
		dir := storage.DirectionIn
		if m.Folder == FolderOut {
			dir = storage.DirectionOut
		}
		byAccount[id] = append(byAccount[id], actions.RawMail{Folder: m.Folder, Direction: dir, Raw: m.Raw,
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

package app

import (
	"context"
	"errors"
	"slices"
	"testing"

	"postbridge/mail/mailerr"
)

// The account card's folder buttons on the real Dovecot: with no typed
// password the keyring's is used; a typed one is used instead of it.
func TestFoldersOfAndCreateFolder(t *testing.T) {
	o := newOffice(t, "")
	ctx := context.Background()
	u, err := o.act.Store.UserByName("Alice")
	if err != nil {
		t.Fatal(err)
	}
	acc := u.ImapAccounts[0]

	created, err := o.act.CreateFolder(ctx, acc, "", "Offertes")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Offertes", "Offertes/Completed"}; !slices.Equal(created, want) {
		t.Errorf("created %v, want %v", created, want)
	}
	if again, err := o.act.CreateFolder(ctx, acc, "", "Offertes"); err != nil || len(again) != 0 {
		t.Errorf("second CreateFolder: created %v, %v; want nothing", again, err)
	}
	folders, err := o.act.FoldersOf(ctx, acc, o.alice.Password)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range folders {
		names = append(names, f.Name)
	}
	if !slices.Contains(names, "Offertes/Completed") || !slices.Contains(names, "INBOX") {
		t.Errorf("folders %v", names)
	}
	if _, err := o.act.FoldersOf(ctx, acc, "not-the-password"); !errors.Is(err, mailerr.ErrAuthFailed) {
		t.Errorf("a wrong typed password gave %v, want ErrAuthFailed (the typed password must win over the keyring's)", err)
	}
}

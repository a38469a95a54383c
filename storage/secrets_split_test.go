package storage

import (
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"postbridge/mail/mailtest"
)

// limitedKeyring behaves like Windows' Credential Manager as go-keyring
// drives it: an entry over 2,560 bytes is refused with ErrSetDataTooBig.
type limitedKeyring map[string]string

func (m limitedKeyring) Set(s, u, p string) error {
	if len(p) > 2560 {
		return keyring.ErrSetDataTooBig
	}
	m[s+"|"+u] = p
	return nil
}

func (m limitedKeyring) Get(s, u string) (string, error) {
	v, ok := m[s+"|"+u]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (m limitedKeyring) Delete(s, u string) error {
	if _, ok := m[s+"|"+u]; !ok {
		return keyring.ErrNotFound
	}
	delete(m, s+"|"+u)
	return nil
}

// token6K is the size of a large Microsoft refresh token.
var token6K = strings.Repeat("0.AXoA-Refresh_Token.", 300)[:6000]

func TestLongSecretIsSplitForSizeLimitedKeyring(t *testing.T) {
	fake := limitedKeyring{}
	k := Keyring{backend: fake}
	key := "user/alice/imap"
	if err := k.Set(key, token6K); err != nil {
		t.Fatalf("Set of 6,000 bytes: %v", err)
	}
	if got, want := len(fake), 1+3; got != want {
		t.Errorf("%d entries, want %d (a header and three parts)", got, want)
	}
	for name, v := range fake {
		if len(v) > maxEntry {
			t.Errorf("entry %s holds %d bytes, more than %d", name, len(v), maxEntry)
		}
	}
	if got, err := k.Get(key); err != nil || got != token6K {
		t.Fatalf("Get = %d bytes, %v; want the 6,000 bytes back", len(got), err)
	}

	// A shorter value replaces it and leaves no stale part behind.
	if err := k.Set(key, "short"); err != nil {
		t.Fatal(err)
	}
	if got, want := len(fake), 1; got != want {
		t.Errorf("%d entries after a short Set, want %d: %v", got, want, fake)
	}
	if got, _ := k.Get(key); got != "short" {
		t.Errorf("Get = %q, want short", got)
	}

	if err := k.Set(key, token6K); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if len(fake) != 0 {
		t.Errorf("Delete left %v", fake)
	}
}

func TestSplitSecretWithMissingPartIsAnError(t *testing.T) {
	fake := limitedKeyring{}
	k := Keyring{backend: fake}
	if err := k.Set("company/smtp", token6K); err != nil {
		t.Fatal(err)
	}
	delete(fake, KeyringService+"|"+partKey("company/smtp", 2))
	if got, err := k.Get("company/smtp"); !errors.Is(err, ErrSecretIncomplete) {
		t.Fatalf("Get = %d bytes, %v; want ErrSecretIncomplete", len(got), err)
	}
}

// The same through the real Secret Service (gnome-keyring in the tests).
func TestLongSecretInRealKeyring(t *testing.T) {
	mailtest.Keyring(t)
	k := Keyring{}
	key := "user/test-" + t.Name() + "/imap"
	t.Cleanup(func() { k.Delete(key) })
	if err := k.Set(key, token6K); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := k.Get(key); err != nil || got != token6K {
		t.Fatalf("Get = %d bytes, %v", len(got), err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		if _, err := keyring.Get(KeyringService, partKey(key, i)); !errors.Is(err, keyring.ErrNotFound) {
			t.Errorf("part %d after Delete: %v, want ErrNotFound", i, err)
		}
	}
}

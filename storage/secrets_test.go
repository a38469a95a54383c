package storage

import (
	"errors"
	"testing"

	"postbridge/mail/mailtest"
)

func TestKeyringRoundTrip(t *testing.T) {
	mailtest.Keyring(t)
	k := Keyring{}
	key := "user/test-" + t.Name() + "/imap"
	t.Cleanup(func() { k.Delete(key) })

	_, err := k.Get(key)
	var missing *MissingSecretError
	if !errors.As(err, &missing) || missing.Key != key {
		t.Fatalf("Get of a missing key = %v, want *MissingSecretError naming %q", err, key)
	}
	if err := k.Set(key, "s3cret päss"); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := k.Get(key); err != nil || got != "s3cret päss" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(key); !errors.As(err, &missing) {
		t.Fatalf("Get after Delete = %v, want *MissingSecretError", err)
	}
	if err := k.Delete(key); err != nil {
		t.Errorf("Delete of a missing key = %v, want nil", err)
	}
}

func TestKeyringRefusesMalformedKeys(t *testing.T) {
	for _, key := range []string{"", "hunter2", "user/alice imap", "other/x"} {
		if err := (Keyring{}).Set(key, "x"); !errors.Is(err, ErrBadSecretKey) {
			t.Errorf("Set(%q) = %v, want ErrBadSecretKey", key, err)
		}
	}
}

// Names with spaces (manual 002 allows any unique identification) give
// keys the key check accepts, distinct from each other.
func TestKeysForNamesWithSpaces(t *testing.T) {
	keys := []string{SecretMailServer("Hoofd kantoor"), SecretMailServer("Hoofd/kantoor"), SecretMailServer("Hoofdkantoor"),
		SecretUserIMAP("Tineke de Vries", 0), SecretUserIMAP("Tineke de Vries", 1), SecretUserSMTP("Tineke de Vries"), SecretUserWork("Tineke de Vries")}
	seen := map[string]bool{}
	for _, k := range keys {
		if err := ValidSecretKey(k); err != nil {
			t.Errorf("%q: %v", k, err)
		}
		if seen[k] {
			t.Errorf("%q made twice", k)
		}
		seen[k] = true
	}
	if SecretMailServer("Hoofdkantoor") != "mailserver/Hoofdkantoor" || SecretUserIMAP("alice", 0) != "user/alice/imap" {
		t.Error("plain names must keep their keys")
	}
}

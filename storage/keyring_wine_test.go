//go:build wine

package storage

// Built only by scripts/check-windows.sh (go test -c -tags wine), which
// runs this as a Windows program under Wine on the Credential Manager the
// installed postbridge.exe wrote to. Without the tag it is not compiled, so
// it never skips in `make test`; with it, missing input fails.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestKeyringReadsSecretSetElsewhere reads back the long secret that
// `postbridge secret set` stored, without printing it: only its SHA-256
// is compared.
func TestKeyringReadsSecretSetElsewhere(t *testing.T) {
	key, want := os.Getenv("POSTBRIDGE_TEST_SECRET_KEY"), os.Getenv("POSTBRIDGE_TEST_SECRET_SHA256")
	if key == "" || want == "" {
		t.Fatal("POSTBRIDGE_TEST_SECRET_KEY and _SHA256 unset: run by scripts/check-windows.sh")
	}
	got, err := Keyring{}.Get(key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	sum := sha256.Sum256([]byte(got))
	if hex.EncodeToString(sum[:]) != want {
		t.Errorf("Get(%q) returned %d bytes that differ from what was stored", key, len(got))
	}
}

// TestKeyringLongSecretOnCredentialManager stores a secret over the
// Credential Manager's 2,560 bytes per entry, reads it back and deletes it.
func TestKeyringLongSecretOnCredentialManager(t *testing.T) {
	k := Keyring{}
	key := "user/wine-long/oauth"
	value := strings.Repeat("0123456789abcdef", 400) // 6,400 bytes
	if err := k.Set(key, value); err != nil {
		t.Fatalf("Set of %d bytes: %v", len(value), err)
	}
	got, err := k.Get(key)
	if err != nil || got != value {
		t.Fatalf("Get = %d bytes, %v; want the %d stored", len(got), err, len(value))
	}
	if err := k.Set(key, "short now"); err != nil {
		t.Fatalf("Set of a short value over a long one: %v", err)
	}
	if got, err := k.Get(key); err != nil || got != "short now" {
		t.Fatalf("Get after shortening = %d bytes, %v", len(got), err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	var missing *MissingSecretError
	if _, err := k.Get(key); !errors.As(err, &missing) {
		t.Fatalf("Get after Delete = %v, want *MissingSecretError", err)
	}
}

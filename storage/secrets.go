package storage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zalando/go-keyring"

	"postbridge/domain"
)

// KeyringService is the service name under which every Postbridge secret
// is stored in the operating system's keyring.
const KeyringService = "Postbridge"

// MissingSecretError says that the keyring on this computer holds no secret
// under Key; the UI asks for it rather than using an empty password.
type MissingSecretError struct{ Key string }

// Is makes errors.Is(err, domain.ErrNoSecret) hold.
func (e *MissingSecretError) Is(target error) bool { return target == domain.ErrNoSecret }

func (e *MissingSecretError) Error() string {
	return fmt.Sprintf("no secret %q in the keyring on this computer", e.Key)
}

// ErrKeyringUnavailable means the operating system offers no usable keyring
// (on Linux: no Secret Service on the session bus, or it is locked).
var ErrKeyringUnavailable = errors.New("the system keyring is not available")

// Keyring stores secrets in the OS keyring through go-keyring. A value
// longer than one keyring entry may hold is split over numbered entries
// (secrets_split.go), so an OAuth2 refresh token fits Windows' Credential
// Manager too. The zero value uses the operating system's keyring.
type Keyring struct {
	// backend replaces go-keyring in tests (a size-limited fake proves the
	// splitting that Windows needs); nil means the OS keyring.
	backend keyringBackend
}

// keyringBackend is the part of go-keyring Postbridge uses.
type keyringBackend interface {
	Set(service, user, password string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// osKeyring is go-keyring itself.
type osKeyring struct{}

func (osKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (osKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (osKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }

func (k Keyring) os() keyringBackend {
	if k.backend != nil {
		return k.backend
	}
	return osKeyring{}
}

// Set stores value under key, replacing what was there (and every part of
// a longer value stored before).
func (k Keyring) Set(key, value string) error {
	if err := validKey(key); err != nil {
		return err
	}
	old, _ := k.partCount(key)
	if err := k.setSplit(key, value); err != nil {
		return keyringError("store", key, err)
	}
	k.deleteParts(key, partsOf(value)+1, old)
	return nil
}

// Get returns the secret under key, or a *MissingSecretError.
func (k Keyring) Get(key string) (string, error) {
	if err := validKey(key); err != nil {
		return "", err
	}
	v, err := k.getJoined(key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", &MissingSecretError{Key: key}
	}
	if err != nil {
		return "", keyringError("read", key, err)
	}
	return v, nil
}

// Delete removes the secret under key with all its parts; a missing one
// is not an error.
func (k Keyring) Delete(key string) error {
	if err := validKey(key); err != nil {
		return err
	}
	parts, _ := k.partCount(key)
	err := k.os().Delete(KeyringService, key)
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return keyringError("delete", key, err)
	}
	k.deleteParts(key, 1, parts)
	return nil
}

// validKey refuses keys that could not have come from Postbridge, such as
// a pasted password in place of a reference.
func validKey(key string) error { return ValidSecretKey(key) }

// keyringError wraps a go-keyring failure. The underlying message never
// contains the secret itself, only the service and key.
func keyringError(op, key string, err error) error {
	msg := err.Error()
	// "dial unix …": the session bus itself is not there (a service, SSH).
	if strings.Contains(msg, "unlock") || strings.Contains(msg, "org.freedesktop.secrets") ||
		strings.Contains(msg, "dbus") || strings.Contains(msg, "DBus") || strings.Contains(msg, "dial unix") {
		return fmt.Errorf("%s secret %q: %w (%v)", op, key, ErrKeyringUnavailable, err)
	}
	return fmt.Errorf("%s secret %q: %w", op, key, err)
}

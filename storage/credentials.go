package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"postbridge/domain"
)

// EnvCredentialsDir is set by systemd for a service that has credentials
// (systemd.exec(5), LoadCredential= and LoadCredentialEncrypted=): a
// directory, readable only by the service, holding one file per
// credential, decrypted by systemd at start.
const EnvCredentialsDir = "CREDENTIALS_DIRECTORY"

// ErrCredentialsReadOnly: a service that reads its passwords from systemd
// credentials cannot store one; they are made with systemd-creds.
var ErrCredentialsReadOnly = errors.New("the passwords of this service are systemd credentials, which it cannot change")

// Credentials reads secrets from a systemd credentials directory: the
// store of a headless Linux service, which has no unlocked Secret Service.
// Each keyring key is one credential, named by CredentialName.
type Credentials struct{ Dir string }

// CredentialName is the systemd credential that holds key: the key with
// its slashes as dots, since a credential is a file name
// ("user/Alice/imap" → "user.Alice.imap").
func CredentialName(key string) string { return strings.ReplaceAll(key, "/", ".") }

// MissingCredentialError: the service was given no credential for Key.
type MissingCredentialError struct{ Key, Dir string }

// Is makes errors.Is(err, domain.ErrNoSecret) hold, as for the keyring.
func (e *MissingCredentialError) Is(target error) bool { return target == domain.ErrNoSecret }

func (e *MissingCredentialError) Error() string {
	return fmt.Sprintf("no credential %s in %s", CredentialName(e.Key), e.Dir)
}

// Get returns the credential's content without a final line break (what
// `echo PASSWORD | systemd-creds encrypt` leaves).
func (c Credentials) Get(key string) (string, error) {
	if err := validKey(key); err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, CredentialName(key)))
	if errors.Is(err, os.ErrNotExist) {
		return "", &MissingCredentialError{Key: key, Dir: c.Dir}
	}
	if err != nil {
		return "", fmt.Errorf("read credential %s: %w", CredentialName(key), err)
	}
	return strings.TrimSuffix(strings.TrimSuffix(string(data), "\n"), "\r"), nil
}

// Set refuses: systemd decrypts the credentials into a read-only folder.
func (c Credentials) Set(key, _ string) error {
	return fmt.Errorf("store %s: %w", CredentialName(key), ErrCredentialsReadOnly)
}

// Delete refuses, as Set does.
func (c Credentials) Delete(key string) error {
	return fmt.Errorf("delete %s: %w", CredentialName(key), ErrCredentialsReadOnly)
}

// OpenWith is Open with the database password read from secrets (the
// keyring, or a service's credentials) instead of the system keyring.
func OpenWith(dsn string, secrets interface {
	Get(key string) (string, error)
}) (*Store, error) {
	return open(dsn, secrets)
}

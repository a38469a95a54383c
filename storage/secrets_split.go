package storage

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/zalando/go-keyring"
)

// maxEntry is the most Postbridge puts in one keyring entry. Windows'
// Credential Manager holds at most 2,560 bytes per credential (go-keyring
// returns ErrSetDataTooBig above that); macOS' keychain and the Secret
// Service take more, but one rule everywhere keeps a keyring copied
// between systems readable. OAuth2 refresh tokens from Microsoft can run
// to several kilobytes.
const maxEntry = 2048

// splitHeader marks an entry whose value lives in numbered parts: the
// entry holds splitHeader + the number of parts, part i (from 1) is under
// partKey(key, i). The NUL makes it a value no person types as a password.
const splitHeader = "\x00postbridge-split:"

func partKey(key string, i int) string { return key + "#" + strconv.Itoa(i) }

// partsOf is how many parts value needs; 0 means it fits one entry.
func partsOf(value string) int {
	if len(value) <= maxEntry && !strings.HasPrefix(value, splitHeader) {
		return 0
	}
	return (len(value) + maxEntry - 1) / maxEntry
}

// setSplit writes the parts first and the header last, so a reader never
// finds a header whose parts are not all there yet.
func (k Keyring) setSplit(key, value string) error {
	n := partsOf(value)
	if n == 0 {
		return k.os().Set(KeyringService, key, value)
	}
	for i := 1; i <= n; i++ {
		chunk := value[(i-1)*maxEntry : min(i*maxEntry, len(value))]
		if err := k.os().Set(KeyringService, partKey(key, i), chunk); err != nil {
			return fmt.Errorf("part %d of %d: %w", i, n, err)
		}
	}
	return k.os().Set(KeyringService, key, splitHeader+strconv.Itoa(n))
}

// getJoined reads key and, when it is a header, joins its parts. A missing
// part means the value is incomplete; it is reported, never returned cut.
func (k Keyring) getJoined(key string) (string, error) {
	v, err := k.os().Get(KeyringService, key)
	if err != nil {
		return "", err
	}
	n, ok := parseHeader(v)
	if !ok {
		return v, nil
	}
	var b strings.Builder
	for i := 1; i <= n; i++ {
		part, err := k.os().Get(KeyringService, partKey(key, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return "", fmt.Errorf("%w: part %d of %d is missing", ErrSecretIncomplete, i, n)
		}
		if err != nil {
			return "", err
		}
		b.WriteString(part)
	}
	return b.String(), nil
}

// ErrSecretIncomplete means a long secret's parts are not all in the keyring.
var ErrSecretIncomplete = errors.New("the secret in the keyring is incomplete")

func parseHeader(v string) (int, bool) {
	rest, ok := strings.CutPrefix(v, splitHeader)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n > 0
}

// partCount is the number of parts stored under key now (0 for a plain
// entry or none).
func (k Keyring) partCount(key string) (int, error) {
	v, err := k.os().Get(KeyringService, key)
	if err != nil {
		return 0, err
	}
	n, _ := parseHeader(v)
	return n, nil
}

// deleteParts removes parts from..to; what is already gone is fine. Left
// over parts of an older, longer value would only waste space, so errors
// are not reported.
func (k Keyring) deleteParts(key string, from, to int) {
	for i := from; i <= to; i++ {
		k.os().Delete(KeyringService, partKey(key, i))
	}
}

package domain

import (
	"errors"
	"fmt"
	"net/url"
)

// Secret keys are stable references stored in the database and the
// settings file in place of passwords (DESIGN.md section 1).
const SecretCompanySMTP = "company/smtp"

// SecretOwnServer is the key of the company's own mail server account.
const SecretOwnServer = "company/own-server"

// SecretMailServer is the key of a named mail server's central account.
func SecretMailServer(identification string) string { return "mailserver/" + keyPart(identification) }

// SecretUserIMAP is the key of a user's IMAP password; index counts the
// user's accounts from 0, and the first one keeps the short form.
func SecretUserIMAP(user string, index int) string {
	if index == 0 {
		return "user/" + keyPart(user) + "/imap"
	}
	return fmt.Sprintf("user/%s/imap/%d", keyPart(user), index)
}

// SecretAccountSMTP is the key of an IMAP account's own SMTP login,
// beside the account's IMAP key ("user/alice/imap/smtp",
// "user/alice/imap/1/smtp"): it follows the account, whichever key
// storage gave it, and can never be mistaken for another account's key.
func SecretAccountSMTP(imapKey string) string { return imapKey + "/smtp" }

// SecretUserSMTP is the key of a user's own SMTP password.
func SecretUserSMTP(user string) string { return "user/" + keyPart(user) + "/smtp" }

// SecretUserWork is the key of a user's password on the work location server.
func SecretUserWork(user string) string { return "user/" + keyPart(user) + "/work" }

// keyPart puts a name into a keyring key: names may hold spaces and
// slashes ("Hoofd kantoor", "Tineke de Vries"), keys may not, so they are
// escaped as in a URL path ("Hoofd%20kantoor"). Plain names stay as they
// are, so keys made before stay valid.
func keyPart(name string) string { return url.PathEscape(name) }

// ErrNoSecret is what a keyring's Get wraps when it holds nothing under the key.
var ErrNoSecret = errors.New("no such secret in the keyring")

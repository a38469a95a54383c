package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"postbridge/domain"
	"postbridge/storage"
)

var secretUsage = subUsage("secret set KEY | secret credential KEY",
	`Reads a password from standard input and stores it in the system keyring
under KEY (for example company/smtp, mailserver/Hoofdkantoor, user/Alice/imap).
A name with spaces or accents may be typed as it is written, in quotes
("user/Tineke de Vries/imap"): it is stored under the escaped key the
settings file uses (user/Tineke%20de%20Vries/imap), which is printed.
db/postgres is the password of a shared PostgreSQL database, which a --db or
POSTBRIDGE_DB URL may not carry (a PGPASSFILE is the other place for it).
On a terminal the password is not echoed. Only the first line is used.
'secret credential KEY' prints how to give a systemd service (sync --watch
under a system user, which has no unlocked keyring) the password of KEY as
an encrypted credential: the systemd-creds command and the unit's line.`)

func runSecret(env *Env, args []string) error {
	fs := newFlagSet("postbridge secret", env.IO, secretUsage)
	if code, done := parseFlags(fs, args, env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 2 || (fs.Arg(0) != "set" && fs.Arg(0) != "credential") {
		return usagef("usage: postbridge secret set KEY | secret credential KEY")
	}
	// A name as it is written ("user/Tineke de Vries/imap") is stored
	// under the escaped key the settings use; the line below names it.
	key := domain.SecretKeyAsStored(fs.Arg(1))
	if err := storage.ValidSecretKey(key); err != nil {
		return usagef("%v", err)
	}
	if fs.Arg(0) == "credential" {
		printCredentialSetup(env, key)
		return nil
	}
	value, err := readSecret(env, key)
	if err != nil {
		return err
	}
	if err := env.Secrets.Set(key, value); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "secret %s stored in the system keyring\n", key)
	return nil
}

// readSecret reads one line: without echo when stdin is a terminal.
func readSecret(env *Env, key string) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(env.Stderr, "Password for %s: ", key)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return nonEmpty(string(b))
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	return nonEmpty(strings.TrimRight(line, "\r\n"))
}

func nonEmpty(s string) (string, error) {
	if s == "" {
		return "", errors.New("no password given on standard input")
	}
	return s, nil
}

// credstore is where systemd looks for encrypted credentials
// (systemd.exec(5), LoadCredentialEncrypted=).
const credstore = "/etc/credstore.encrypted/"

// printCredentialSetup says how a service gets key as a credential:
// encrypted with the machine's key (or TPM) by systemd-creds, decrypted by
// systemd into $CREDENTIALS_DIRECTORY for the service alone. The password
// is typed into systemd-ask-password, never on a command line.
func printCredentialSetup(env *Env, key string) {
	name := storage.CredentialName(key)
	unitName := strings.ReplaceAll(name, "%", "%%") // a unit file's specifiers start with %
	fmt.Fprintf(env.Stdout, `The password of %s is the systemd credential %s. As root, type it (not echoed) into:

  systemd-ask-password -n "Password for %s:" | systemd-creds encrypt --name=%s - %s%s

and give it to the service, in its unit's [Service] section (systemctl edit postbridge-watch):

  LoadCredentialEncrypted=%s:%s%s

Then systemctl restart postbridge-watch. Neither the unit nor the database holds the password.
`, key, name, key, name, credstore, name, unitName, credstore, unitName)
}

package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"postbridge/demo"
	"postbridge/storage"
)

var demoFillUsage = subUsage("demo-fill [--imap HOST:PORT --smtp HOST:PORT --fingerprint FP] [--attachments DIR] [--mails DIR] [--imported]",
	`Fills the database with the demo office (Bouwbedrijf De Vries B.V.) for
make demo and the screenshots. With --imap the demo accounts point at that
IMAP server (implicit TLS) and the password read from standard input is
stored in the keyring for every demo login; --smtp does the same for the
company SMTP server (STARTTLS). --fingerprint pins the servers' certificate.
--mails writes the sample mails as files with an index.tsv (login, folder,
file) for delivery. --imported stores the sample mails as if synchronised,
to look at the window without a mail server.`)

func runDemoFill(env *Env, args []string) error {
	fs := newFlagSet("postbridge demo-fill", env.IO, demoFillUsage)
	imapAddr := fs.String("imap", "", "IMAP server HOST:PORT (implicit TLS) for the demo accounts")
	smtpAddr := fs.String("smtp", "", "SMTP server HOST:PORT (STARTTLS) for the company")
	fingerprint := fs.String("fingerprint", "", "SHA-256 fingerprint of the servers' certificate")
	attachments := fs.String("attachments", "", "attachment path of the company")
	mailsDir := fs.String("mails", "", "directory to write the sample mails to")
	imported := fs.Bool("imported", false, "store the sample mails as if synchronised (no server needed)")
	if code, done := parseFlags(fs, args, env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 {
		return usagef("demo-fill takes no arguments (see postbridge demo-fill --help)")
	}
	settings := demo.Settings()
	c := settings.Company
	c.AttachmentPath = *attachments
	if *imapAddr != "" {
		host, port, err := splitHostPort(*imapAddr)
		if err != nil {
			return err
		}
		c.IMAP = &storage.ServerJSON{Host: host, Port: port, Security: "tls", TLSFingerprint: *fingerprint}
	}
	if *smtpAddr != "" {
		host, port, err := splitHostPort(*smtpAddr)
		if err != nil {
			return err
		}
		// The test stack lets a login send only from its own address;
		// the demo's company login is Tineke's.
		c.SMTP = &storage.SMTPJSON{Host: host, Port: port, Security: "starttls", Auth: true,
			Username: demo.LoginTineke, Secret: "company/smtp", TLSFingerprint: *fingerprint}
	}
	store, err := env.Store()
	if err != nil {
		return err
	}
	if err := store.ImportSettings(settings); err != nil {
		return fmt.Errorf("fill demo office: %w", err)
	}
	if *imapAddr != "" || *smtpAddr != "" {
		if err := storeDemoPasswords(env); err != nil {
			return err
		}
	}
	if *mailsDir != "" {
		if err := writeDemoMails(*mailsDir); err != nil {
			return err
		}
	}
	if *imported {
		act, err := env.Actions()
		if err != nil {
			return err
		}
		if err := demo.Imported(act); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stderr, "demo office Bouwbedrijf De Vries B.V. filled")
	return nil
}

func splitHostPort(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	port, perr := strconv.Atoi(p)
	if err != nil || perr != nil {
		return "", 0, usagef("%q is not HOST:PORT", addr)
	}
	return host, port, nil
}

// storeDemoPasswords reads one password and stores it for every demo
// login: the test stack gives all of them the same one.
func storeDemoPasswords(env *Env) error {
	password, err := readSecret(env, "the demo logins")
	if err != nil {
		return err
	}
	for _, key := range []string{demo.SecretKey(demo.LoginTineke), demo.SecretKey(demo.LoginThijs), "company/smtp"} {
		if err := env.Secrets.Set(key, password); err != nil {
			return err
		}
	}
	return nil
}

// writeDemoMails writes each sample mail to its own file and lists them
// in index.tsv, one "login<TAB>folder<TAB>file" a line.
func writeDemoMails(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var index strings.Builder
	for i, m := range demo.Mails() {
		name := filepath.Join(dir, fmt.Sprintf("%02d.eml", i+1))
		if err := os.WriteFile(name, m.Raw, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&index, "%s\t%s\t%s\n", m.Login, m.Folder, name)
	}
	return os.WriteFile(filepath.Join(dir, "index.tsv"), []byte(index.String()), 0o644)
}

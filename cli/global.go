package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"

	"postbridge/domain"
	"postbridge/storage"
)

// hoistGlobalFlags moves the program's own --db and --lang that follow
// the subcommand to the front, so that `postbridge status --db X` means
// what `postbridge --db X status` does: admins put them wherever habit
// has them. Nothing after "--" moves.
func hoistGlobalFlags(global *flag.FlagSet, args []string) []string {
	cmd := firstCommand(global, args)
	if cmd < 0 {
		return args
	}
	front := append([]string{}, args[:cmd]...)
	var rest []string
	for i := cmd; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, hasValue := flagName(a)
		if !hoisted(name) {
			rest = append(rest, a)
			continue
		}
		front = append(front, a)
		if !hasValue && i+1 < len(args) {
			front = append(front, args[i+1])
			i++
		}
	}
	return append(front, rest...)
}

// hoisted tells whether flag name after the command is the program's own.
func hoisted(name string) bool { return name == "db" || name == "lang" }

// firstCommand is the index of the subcommand in args: the first argument
// that is neither a global flag nor its value; -1 when there is none.
func firstCommand(global *flag.FlagSet, args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return -1
		}
		if !strings.HasPrefix(a, "-") {
			return i
		}
		if _, hasValue := flagName(a); !hasValue && takesValue(global, a) {
			i++
		}
	}
	return -1
}

// flagName is the name of a "-x", "--x" or "--x=v" argument and whether
// the value is in it; "" for an argument that is not a flag.
func flagName(arg string) (name string, hasValue bool) {
	if !strings.HasPrefix(arg, "-") || arg == "-" {
		return "", false
	}
	name = strings.TrimLeft(arg, "-")
	if i := strings.IndexByte(name, '='); i >= 0 {
		return name[:i], true
	}
	return name, false
}

// errNoDisplay: the window was asked for where there is no screen to put
// it on (an SSH session, a server). Fyne's GLFW driver would panic there.
var errNoDisplay = errors.New("there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): " +
	"on a server or over SSH use a command such as postbridge sync or postbridge status (postbridge --help lists them)")

// haveDisplay checks, before Fyne starts, that the window can open. Only
// X11 and Wayland systems say so in the environment; Windows and macOS
// always have a desktop for a program a user starts.
func haveDisplay() error {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

// serviceSecrets is where the passwords come from: a systemd service
// given credentials ($CREDENTIALS_DIRECTORY, LoadCredentialEncrypted=)
// reads them there — a system user has no unlocked Secret Service —
// and everything else uses the system keyring it was handed.
func serviceSecrets(keyring SecretStore) SecretStore {
	if dir := os.Getenv(storage.EnvCredentialsDir); dir != "" {
		return storage.Credentials{Dir: dir}
	}
	return keyring
}

// secretsUsable fails when no password can be read at all — a system
// user's service without an unlocked Secret Service — so that sync
// --watch stops at once with the reason instead of retrying every
// account hourly. A missing password is the accounts' own business.
func secretsUsable(s SecretStore) error {
	_, err := s.Get(domain.SecretCompanySMTP)
	if err == nil || errors.Is(err, domain.ErrNoSecret) {
		return nil
	}
	return fmt.Errorf("sync --watch: %w", unusableStore{err})
}

// unusableStore is a keyring failure that makes every password
// unreadable, whatever words the keyring library found for it.
type unusableStore struct{ err error }

func (u unusableStore) Error() string        { return u.err.Error() }
func (u unusableStore) Unwrap() error        { return u.err }
func (u unusableStore) Is(target error) bool { return target == storage.ErrKeyringUnavailable }

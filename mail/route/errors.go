package route

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors for settings that leave no server to send through.
// app/errkind names each as a problem kind (errors.Is), and explain/
// words that kind for the window and the CLI; the texts here are for
// logs only.
var (
	ErrBadFrom = errors.New("not an e-mail address")
	// ErrNoServer: the rule that applies names a server without a host.
	ErrNoServer = errors.New("no server address is set")
	// ErrWorkLocationUnknown: the user's work location points at a mail
	// server that is not in the list (deleted, or never saved).
	ErrWorkLocationUnknown = errors.New("the work location's mail server does not exist")
	// ErrMissingLogin: authentication is on (central, password, or
	// "autoriseren"), but the account has no user name; for an IMAP
	// account's own SMTP server, neither its own login nor the IMAP
	// login it stands in for has one.
	ErrMissingLogin = errors.New("authentication is on, but no user name is set")
	// ErrMissingEmployeeCredentials: the work location authenticates per
	// employee (manual 002) and this employee has not entered a login.
	ErrMissingEmployeeCredentials = errors.New("the server authenticates per employee, but the user has no user name for it")
	// ErrInvalidSetting: a mode or authentication kind this package does
	// not know, rather than a guess at what it means.
	ErrInvalidSetting = errors.New("invalid setting")
)

// Error says which rule failed for which user and server. Unwrap gives the
// sentinel, so errors.Is(err, ErrNoServer) works; errors.As gives Via, so
// the UI can open the screen where the setting is fixed.
type Error struct {
	Via    Via    // the rule that applied; empty for ErrBadFrom
	User   string // the sending user's name
	Server string // identification or host; the From address for ErrBadFrom
	Err    error
}

// Error reads like "route for Alice: work location Filiaal: the server
// authenticates per employee, but the user has no user name for it".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("route")
	if e.User != "" {
		b.WriteString(" for " + e.User)
	}
	b.WriteString(": ")
	switch e.Via {
	case ViaAccountSMTP:
		b.WriteString("account SMTP")
	case ViaUserSMTP:
		b.WriteString("user SMTP")
	case ViaWorkLocation:
		b.WriteString("work location")
	case ViaOwnServer:
		b.WriteString("own mail server")
	case ViaCompanySMTP:
		b.WriteString("company SMTP")
	default:
		b.WriteString("from")
	}
	if e.Server != "" {
		fmt.Fprintf(&b, " %q", e.Server)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// invalid wraps ErrInvalidSetting with the field and its value.
func invalid(field, value string) error {
	return fmt.Errorf("%w: %s %q", ErrInvalidSetting, field, value)
}

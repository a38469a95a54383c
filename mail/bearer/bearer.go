// Package bearer speaks the two SASL mechanisms that log in with an OAuth2
// access token: OAUTHBEARER (RFC 7628) and XOAUTH2 (Google's and
// Microsoft's older form of the same). IMAP (mail/imapsync) and SMTP
// (mail/smtpsend) wrap one Exchange in their library's SASL interface, so
// both log in, fail and explain alike.
package bearer

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// The mechanism names as servers announce them (RFC 4422 §3.1).
const (
	XOAUTH2     = "XOAUTH2"
	OAUTHBEARER = "OAUTHBEARER"
)

// Choose picks the mechanism to use: forced when set and offered, else
// OAUTHBEARER (the standard) when offered, else XOAUTH2. ok is false when
// the server offers neither.
func Choose(offered func(mech string) bool, forced string) (string, bool) {
	if forced != "" {
		return forced, offered(forced)
	}
	for _, m := range []string{OAUTHBEARER, XOAUTH2} {
		if offered(m) {
			return m, true
		}
	}
	return "", false
}

// Exchange is one bearer-token login.
type Exchange struct {
	Mech  string
	User  string
	Token string
	Host  string
	Port  int
	// Status is the error status the server sent in its challenge
	// (RFC 7628 §3.2.2), empty when it sent none.
	Status string
}

// Initial is the client's first message.
func (e *Exchange) Initial() []byte {
	if e.Mech == XOAUTH2 {
		return []byte("user=" + e.User + "\x01auth=Bearer " + e.Token + "\x01\x01")
	}
	// RFC 7628 §3.1: gs2-header with the authorization identity, then
	// host, port and auth as key=value pairs separated by ^A.
	s := "n,a=" + saslName(e.User) + ","
	if e.Host != "" {
		s += "\x01host=" + e.Host
	}
	if e.Port != 0 {
		s += "\x01port=" + strconv.Itoa(e.Port)
	}
	return []byte(s + "\x01auth=Bearer " + e.Token + "\x01\x01")
}

// Reply answers a server challenge. A bearer mechanism succeeds or fails
// after the first message, so any challenge is an error report (a JSON
// object, RFC 7628 §3.2.2; Google and Dovecot send the same for XOAUTH2):
// its status is kept and the client sends the single ^A byte that lets
// the server finish with a failure reply (RFC 7628 §3.2.3).
func (e *Exchange) Reply(challenge []byte) []byte {
	var report struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(challenge, &report) == nil {
		e.Status = report.Status
	}
	return []byte{1}
}

// ErrTokenRefused means the server did not accept the access token (it
// expired, was revoked, or belongs to another mailbox).
var ErrTokenRefused = errors.New("the server refused the access token")

// ErrInsufficientScope means the token is valid but does not grant mail
// access: the app registration lacks the IMAP or SMTP permission, or the
// mailbox has IMAP/SMTP AUTH switched off.
var ErrInsufficientScope = errors.New("the access token does not grant mail access")

// Failure is the error for a failed login, from the status the server
// reported. OAUTHBEARER uses the RFC 6750 §3.1 error codes; XOAUTH2
// servers send HTTP status numbers in the same field.
func (e *Exchange) Failure() error {
	switch e.Status {
	case "insufficient_scope", "403":
		return fmt.Errorf("%s: %w", e.Mech, ErrInsufficientScope)
	case "":
		return fmt.Errorf("%s: %w", e.Mech, ErrTokenRefused)
	}
	return fmt.Errorf("%s (status %s): %w", e.Mech, e.Status, ErrTokenRefused)
}

// saslName escapes "," and "=" in an authorization identity (RFC 5801 §4).
func saslName(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',':
			out = append(out, "=2C"...)
		case '=':
			out = append(out, "=3D"...)
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

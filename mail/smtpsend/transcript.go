package smtpsend

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"github.com/wneessen/go-mail/log"
)

// transcript collects go-mail's debug log as the SMTP conversation shown
// behind the Detail button. It is only shown, never read back: what the
// server offered comes from the client (offer). go-mail hides AUTH
// exchanges unless told otherwise; as a second guard every line is
// scrubbed of the password and of the base64 forms a SASL exchange would
// carry (RFC 4616 PLAIN, LOGIN), so that no transcript can ever hold a
// secret.
type transcript struct {
	mu      sync.Mutex
	lines   []string
	secrets []string
	// authMech is set when a bearer login starts: go-mail logs the AUTH
	// command as one redacted line, which is shown as "AUTH XOAUTH2 ****".
	authMech string
}

// hide adds an OAuth2 access token to what is scrubbed, also in the
// base64 form a SASL message would carry it in.
func (t *transcript) hide(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.secrets = append(t.secrets, token, base64.StdEncoding.EncodeToString([]byte(token)))
}

func (t *transcript) authStarts(mech string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.authMech = mech
}

func newTranscript(username, password string) *transcript {
	t := &transcript{}
	if password != "" {
		b64 := base64.StdEncoding.EncodeToString
		t.secrets = []string{
			b64([]byte("\x00" + username + "\x00" + password)),
			b64([]byte(username + "\x00" + username + "\x00" + password)),
			b64([]byte(password)),
			password,
		}
	}
	return t
}

func (t *transcript) add(prefix string, l log.Log) {
	line := fmt.Sprintf(l.Format, l.Messages...)
	for _, s := range t.secrets {
		line = strings.ReplaceAll(line, s, "<redacted>")
	}
	dir := "S: "
	if l.Direction == log.DirClientToServer {
		dir = "C: "
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if dir == "C: " && t.authMech != "" && strings.Contains(line, "auth data redacted") {
		line = "AUTH " + t.authMech + " ****"
		t.authMech = ""
	}
	for _, part := range strings.Split(strings.TrimRight(line, "\r\n"), "\n") {
		t.lines = append(t.lines, prefix+dir+strings.TrimRight(part, "\r"))
	}
}

func (t *transcript) Debugf(l log.Log) { t.add("", l) }
func (t *transcript) Infof(l log.Log)  { t.add("", l) }
func (t *transcript) Warnf(l log.Log)  { t.add("warning: ", l) }
func (t *transcript) Errorf(l log.Log) { t.add("error: ", l) }

// String is the transcript so far, one line per protocol line.
func (t *transcript) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}

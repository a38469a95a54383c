package explain

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"postbridge/app/errkind"
	"postbridge/mail/imapsync"
	"postbridge/mail/message"
	"postbridge/mail/tlsverify"
	"postbridge/problem"
	"postbridge/storage"
)

// Every kind of failure gets its own sentence, and the error's own text
// (the server's words) still follows it.
func TestEachKindHasItsOwnSentence(t *testing.T) {
	seen := map[string]error{}
	for _, e := range explanations {
		err := fmt.Errorf("127.0.0.1:587: %w: 535 5.7.8 server text", e.kind)
		got := Error(err)
		if !strings.HasPrefix(got, e.text) || !strings.Contains(got, "server text") {
			t.Errorf("Error(%v) = %q", err, got)
		}
		if prev, dup := seen[e.text]; dup {
			t.Errorf("%v and %v share the sentence %q", prev, e.kind, e.text)
		}
		seen[e.text] = e.kind
	}
}

func TestSpecialCases(t *testing.T) {
	missing := fmt.Errorf("imap: %w", &storage.MissingSecretError{Key: "user/alice/imap"})
	if got := Error(missing); !strings.Contains(got, "postbridge secret set user/alice/imap") {
		t.Errorf("missing secret: %q", got)
	}
	cert := &tlsverify.CertificateError{Host: "mail.test", Fingerprint: "AA:BB", Reason: errors.New("x509: unknown authority")}
	if got := Error(fmt.Errorf("dial: %w", cert)); !strings.Contains(got, "AA:BB") || !strings.Contains(got, "tls_fingerprint") {
		t.Errorf("certificate: %q", got)
	}
	if got := Error(errors.New("something else")); got != "something else" {
		t.Errorf("unknown error: %q", got)
	}
}

// Every problem kind the engine gives has its sentence, so none reaches a
// person as a bare kind.
func TestEveryProblemKindHasASentence(t *testing.T) {
	kinds := append([]string{}, message.WarningKinds...)
	kinds = append(kinds, imapsync.WarnRemovedMeanwhile, imapsync.WarnNotSent, imapsync.WarnNoUIDExpunge,
		imapsync.WarnSharedMessageID, imapsync.RefusedOverMaximum, imapsync.RefusedOverAnnounced,
		storage.AttentionSharedAddress, storage.AttentionUnknownProject)
	for _, s := range errkind.Sentinels() {
		kinds = append(kinds, s.Kind)
	}
	for _, k := range kinds {
		p := problem.New(k, "A", "x", "detail", "d")
		if got := Problem(p); got == p.String() || got == "" {
			t.Errorf("kind %s has no sentence: %q", k, got)
		}
	}
}

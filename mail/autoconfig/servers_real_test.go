package autoconfig

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"testing"

	"postbridge/domain"
	"postbridge/mail/imapsync"
	"postbridge/mail/mailtest"
	"postbridge/mail/tlsverify"
)

func portIn(t *testing.T, hostport string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	fmt.Sscan(p, &n)
	return n
}

// checkIMAP logs in with found settings, as the Check button does after
// Find filled the fields.
func checkIMAP(t *testing.T, st *mailtest.Stack, s *Server, pinned string) error {
	t.Helper()
	u := st.NewUser(t)
	_, err := imapsync.Check(context.Background(), imapsync.Server{Host: s.Host, Port: s.Port, Security: s.Security,
		Pinned: pinned, Roots: st.CA, Username: u.Name, Password: u.Password})
	return err
}

// TestSRVFindsTheRealServers: SRV records (RFC 6186, RFC 8314) name the
// test Dovecot and Postfix; the found IMAP settings then pass Check.
func TestSRVFindsTheRealServers(t *testing.T) {
	st := mailtest.Servers(t)
	startDNS(t, 0,
		fmt.Sprintf("_imaps._tcp.srv.test. 60 IN SRV 0 1 %d localhost.", portIn(t, st.IMAPS)),
		"_imap._tcp.srv.test. 60 IN SRV 0 0 0 .", // RFC 6186 §3.4: not offered
		fmt.Sprintf("_submission._tcp.srv.test. 60 IN SRV 10 1 %d localhost.", portIn(t, st.Submission)))
	f := quiet(t)
	f.Roots = st.CA
	r, err := f.Find(context.Background(), "alice@srv.test")
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundBy != SourceSRV {
		t.Fatalf("found by %s, want srv: %+v", r.FoundBy, r.Attempts)
	}
	sameServer(t, "imap", r.Chosen.IMAP, server("localhost", portIn(t, st.IMAPS), domain.SecurityTLS, "alice@srv.test", AuthPassword))
	sameServer(t, "smtp", r.Chosen.SMTP, server("localhost", portIn(t, st.Submission), domain.SecuritySTARTTLS, "alice@srv.test", AuthPassword))
	if err := checkIMAP(t, st, r.Chosen.IMAP, ""); err != nil {
		t.Errorf("Check with the found settings: %v", err)
	}
}

// probeFinder points the probe at the stack's ports; imap./mail./smtp.
// of domain resolve to 127.0.0.1 through the test DNS.
func probeFinder(t *testing.T, st *mailtest.Stack, domain string, p Ports) *Finder {
	startDNS(t, 0, "imap."+domain+". 60 IN A 127.0.0.1", "mail."+domain+". 60 IN A 127.0.0.1",
		"smtp."+domain+". 60 IN A 127.0.0.1")
	f := quiet(t)
	f.Roots, f.Ports = st.CA, p
	return f
}

// TestProbeOffersTheCertificateForPinning: the test servers' certificate
// is for localhost, not for imap.probe.test, so the probe finds implicit
// TLS with that certificate's fingerprint offered for pinning.
func TestProbeOffersTheCertificateForPinning(t *testing.T) {
	st := mailtest.Servers(t)
	f := probeFinder(t, st, "probe.test", Ports{IMAPS: portIn(t, st.IMAPS), IMAP: portIn(t, st.IMAP),
		SMTPS: portIn(t, st.SMTPS), Submission: portIn(t, st.Submission)})
	r, err := f.Find(context.Background(), "bob@probe.test")
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundBy != SourceProbe || !r.NeedsConfirmation() {
		t.Fatalf("found by %s, confirm %v", r.FoundBy, r.NeedsConfirmation())
	}
	want := server("imap.probe.test", portIn(t, st.IMAPS), domain.SecurityTLS, "bob@probe.test", AuthPassword)
	want.Fingerprint = st.CertFingerprint
	sameServer(t, "imap", r.Chosen.IMAP, want)
	want = server("smtp.probe.test", portIn(t, st.SMTPS), domain.SecurityTLS, "bob@probe.test", AuthPassword)
	want.Fingerprint = st.CertFingerprint
	sameServer(t, "smtp", r.Chosen.SMTP, want)
	// The offered fingerprint is the one to pin: a handshake with it
	// pinned succeeds, one without is refused before anything is sent.
	for _, pin := range []string{"", r.Chosen.IMAP.Fingerprint} {
		conn, err := tls.Dial("tcp", st.IMAPS, tlsverify.Config(tlsverify.Options{Host: "imap.probe.test", Pinned: pin, Roots: st.CA}))
		var cert *tlsverify.CertificateError
		switch {
		case pin == "" && !errors.As(err, &cert):
			t.Errorf("without the pin: got %v, want the certificate refused", err)
		case pin != "" && err != nil:
			t.Errorf("with the pin: %v", err)
		}
		if conn != nil {
			conn.Close()
		}
	}
}

// TestProbePrefersTLSThenSTARTTLSThenPlain: with the implicit-TLS ports
// closed STARTTLS is found; a submission port without STARTTLS is found
// last and marked unsafe.
func TestProbePrefersTLSThenSTARTTLSThenPlain(t *testing.T) {
	st := mailtest.Servers(t)
	f := probeFinder(t, st, "starttls.test", Ports{IMAPS: closedPort(t), IMAP: portIn(t, st.IMAP),
		SMTPS: closedPort(t), Submission: portIn(t, st.Submission)})
	r, err := f.Find(context.Background(), "carol@starttls.test")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Chosen.IMAP; got.Security != domain.SecuritySTARTTLS || got.Port != portIn(t, st.IMAP) ||
		got.Host != "imap.starttls.test" || got.Fingerprint != st.CertFingerprint || got.Unsafe {
		t.Errorf("imap: %+v", got)
	}
	if got := r.Chosen.SMTP; got.Security != domain.SecuritySTARTTLS || got.Host != "smtp.starttls.test" {
		t.Errorf("smtp: %+v", got)
	}

	f = probeFinder(t, st, "plain.test", Ports{IMAPS: portIn(t, st.IMAPS), IMAP: portIn(t, st.IMAP),
		SMTPS: closedPort(t), Submission: portIn(t, st.SMTPPlain)})
	r, err = f.Find(context.Background(), "carol@plain.test")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Chosen.SMTP; got.Security != domain.SecurityNone || !got.Unsafe || got.Port != portIn(t, st.SMTPPlain) {
		t.Errorf("smtp without STARTTLS: %+v", got)
	}
	if got := r.Chosen.IMAP; got.Security != domain.SecurityTLS || got.Unsafe {
		t.Errorf("imap: %+v", got)
	}
}

// TestSourcesDisagree: an autoconfig file, SRV records, an MX at Google
// and probable hosts all answer; the autoconfig file wins and the others
// are listed with what they said.
func TestSourcesDisagree(t *testing.T) {
	st := mailtest.Servers(t)
	ca := newTestCA(t)
	f := quiet(t)
	f.Roots = ca.pool
	f.HTTPSPort = serveConfig(t, ca, fmt.Sprintf(configXML, "d", "mixed.test", "mixed.test", "mixed.test"), "autoconfig.mixed.test")
	startDNS(t, 0, "autoconfig.mixed.test. 60 IN A 127.0.0.1",
		fmt.Sprintf("_imaps._tcp.mixed.test. 60 IN SRV 0 1 %d localhost.", portIn(t, st.IMAPS)),
		fmt.Sprintf("_submissions._tcp.mixed.test. 60 IN SRV 0 1 %d localhost.", portIn(t, st.SMTPS)),
		"mixed.test. 60 IN MX 10 aspmx.l.google.com.")
	r, err := f.Find(context.Background(), "dirk@mixed.test")
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundBy != SourceAutoconfig || r.Chosen.IMAP.Host != "imap.mixed.test" {
		t.Errorf("found by %s: %+v", r.FoundBy, r.Chosen.IMAP)
	}
	if a := attempt(r, SourceSRV); a.Found == nil || a.Found.IMAP.Host != "localhost" || a.Found.SMTP.Port != portIn(t, st.SMTPS) {
		t.Errorf("srv not listed with its answer: %+v", a)
	}
	if a := attempt(r, SourceMX); a.Found == nil || a.Found.Provider != "Google" {
		t.Errorf("mx not listed with its answer: %+v", a)
	}
	if a := attempt(r, SourceProvider); a.Found != nil {
		t.Errorf("provider table answered for mixed.test: %+v", a)
	}
}

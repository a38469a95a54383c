// Package tlsverify builds the TLS configuration every Postbridge mail
// connection uses: certificates are verified against the system roots, or
// accepted when their SHA-256 fingerprint was pinned by an admin after
// seeing it. There is no switch that turns verification off.
package tlsverify

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
)

// ErrUntrusted is wrapped by *CertificateError.
var ErrUntrusted = errors.New("certificate not trusted")

// CertificateError says why a server's certificate was refused, with the
// fingerprint an admin may pin after checking it with the server's owner.
type CertificateError struct {
	Host        string
	Fingerprint string // SHA-256 of the leaf certificate, AA:BB:... form
	Subject     string
	Issuer      string
	Reason      error // the x509 verification error
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("certificate of %s not trusted (SHA-256 %s, issued by %s): %v",
		e.Host, e.Fingerprint, e.Issuer, e.Reason)
}

// Unwrap lets errors.Is match ErrUntrusted and the x509 error beneath.
func (e *CertificateError) Unwrap() []error { return []error{ErrUntrusted, e.Reason} }

// Options are what a connection knows about its server.
type Options struct {
	// Host is the name the certificate must carry (an IP literal works if
	// the certificate has it as an IP SAN).
	Host string
	// Pinned is the admin-pinned SHA-256 fingerprint, in any case, colons optional.
	Pinned string
	// Roots replaces the system roots (tests trust their private CA this way).
	Roots *x509.CertPool
}

// Config returns a tls.Config that verifies the chain and name itself, so
// that a pinned fingerprint can stand in for a trusted chain. Go's own
// verification is replaced, not skipped: VerifyConnection runs on every
// handshake, including resumed ones.
func Config(o Options) *tls.Config {
	pinned := normalize(o.Pinned)
	return &tls.Config{
		ServerName: o.Host,
		MinVersion: tls.VersionTLS12,
		// Verification happens in VerifyConnection below.
		InsecureSkipVerify: true, //nolint:gosec // replaced by verify, never skipped
		VerifyConnection: func(cs tls.ConnectionState) error {
			return verify(cs, o.Host, pinned, o.Roots)
		},
	}
}

func verify(cs tls.ConnectionState, host, pinned string, roots *x509.CertPool) error {
	if len(cs.PeerCertificates) == 0 {
		return fmt.Errorf("%s sent no certificate: %w", host, ErrUntrusted)
	}
	leaf := cs.PeerCertificates[0]
	fp := Fingerprint(leaf.Raw)
	if pinned != "" && fp == pinned {
		return nil
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := leaf.Verify(x509.VerifyOptions{DNSName: host, Roots: roots, Intermediates: inter})
	if err == nil {
		return nil
	}
	if pinned != "" {
		err = fmt.Errorf("the pinned fingerprint %s does not match: %w", pinned, err)
	}
	return &CertificateError{Host: host, Fingerprint: fp, Subject: leaf.Subject.String(),
		Issuer: leaf.Issuer.String(), Reason: err}
}

// Fingerprint is the SHA-256 of a DER certificate as upper-case hex pairs
// joined by colons, the form browsers and openssl show.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func normalize(fp string) string {
	h := strings.ToUpper(strings.NewReplacer(":", "", " ", "").Replace(fp))
	if len(h) != 64 {
		return h
	}
	parts := make([]string, 0, 32)
	for i := 0; i < 64; i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

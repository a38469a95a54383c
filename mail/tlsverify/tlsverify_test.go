package tlsverify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// selfSigned makes a certificate for the given names, as a test server's.
func selfSigned(t *testing.T, dnsNames []string, ips []net.IP) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: dnsNames, IPAddresses: ips, IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, cert
}

// handshake dials a TLS server presenting cert and returns the client's error.
func handshake(t *testing.T, cert tls.Certificate, o Options) error {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.(*tls.Conn).Handshake()
			c.Close()
		}
	}()
	conn, err := tls.Dial("tcp", ln.Addr().String(), Config(o))
	if err == nil {
		conn.Close()
	}
	return err
}

func TestConfig(t *testing.T) {
	cert, parsed := selfSigned(t, []string{"localhost"}, []net.IP{net.ParseIP("127.0.0.1")})
	fp := Fingerprint(parsed.Raw)
	trusting := x509.NewCertPool()
	trusting.AddCert(parsed)

	tests := []struct {
		name      string
		o         Options
		untrusted bool // want a *CertificateError
	}{
		{"unknown issuer is refused", Options{Host: "localhost"}, true},
		{"trusted root passes", Options{Host: "localhost", Roots: trusting}, false},
		{"trusted root on IP SAN passes", Options{Host: "127.0.0.1", Roots: trusting}, false},
		{"wrong name is refused even with trusted root", Options{Host: "mail.example.test", Roots: trusting}, true},
		{"pinned fingerprint passes", Options{Host: "localhost", Pinned: fp}, false},
		{"pin without colons, lower case", Options{Host: "localhost", Pinned: strings.ToLower(strings.ReplaceAll(fp, ":", ""))}, false},
		{"pinned fingerprint also covers another name", Options{Host: "mail.example.test", Pinned: fp}, false},
		{"wrong pin is refused", Options{Host: "localhost", Pinned: strings.Repeat("00", 32)}, true},
	}
	for _, tt := range tests {
		err := handshake(t, cert, tt.o)
		var ce *CertificateError
		switch {
		case tt.untrusted && !errors.As(err, &ce):
			t.Errorf("%s: error %v, want *CertificateError", tt.name, err)
		case tt.untrusted && ce.Fingerprint != fp:
			t.Errorf("%s: fingerprint %s, want %s", tt.name, ce.Fingerprint, fp)
		case tt.untrusted && !errors.Is(err, ErrUntrusted):
			t.Errorf("%s: error does not match ErrUntrusted", tt.name)
		case !tt.untrusted && err != nil:
			t.Errorf("%s: error %v, want success", tt.name, err)
		}
	}
}

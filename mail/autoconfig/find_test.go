package autoconfig

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"postbridge/domain"
	"postbridge/mail/mailerr"
)

// quiet is a Finder whose probes and HTTP knock on closed ports, so that a
// test sees only the source it sets up.
func quiet(t *testing.T) *Finder {
	return &Finder{HTTPSPort: closedPort(t), HTTPPort: closedPort(t), Timeout: 10 * time.Second,
		ProbeTimeout: time.Second, Ports: Ports{IMAPS: closedPort(t), IMAP: closedPort(t),
			SMTPS: closedPort(t), Submission: closedPort(t)}}
}

func attempt(r Result, s Source) Attempt {
	for _, a := range r.Attempts {
		if a.Source == s {
			return a
		}
	}
	return Attempt{}
}

func server(host string, port int, sec domain.Security, user, auth string) *Server {
	return &Server{Host: host, Port: port, Security: sec, Username: user, Auth: auth}
}

func sameServer(t *testing.T, what string, got, want *Server) {
	t.Helper()
	if got == nil || *got != *want {
		t.Errorf("%s: got %+v, want %+v", what, got, want)
	}
}

func TestProviderTable(t *testing.T) {
	startDNS(t, 0) // knows nothing: every network source answers "none"
	tests := []struct {
		address, provider string
		oauth             domain.Provider
		imap, smtp        *Server
	}{
		{"anna@xs4all.nl", "KPN", "", server("imap.kpnmail.nl", 993, domain.SecurityTLS, "anna@xs4all.nl", AuthPassword),
			server("smtp.kpnmail.nl", 465, domain.SecurityTLS, "anna@xs4all.nl", AuthPassword)},
		{"jan@web.de", "WEB.DE", "", server("imap.web.de", 993, domain.SecurityTLS, "jan", AuthPassword),
			server("smtp.web.de", 465, domain.SecurityTLS, "jan", AuthPassword)},
		{"ola@gmail.com", "Google", "google", server("imap.gmail.com", 993, domain.SecurityTLS, "ola@gmail.com", AuthOAuth2),
			server("smtp.gmail.com", 465, domain.SecurityTLS, "ola@gmail.com", AuthOAuth2)},
	}
	for _, tt := range tests {
		r, err := quiet(t).Find(context.Background(), tt.address)
		if err != nil {
			t.Fatalf("%s: %v", tt.address, err)
		}
		if r.FoundBy != SourceProvider || r.Chosen.Provider != tt.provider || r.Chosen.OAuthProvider != tt.oauth {
			t.Errorf("%s: found by %s, provider %q oauth %q", tt.address, r.FoundBy, r.Chosen.Provider, r.Chosen.OAuthProvider)
		}
		sameServer(t, tt.address+" imap", r.Chosen.IMAP, tt.imap)
		sameServer(t, tt.address+" smtp", r.Chosen.SMTP, tt.smtp)
		if a := attempt(r, SourceProbe); !errors.Is(a.Err, ErrSkipped) {
			t.Errorf("%s: probe ran although the table answered: %+v", tt.address, a)
		}
	}
}

func TestEveryProviderRowIsComplete(t *testing.T) {
	names := map[string]bool{}
	for _, p := range Providers {
		if names[p.Name] || p.Source == "" || len(p.Domains)+len(p.MX) == 0 ||
			p.IMAP.Host == "" || p.SMTP.Host == "" || p.IMAP.Port == 0 || p.SMTP.Port == 0 {
			t.Errorf("row %q is incomplete or repeated: %+v", p.Name, p)
		}
		if p.OAuth != "" && p.OAuth != "microsoft" && p.OAuth != "google" {
			t.Errorf("row %q: oauth %q", p.Name, p.OAuth)
		}
		names[p.Name] = true
	}
	for _, want := range []string{"Microsoft 365", "Google", "KPN", "Ziggo", "TransIP", "Hostnet", "Strato", "IONOS",
		"T-Online", "GMX", "WEB.DE", "Telenor", "Domeneshop", "one.com"} {
		if !names[want] {
			t.Errorf("no row for %s", want)
		}
	}
}

func TestAutoconfigFileOverHTTPS(t *testing.T) {
	ca := newTestCA(t)
	body := fmt.Sprintf(configXML, "ac.test", "ac.test", "ac.test", "ac.test")
	f := quiet(t)
	f.Roots = ca.pool
	f.HTTPSPort = serveConfig(t, ca, body, "autoconfig.ac.test", "ac.test")
	startDNS(t, 0, "autoconfig.ac.test. 60 IN A 127.0.0.1", "ac.test. 60 IN A 127.0.0.1")
	r, err := f.Find(context.Background(), "piet@ac.test")
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundBy != SourceAutoconfig || r.NeedsConfirmation() {
		t.Errorf("found by %s, needs confirmation %v", r.FoundBy, r.NeedsConfirmation())
	}
	sameServer(t, "imap", r.Chosen.IMAP, server("imap.ac.test", 993, domain.SecurityTLS, "piet", AuthPassword))
	sameServer(t, "smtp", r.Chosen.SMTP, server("smtp.ac.test", 587, domain.SecuritySTARTTLS, "piet@ac.test", AuthPassword))
	if got := attempt(r, SourceAutoconfig).Tried; len(got) != 1 || !strings.HasPrefix(got[0], "https://autoconfig.ac.test:") {
		t.Errorf("tried %v, want the autoconfig subdomain first", got)
	}
}

func TestAutoconfigFileFromUntrustedHTTPSIsRefused(t *testing.T) {
	ca, other := newTestCA(t), newTestCA(t)
	f := quiet(t)
	f.Roots = other.pool // the server's CA is not trusted
	f.HTTPSPort = serveConfig(t, ca, fmt.Sprintf(configXML, "x", "bad.test", "bad.test", "bad.test"), "autoconfig.bad.test")
	startDNS(t, 0, "autoconfig.bad.test. 60 IN A 127.0.0.1")
	r, err := f.Find(context.Background(), "a@bad.test")
	if !errors.Is(err, ErrNothingFound) || attempt(r, SourceAutoconfig).Found != nil {
		t.Fatalf("got %v, %+v; want nothing found", err, attempt(r, SourceAutoconfig))
	}
}

func TestAutoconfigOverPlainHTTPNeedsConfirmation(t *testing.T) {
	f := quiet(t)
	f.HTTPPort = serveConfig(t, nil, fmt.Sprintf(configXML, "p", "plain.test", "plain.test", "plain.test"))
	startDNS(t, 0, "autoconfig.plain.test. 60 IN A 127.0.0.1")
	r, err := f.Find(context.Background(), "a@plain.test")
	if err != nil {
		t.Fatal(err)
	}
	if r.FoundBy != SourceAutoconfig || !r.Chosen.Insecure || !r.NeedsConfirmation() {
		t.Errorf("found by %s, insecure %v, confirm %v", r.FoundBy, r.Chosen.Insecure, r.NeedsConfirmation())
	}
	if a := attempt(r, SourceProbe); errors.Is(a.Err, ErrSkipped) {
		t.Error("an unencrypted file must not stop the probe")
	}
}

func TestMXNamesProvider(t *testing.T) {
	startDNS(t, 0,
		"m365.test. 60 IN MX 10 m365-test.mail.protection.outlook.com.",
		"gw.test. 60 IN MX 20 alt1.aspmx.l.google.com.", "gw.test. 60 IN MX 10 aspmx.l.google.com.",
		"own.test. 60 IN MX 10 mx.own.test.",
		"hosted.test. 60 IN MX 10 mx.transip.email.")
	tests := []struct {
		address, provider string
		oauth             domain.Provider
		imapHost          string
	}{
		{"a@m365.test", "Microsoft 365", "microsoft", "outlook.office365.com"},
		{"b@gw.test", "Google", "google", "imap.gmail.com"},
		{"c@hosted.test", "TransIP", "", "imap.transip.email"},
	}
	for _, tt := range tests {
		r, err := quiet(t).Find(context.Background(), tt.address)
		if err != nil {
			t.Fatalf("%s: %v", tt.address, err)
		}
		if r.FoundBy != SourceMX || r.Chosen.Provider != tt.provider || r.Chosen.OAuthProvider != tt.oauth ||
			r.Chosen.IMAP.Host != tt.imapHost || (r.Chosen.IMAP.Auth == AuthOAuth2) != (tt.oauth != "") || r.Chosen.IMAP.Username != tt.address {
			t.Errorf("%s: found by %s: %+v %+v", tt.address, r.FoundBy, r.Chosen, r.Chosen.IMAP)
		}
	}
	r, err := quiet(t).Find(context.Background(), "c@own.test")
	if !errors.Is(err, ErrNothingFound) || attempt(r, SourceMX).Tried[0] != "MX own.test = mx.own.test" {
		t.Errorf("an unknown MX: %v, %v", err, attempt(r, SourceMX).Tried)
	}
}

func TestNothingFound(t *testing.T) {
	startDNS(t, 0)
	r, err := quiet(t).Find(context.Background(), "x@nowhere.test")
	if !errors.Is(err, ErrNothingFound) {
		t.Fatalf("got %v, want ErrNothingFound", err)
	}
	if len(r.Attempts) != len(Order) {
		t.Fatalf("%d attempts, want one per source", len(r.Attempts))
	}
	for i, a := range r.Attempts {
		if a.Source != Order[i] || a.Found != nil || len(a.Tried) == 0 {
			t.Errorf("attempt %d: %+v", i, a)
		}
	}
}

func TestBadAddress(t *testing.T) {
	for _, a := range []string{"", "anna", "anna@", "@x.test", "anna@localhost"} {
		if _, err := (&Finder{}).Find(context.Background(), a); !errors.Is(err, ErrBadAddress) {
			t.Errorf("%q: got %v", a, err)
		}
	}
}

func TestSlowDNSIsBoundedAndCancellable(t *testing.T) {
	startDNS(t, 3*time.Second)
	f := quiet(t)
	f.Timeout = 700 * time.Millisecond
	start := time.Now()
	_, err := f.Find(context.Background(), "a@slow.test")
	if took := time.Since(start); took > 2*time.Second || !errors.Is(err, ErrNothingFound) {
		t.Errorf("timeout: took %v, err %v", took, err)
	}
	f.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start = time.Now()
	_, err = f.Find(ctx, "a@slow.test")
	if took := time.Since(start); took > 2*time.Second || !errors.Is(err, mailerr.ErrCanceled) {
		t.Errorf("cancel: took %v, err %v", took, err)
	}
}

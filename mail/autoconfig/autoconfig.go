// Package autoconfig finds an address's IMAP and SMTP settings, as
// Thunderbird does, and says how it found them. The sources are tried in a
// fixed order and every answer is kept, so that the screen can show what
// each source said:
//
//  1. the provider table built into Postbridge (providers.go);
//  2. the domain's own autoconfig file (Thunderbird's config-v1.1.xml);
//  3. DNS SRV records (RFC 6186, with RFC 8314's implicit-TLS services);
//  4. the domain's MX record naming a provider in the table;
//  5. probing imap./mail./smtp.DOMAIN on the usual ports.
//
// When sources disagree the earlier one wins. Nothing here sends a
// password: probing reads greetings and capabilities only, and a server
// whose certificate is not trusted is offered for pinning with its
// fingerprint. An autoconfig file fetched over plain HTTP is marked as
// needing the admin's confirmation.
package autoconfig

import (
	"errors"
	"fmt"
	"strings"

	"postbridge/domain"
)

// Source names where settings came from; the names are part of the
// command line's JSON contract (found_by).
type Source string

// The sources, in the order they are tried.
const (
	SourceProvider   Source = "provider"
	SourceAutoconfig Source = "autoconfig"
	SourceSRV        Source = "srv"
	SourceMX         Source = "mx"
	SourceProbe      Source = "probe"
)

// Order is the order sources are tried in and win in.
var Order = []Source{SourceProvider, SourceAutoconfig, SourceSRV, SourceMX, SourceProbe}

// Auth methods of a found server (the OAuth2 work names them the same).
const (
	AuthPassword = "password"
	AuthOAuth2   = "oauth2"
)

// ErrBadAddress is returned for an address without a domain.
var ErrBadAddress = errors.New("not an e-mail address")

// ErrNothingFound is returned when no source found a server.
var ErrNothingFound = errors.New("no settings found")

// Server is one found IMAP or SMTP server.
type Server struct {
	Host     string          `json:"host"`
	Port     int             `json:"port"`
	Security domain.Security `json:"security"`
	Username string          `json:"username,omitempty"`
	// Auth is AuthPassword or AuthOAuth2.
	Auth string `json:"auth"`
	// Fingerprint is set when the server's certificate is not trusted: its
	// SHA-256, offered for pinning. Nothing is sent to such a server until
	// the admin has pinned it.
	Fingerprint string `json:"untrusted_certificate,omitempty"`
	// Unsafe marks a server that answered only without encryption.
	Unsafe bool `json:"unsafe,omitempty"`
}

// Settings is what one source answered; either server may be missing.
type Settings struct {
	IMAP *Server `json:"imap,omitempty"`
	SMTP *Server `json:"smtp,omitempty"`
	// Provider is the provider table's name when the answer came from it.
	Provider string `json:"provider,omitempty"`
	// OAuthProvider is "microsoft" or "google" when the provider needs
	// OAuth2 sign-in (see Provider.OAuth).
	OAuthProvider domain.Provider `json:"oauth_provider,omitempty"`
	// Insecure marks settings read from a file fetched over plain HTTP:
	// anyone on the way could have written them, so the admin confirms.
	Insecure bool `json:"insecure_http,omitempty"`
}

func (s *Settings) empty() bool { return s == nil || (s.IMAP == nil && s.SMTP == nil) }

// Attempt is one source tried and what it answered.
type Attempt struct {
	Source Source
	// Tried says what was asked: a URL, a DNS name, host names.
	Tried []string
	// Found is the answer, nil when the source found nothing.
	Found *Settings
	// Err says why the source found nothing (nil: it simply had no answer).
	Err error
}

// Result is the outcome of Find: the chosen settings and every attempt.
type Result struct {
	Address string
	Domain  string
	// Chosen is the answer of the first source, in Order, that found
	// anything; a plain-HTTP autoconfig file only when nothing else did.
	Chosen  *Settings
	FoundBy Source
	// Attempts lists every source, in Order.
	Attempts []Attempt
}

// NeedsConfirmation reports whether the admin must look before the
// settings are used: an unencrypted autoconfig file, a certificate to
// pin, or a server without encryption.
func (r Result) NeedsConfirmation() bool {
	if r.Chosen == nil {
		return false
	}
	if r.Chosen.Insecure {
		return true
	}
	for _, s := range []*Server{r.Chosen.IMAP, r.Chosen.SMTP} {
		if s != nil && (s.Fingerprint != "" || s.Unsafe) {
			return true
		}
	}
	return false
}

// choose picks the winner: the first source in Order with an answer,
// answers that need no HTTP confirmation first. A source that found only
// one of the two servers wins that one; the other comes from the next
// source that has it, so one missing SRV record does not hide the rest.
func (r *Result) choose() {
	var chosen Settings
	for _, insecure := range []bool{false, true} {
		for _, a := range r.Attempts {
			f := a.Found
			if f.empty() || f.Insecure != insecure {
				continue
			}
			if r.FoundBy == "" {
				r.FoundBy = a.Source
				chosen.Provider, chosen.OAuthProvider, chosen.Insecure = f.Provider, f.OAuthProvider, f.Insecure
			}
			if chosen.IMAP == nil {
				chosen.IMAP = f.IMAP
			}
			if chosen.SMTP == nil {
				chosen.SMTP = f.SMTP
			}
		}
		if r.FoundBy != "" {
			break
		}
	}
	if r.FoundBy != "" {
		r.Chosen = &chosen
	}
}

// SplitAddress returns the local part and the lower-case domain.
func SplitAddress(address string) (local, domain string, err error) {
	address = strings.TrimSpace(address)
	at := strings.LastIndexByte(address, '@')
	if at <= 0 || at == len(address)-1 {
		return "", "", fmt.Errorf("%q: %w", address, ErrBadAddress)
	}
	domain = strings.ToLower(strings.TrimSuffix(address[at+1:], "."))
	if !strings.Contains(domain, ".") || strings.ContainsAny(domain, " /\\:") {
		return "", "", fmt.Errorf("%q: %w", address, ErrBadAddress)
	}
	return address[:at], domain, nil
}

// username fills Thunderbird's placeholders (%EMAILADDRESS%,
// %EMAILLOCALPART%, %EMAILDOMAIN%) in a username template.
func username(template, address string) string {
	local, domain, _ := SplitAddress(address)
	return strings.NewReplacer("%EMAILADDRESS%", address, "%EMAILLOCALPART%", local,
		"%EMAILDOMAIN%", domain).Replace(template)
}

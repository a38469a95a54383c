package autoconfig

import (
	"strings"

	"postbridge/domain"
)

// Provider is one row of the provider table: the mail domains it serves,
// the MX host names that give it away for an office's own domain, its
// IMAP and SMTP servers, whether it needs OAuth2 sign-in, and where the
// facts come from. Plain data, so the OAuth2 sign-in can read it.
type Provider struct {
	Name string
	// Domains are address domains the provider hosts itself.
	Domains []string
	// MX are suffixes of MX host names that point at this provider.
	MX   []string
	IMAP ProviderServer
	SMTP ProviderServer
	// OAuth is the OAuth2 provider (microsoft, google) when the provider
	// needs (or, for Google, prefers) OAuth2 sign-in; "" when a password
	// is enough. The OAuth2 sign-in (mail/oauth) takes it from here.
	OAuth domain.Provider
	// Source is where the row's facts were read.
	Source string
}

// ProviderServer is a provider's server; Username is a Thunderbird-style
// template (%EMAILADDRESS%, %EMAILLOCALPART%).
type ProviderServer struct {
	Host     string
	Port     int
	Security domain.Security
	Username string
}

// ispdb is Thunderbird's ISP database, the public source of most rows
// (github.com/thunderbird/autoconfig, directory ispdb, read 2026-12-01 at
// commit c6ad796).
const ispdb = "Thunderbird ISPDB ispdb/"

const addr = "%EMAILADDRESS%"

func tlsServer(host string, port int) ProviderServer {
	return ProviderServer{Host: host, Port: port, Security: domain.SecurityTLS, Username: addr}
}

func starttlsServer(host string, port int) ProviderServer {
	return ProviderServer{Host: host, Port: port, Security: domain.SecuritySTARTTLS, Username: addr}
}

// Providers is the built-in table. The first server of each kind in the
// source is used; implicit TLS where offered (RFC 8314).
var Providers = []Provider{
	{Name: "Microsoft 365", Domains: []string{"office365.com", "onmicrosoft.com"},
		MX:   []string{"mail.protection.outlook.com"},
		IMAP: tlsServer("outlook.office365.com", 993), SMTP: starttlsServer("smtp.office365.com", 587),
		OAuth: domain.ProviderMicrosoft, Source: ispdb + "office365.com.xml"},
	{Name: "Outlook.com", Domains: []string{"outlook.com", "hotmail.com", "live.com", "msn.com", "hotmail.nl",
		"live.nl", "outlook.de", "hotmail.de", "live.de", "hotmail.no", "live.no"},
		MX:   []string{"olc.protection.outlook.com"},
		IMAP: tlsServer("outlook.office365.com", 993), SMTP: starttlsServer("smtp-mail.outlook.com", 587),
		OAuth: domain.ProviderMicrosoft, Source: ispdb + "hotmail.com.xml"},
	{Name: "Google", Domains: []string{"gmail.com", "googlemail.com"},
		MX:   []string{"aspmx.l.google.com", "googlemail.com", "smtp.google.com"},
		IMAP: tlsServer("imap.gmail.com", 993), SMTP: tlsServer("smtp.gmail.com", 465),
		OAuth: domain.ProviderGoogle, Source: ispdb + "googlemail.com.xml"},
	{Name: "KPN", Domains: []string{"kpnmail.nl", "kpnplanet.nl", "planet.nl", "hetnet.nl", "xs4all.nl",
		"telfort.nl", "tiscali.nl", "freeler.nl", "wxs.nl"},
		IMAP: tlsServer("imap.kpnmail.nl", 993), SMTP: tlsServer("smtp.kpnmail.nl", 465),
		Source: ispdb + "kpnmail.nl.xml (XS4ALL is in the same file)"},
	{Name: "Ziggo", Domains: []string{"ziggo.nl", "ziggomail.com", "casema.nl", "upcmail.nl", "chello.nl",
		"home.nl", "quicknet.nl", "zeggis.nl"},
		IMAP: tlsServer("imap.ziggo.nl", 993), SMTP: starttlsServer("smtp.ziggo.nl", 587),
		Source: ispdb + "ziggo.nl.xml"},
	{Name: "TransIP", Domains: []string{"transip.email"}, MX: []string{"transip.email"},
		IMAP: tlsServer("imap.transip.email", 993), SMTP: tlsServer("smtp.transip.email", 465),
		Source: "TransIP knowledge base, e-mail programme settings (transip.nl); not in ISPDB; MX mx.transip.email"},
	{Name: "Hostnet", MX: []string{"hostnet.nl"},
		IMAP: tlsServer("imap.hostnet.nl", 993), SMTP: starttlsServer("smtp.hostnet.nl", 587),
		Source: "Hostnet support pages, e-mail settings (hostnet.nl); not in ISPDB; MX suffix not yet checked against a live zone"},
	{Name: "Strato", Domains: []string{"strato.de"}, MX: []string{"rzone.de"},
		IMAP: tlsServer("imap.strato.de", 993), SMTP: tlsServer("smtp.strato.de", 465),
		Source: ispdb + "strato.de.xml (rzone.de is Strato's MX)"},
	{Name: "IONOS", Domains: []string{"ionos.de"}, MX: []string{"ionos.de"},
		IMAP: tlsServer("imap.ionos.de", 993), SMTP: tlsServer("smtp.ionos.de", 465),
		Source: "IONOS help, incoming and outgoing mail server (ionos.de); not in ISPDB; MX mx00/mx01.ionos.de"},
	{Name: "IONOS (1&1)", Domains: []string{"online.de", "onlinehome.de", "kundenserver.de", "schlund.de"},
		MX:   []string{"kundenserver.de"},
		IMAP: tlsServer("imap.1und1.de", 993), SMTP: tlsServer("smtp.1und1.de", 465),
		Source: ispdb + "1und1.de.xml"},
	{Name: "T-Online", Domains: []string{"t-online.de", "magenta.de"},
		IMAP: tlsServer("secureimap.t-online.de", 993), SMTP: tlsServer("securesmtp.t-online.de", 465),
		Source: ispdb + "t-online.de.xml"},
	{Name: "GMX", Domains: []string{"gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.eu", "gmx.org", "gmx.info", "gmx.biz"},
		IMAP: tlsServer("imap.gmx.net", 993), SMTP: tlsServer("mail.gmx.net", 465),
		Source: ispdb + "gmx.net.xml"},
	{Name: "WEB.DE", Domains: []string{"web.de"},
		IMAP:   ProviderServer{Host: "imap.web.de", Port: 993, Security: domain.SecurityTLS, Username: "%EMAILLOCALPART%"},
		SMTP:   ProviderServer{Host: "smtp.web.de", Port: 465, Security: domain.SecurityTLS, Username: "%EMAILLOCALPART%"},
		Source: ispdb + "web.de.xml"},
	{Name: "Telenor", Domains: []string{"online.no", "frisurf.no"},
		IMAP: tlsServer("imap.online.no", 993), SMTP: tlsServer("smtp.online.no", 465),
		Source: "Telenor customer service, Online e-post settings (telenor.no); not in ISPDB"},
	{Name: "Domeneshop", Domains: []string{"domeneshop.no"}, MX: []string{"domeneshop.no"},
		IMAP: tlsServer("imap.domeneshop.no", 993), SMTP: starttlsServer("smtp.domeneshop.no", 587),
		Source: "Domeneshop FAQ, e-mail program settings (domeneshop.no); not in ISPDB; MX mx.domeneshop.no"},
	{Name: "one.com", Domains: []string{"one.com"}, MX: []string{"one.com"},
		IMAP: tlsServer("imap.one.com", 993), SMTP: tlsServer("send.one.com", 465),
		Source: ispdb + "one.com.xml; MX suffix not yet checked against a live zone"},
}

// ProviderByName returns the row with that name.
func ProviderByName(name string) (Provider, bool) {
	for _, p := range Providers {
		if p.Name == name {
			return p, true
		}
	}
	return Provider{}, false
}

// providerForDomain finds the row that hosts addresses of domain.
func providerForDomain(domain string) (Provider, bool) {
	for _, p := range Providers {
		for _, d := range p.Domains {
			if d == domain {
				return p, true
			}
		}
	}
	return Provider{}, false
}

// providerForMX finds the row whose MX suffix matches host (a DNS name,
// with or without the final dot).
func providerForMX(host string) (Provider, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, p := range Providers {
		for _, suffix := range p.MX {
			if host == suffix || strings.HasSuffix(host, "."+suffix) {
				return p, true
			}
		}
	}
	return Provider{}, false
}

// settings turns the row into found settings for address.
func (p Provider) settings(address string) *Settings {
	auth := AuthPassword
	if p.OAuth != "" {
		auth = AuthOAuth2
	}
	conv := func(s ProviderServer) *Server {
		return &Server{Host: s.Host, Port: s.Port, Security: s.Security, Username: username(s.Username, address), Auth: auth}
	}
	return &Settings{IMAP: conv(p.IMAP), SMTP: conv(p.SMTP), Provider: p.Name, OAuthProvider: p.OAuth}
}

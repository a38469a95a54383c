package autoconfig

import (
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"

	"postbridge/domain"
)

// maxConfigFile bounds what is read of an autoconfig file; real ones are
// a few kilobytes.
const maxConfigFile = 1 << 20

// ErrNoConfigFile is returned when no autoconfig URL served a file.
var ErrNoConfigFile = errors.New("no autoconfig file")

// clientConfig is Thunderbird's autoconfig format, version 1.1 (the part
// Postbridge uses).
type clientConfig struct {
	Provider struct {
		Incoming []xmlServer `xml:"incomingServer"`
		Outgoing []xmlServer `xml:"outgoingServer"`
	} `xml:"emailProvider"`
}

type xmlServer struct {
	Type           string   `xml:"type,attr"`
	Hostname       string   `xml:"hostname"`
	Port           int      `xml:"port"`
	SocketType     string   `xml:"socketType"`
	Username       string   `xml:"username"`
	Authentication []string `xml:"authentication"`
}

// configURLs are the places a domain publishes its file: first over
// HTTPS (the subdomain, then the well-known path), last over plain HTTP,
// whose answer only counts after the admin confirms it.
func (f *Finder) configURLs(domain string) (secure []string, plain string) {
	https, http := hostPort("autoconfig."+domain, f.HTTPSPort, 443), hostPort("autoconfig."+domain, f.HTTPPort, 80)
	return []string{
		"https://" + https + "/mail/config-v1.1.xml",
		"https://" + hostPort(domain, f.HTTPSPort, 443) + "/.well-known/autoconfig/mail/config-v1.1.xml",
	}, "http://" + http + "/mail/config-v1.1.xml"
}

func hostPort(host string, port, standard int) string {
	if port == 0 || port == standard {
		return host
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}

// fromAutoconfig fetches the domain's autoconfig file.
func (f *Finder) fromAutoconfig(ctx context.Context, address, domain string) Attempt {
	secure, plain := f.configURLs(domain)
	a := Attempt{Source: SourceAutoconfig}
	var errs []error
	for _, u := range append(secure, plain) {
		a.Tried = append(a.Tried, u)
		s, err := f.fetchConfig(ctx, u, address, domain)
		if err == nil {
			s.Insecure = u == plain
			a.Found = s
			return a
		}
		errs = append(errs, err)
	}
	a.Err = fmt.Errorf("%w: %w", ErrNoConfigFile, joinErrs(errs))
	return a
}

func (f *Finder) httpClient() *http.Client {
	return &http.Client{
		Timeout: f.timeout(),
		Transport: &http.Transport{
			DialContext:     f.dialer().DialContext,
			TLSClientConfig: &tls.Config{RootCAs: f.Roots, MinVersion: tls.VersionTLS12},
			Proxy:           http.ProxyFromEnvironment,
		},
		// A redirect could lead anywhere; Thunderbird's file sits at the URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func (f *Finder) fetchConfig(ctx context.Context, url, address, domain string) (*Settings, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	resp, err := f.httpClient().Do(req)
	var uerr *neturl.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // it repeats the URL
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return parseConfig(io.LimitReader(resp.Body, maxConfigFile), address, domain)
}

// parseConfig reads a config-v1.1.xml and picks its first IMAP and SMTP
// servers, encrypted ones before plain ones.
func parseConfig(r io.Reader, address, domain string) (*Settings, error) {
	var c clientConfig
	if err := xml.NewDecoder(r).Decode(&c); err != nil {
		return nil, fmt.Errorf("read autoconfig file: %w", err)
	}
	s := &Settings{IMAP: pickXML(c.Provider.Incoming, "imap", address, domain),
		SMTP: pickXML(c.Provider.Outgoing, "smtp", address, domain)}
	if s.empty() {
		return nil, fmt.Errorf("autoconfig file names no IMAP or SMTP server: %w", ErrNoConfigFile)
	}
	return s, nil
}

func pickXML(list []xmlServer, kind, address, mailDomain string) *Server {
	var plain *Server
	for _, x := range list {
		if !strings.EqualFold(x.Type, kind) || x.Hostname == "" || x.Port <= 0 || x.Port > 65535 {
			continue
		}
		s := &Server{Host: strings.ReplaceAll(x.Hostname, "%EMAILDOMAIN%", mailDomain), Port: x.Port,
			Username: username(x.Username, address), Auth: AuthPassword}
		for _, m := range x.Authentication {
			if strings.EqualFold(m, "OAuth2") {
				s.Auth = AuthOAuth2
			}
		}
		switch strings.ToUpper(x.SocketType) {
		case "SSL", "TLS":
			s.Security = domain.SecurityTLS
		case "STARTTLS":
			s.Security = domain.SecuritySTARTTLS
		default:
			s.Security, s.Unsafe = domain.SecurityNone, true
			if plain == nil {
				plain = s
			}
			continue
		}
		return s
	}
	return plain
}

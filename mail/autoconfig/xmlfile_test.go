package autoconfig

import (
	"errors"
	"strings"
	"testing"

	"postbridge/domain"
)

func TestParseConfig(t *testing.T) {
	wrap := func(servers string) string {
		return `<clientConfig version="1.1"><emailProvider id="x">` + servers + `</emailProvider></clientConfig>`
	}
	tests := []struct {
		name, xml string
		imap      *Server
		err       error
	}{
		{"oauth2 listed", wrap(`<incomingServer type="imap"><hostname>imap.x.test</hostname><port>993</port>
			<socketType>SSL</socketType><username>%EMAILADDRESS%</username>
			<authentication>OAuth2</authentication><authentication>password-cleartext</authentication></incomingServer>`),
			&Server{Host: "imap.x.test", Port: 993, Security: domain.SecurityTLS, Username: "a@x.test", Auth: AuthOAuth2}, nil},
		{"plain after encrypted", wrap(`<incomingServer type="imap"><hostname>plain.x.test</hostname><port>143</port>
			<socketType>plain</socketType></incomingServer><incomingServer type="imap"><hostname>imap.x.test</hostname>
			<port>143</port><socketType>STARTTLS</socketType></incomingServer>`),
			&Server{Host: "imap.x.test", Port: 143, Security: domain.SecuritySTARTTLS, Auth: AuthPassword}, nil},
		{"plain only", wrap(`<incomingServer type="imap"><hostname>plain.x.test</hostname><port>143</port>
			<socketType>plain</socketType></incomingServer>`),
			&Server{Host: "plain.x.test", Port: 143, Security: domain.SecurityNone, Auth: AuthPassword, Unsafe: true}, nil},
		{"pop3 and a bad port only", wrap(`<incomingServer type="pop3"><hostname>pop.x.test</hostname><port>995</port>
			<socketType>SSL</socketType></incomingServer><incomingServer type="imap"><hostname>imap.x.test</hostname>
			<port>70000</port><socketType>SSL</socketType></incomingServer>`), nil, ErrNoConfigFile},
		{"not XML", "<html>", nil, nil},
	}
	for _, tt := range tests {
		got, err := parseConfig(strings.NewReader(tt.xml), "a@x.test", "x.test")
		switch {
		case tt.imap == nil && err == nil:
			t.Errorf("%s: no error", tt.name)
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.err)
		case tt.imap != nil && (err != nil || got.IMAP == nil || *got.IMAP != *tt.imap):
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.imap)
		}
	}
}

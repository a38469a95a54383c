package smtpsend

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"postbridge/storage"
)

// The offer a failure is explained by is what go-mail's client read from
// EHLO, filled as far as the session got.
func TestOfferComesFromTheClient(t *testing.T) {
	tests := []struct {
		name    string
		ehlo    []string
		sec     storage.Security
		auth    bool
		want    offer
		wantErr error
	}{
		{"STARTTLS and AUTH offered, no login asked", []string{"STARTTLS", "AUTH PLAIN LOGIN"}, storage.SecurityNone, false,
			offer{startTLS: true, auth: true, mechs: []string{"PLAIN", "LOGIN"}}, nil},
		{"CRAM-MD5 logs in without encryption", []string{"AUTH CRAM-MD5 PLAIN"}, storage.SecurityNone, true,
			offer{auth: true, mechs: []string{"CRAM-MD5", "PLAIN"}}, nil},
		{"no password in the clear", []string{"AUTH PLAIN LOGIN"}, storage.SecurityNone, true,
			offer{auth: true, mechs: []string{"PLAIN", "LOGIN"}}, errNoMechanism},
		{"no AUTH keyword", []string{"8BITMIME", "ENHANCEDSTATUSCODES"}, storage.SecurityNone, true,
			offer{}, errAUTHMissing},
		{"STARTTLS required, not offered: AUTH is not read", []string{"AUTH PLAIN"}, storage.SecuritySTARTTLS, true,
			offer{}, errSTARTTLSMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := scripted{ehlo: tt.ehlo}.start(t)
			srv.Security, srv.Auth = tt.sec, tt.auth
			c, got, err := dial(context.Background(), srv, newTranscript(srv.Username, srv.Password), nil)
			if c != nil {
				_ = c.Quit()
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("offer %+v, want %+v", got, tt.want)
			}
		})
	}
}

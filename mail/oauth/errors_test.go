package oauth

import (
	"context"
	"errors"
	"net"
	"testing"

	"golang.org/x/oauth2"
)

// A provider that cannot be reached is ErrUnreachable with the network
// error beneath it still reachable (errors.As), for the token endpoint
// and for the revocation endpoint (RFC 7009).
func TestUnreachableKeepsTheNetworkError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now: the connection is refused
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"token endpoint", func() error {
			c := oauth2.Config{ClientID: "c", Endpoint: oauth2.Endpoint{TokenURL: base + "/token"}}
			_, err := c.Exchange(ctx, "code")
			return tokenError(err)
		}},
		{"revocation", func() error {
			return (&Manager{}).revoke(ctx, base+"/revoke", "c", "refresh")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var op *net.OpError
			if !errors.Is(err, ErrUnreachable) || !errors.As(err, &op) {
				t.Errorf("got %v, want ErrUnreachable with the *net.OpError reachable", err)
			}
		})
	}
}

package oauth

import (
	"context"
	"time"

	"postbridge/domain"
)

// DeviceCode is what the person signing in must see: the code to type at
// the address (RFC 8628 §3.3), on any device with a browser.
type DeviceCode struct {
	UserCode        string
	VerificationURI string
	// VerificationURIComplete already carries the code, when the provider
	// gives one (RFC 8628 §3.3.1).
	VerificationURIComplete string
	Expires                 time.Time
}

// SignInWithCode runs the device authorization grant (RFC 8628): show is
// called once with the code, then the provider is polled until the person
// has approved, declined, or the code expired.
func (m *Manager) SignInWithCode(ctx context.Context, key string, o domain.OAuth, loginHint string, show func(DeviceCode)) (Status, error) {
	e, err := resolve(o)
	if err != nil {
		return Status{}, err
	}
	if e.device == "" {
		return Status{}, ErrNoDevice
	}
	conf := e.config(o.ClientID, "")
	hctx := m.httpContext(ctx)
	da, err := conf.DeviceAuth(hctx)
	if err != nil {
		return Status{}, tokenError(err)
	}
	show(DeviceCode{UserCode: da.UserCode, VerificationURI: da.VerificationURI,
		VerificationURIComplete: da.VerificationURIComplete, Expires: da.Expiry})
	tok, err := conf.DeviceAccessToken(hctx, da)
	if err != nil {
		return Status{}, tokenError(err)
	}
	return m.keep(key, o, loginHint, tok)
}

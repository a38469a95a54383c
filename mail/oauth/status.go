package oauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"postbridge/domain"
)

// Status is what a login card shows about its sign-in.
type Status struct {
	SignedIn   bool
	Account    string    // who signed in, as the provider named them
	SignedInAt time.Time // when
	// AccessUntil is when the access token in memory expires; zero when
	// none is in memory (it is renewed on the next connection).
	AccessUntil time.Time
}

// Status reads the sign-in stored under key. Not being signed in is a
// Status, not an error; a keyring that cannot be read is an error.
func (m *Manager) Status(key string) (Status, error) {
	st, err := m.read(key)
	if errors.Is(err, ErrNotSignedIn) {
		return Status{}, nil
	}
	if err != nil {
		return Status{}, err
	}
	s := Status{SignedIn: true, Account: st.Account, SignedInAt: st.SignedIn}
	l := m.login(key)
	l.mu.Lock()
	if l.access != "" && !l.refused {
		s.AccessUntil = l.expiry
	}
	l.mu.Unlock()
	return s, nil
}

// SignOut forgets the sign-in under key: the refresh token is revoked at
// the provider where it offers revocation (RFC 7009), then deleted from
// the keyring with the access token in memory. revoked says whether the
// provider was told; a failed revocation is returned after the local
// sign-out is done, so the admin knows the token may still be valid there.
func (m *Manager) SignOut(ctx context.Context, key string, o domain.OAuth) (revoked bool, err error) {
	st, readErr := m.read(key)
	var revokeErr error
	if readErr == nil {
		if e, rerr := resolve(o); rerr == nil && e.revoke != "" {
			revokeErr = m.revoke(ctx, e.revoke, o.ClientID, st.Refresh)
			revoked = revokeErr == nil
		}
	}
	l := m.login(key)
	l.mu.Lock()
	l.set("", time.Time{}, time.Time{})
	l.mu.Unlock()
	if err := m.keys.Delete(key); err != nil {
		return revoked, err
	}
	return revoked, revokeErr
}

// revoke asks the provider to revoke a refresh token (RFC 7009 §2.1); a
// public client names itself with client_id.
func (m *Manager) revoke(ctx context.Context, endpoint, clientID, token string) error {
	form := url.Values{"token": {token}, "token_type_hint": {"refresh_token"}, "client_id": {clientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := m.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: revocation answered HTTP %s", ErrProvider, resp.Status)
	}
	return nil
}

// accountOf names who signed in, from the OpenID Connect ID token when the
// provider sent one. It is only shown, never trusted for access, so its
// signature is not checked; the mail server checks the access token.
func accountOf(tok *oauth2.Token, fallback string) string {
	raw, _ := tok.Extra("id_token").(string)
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return fallback
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return fallback
	}
	var claims struct {
		Email             string `json:"email"`
		PreferredUsername string `json:"preferred_username"`
		Sub               string `json:"sub"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return fallback
	}
	for _, v := range []string{claims.Email, claims.PreferredUsername, claims.Sub} {
		if v != "" {
			return v
		}
	}
	return fallback
}

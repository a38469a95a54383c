package oauth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"postbridge/domain"
)

// memKeyring is a keyring in memory.
type memKeyring map[string]string

func (m memKeyring) Get(k string) (string, error) {
	v, ok := m[k]
	if !ok {
		return "", domain.ErrNoSecret
	}
	return v, nil
}
func (m memKeyring) Set(k, v string) error { m[k] = v; return nil }
func (m memKeyring) Delete(k string) error { delete(m, k); return nil }

// deviceProvider answers the RFC 8628 device authorization request, says
// "authorization_pending" once, then issues tokens; a refresh rotates the
// refresh token, as Hydra and Microsoft do. The test stack's Hydra (v2.3.0)
// has no device grant, so this small provider stands in for the protocol.
func deviceProvider(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var polls, refreshes atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/device", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"device_code": "dev-1", "user_code": "WDJB-MJHT",
			"verification_uri": "https://example.test/device", "expires_in": 60, "interval": 1})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch r.Form.Get("grant_type") {
		case "urn:ietf:params:oauth:grant-type:device_code":
			if polls.Add(1) == 1 {
				w.WriteHeader(http.StatusBadRequest)
				json.NewEncoder(w).Encode(map[string]string{"error": "authorization_pending"})
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"access_token": "at-1", "refresh_token": "rt-1",
				"token_type": "Bearer", "expires_in": 3600})
		case "refresh_token":
			if r.Form.Get("refresh_token") != "rt-1" {
				w.WriteHeader(http.StatusBadRequest)
				json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
				return
			}
			refreshes.Add(1)
			json.NewEncoder(w).Encode(map[string]any{"access_token": "at-2", "refresh_token": "rt-2",
				"token_type": "Bearer", "expires_in": 3600})
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &refreshes
}

func TestDeviceSignInThenRenewalKeepsRotatedToken(t *testing.T) {
	srv, refreshes := deviceProvider(t)
	keys := memKeyring{}
	m := NewManager(keys)
	o := domain.OAuth{Provider: domain.ProviderCustom, ClientID: "c", AuthURL: srv.URL + "/auth",
		TokenURL: srv.URL + "/token", DeviceURL: srv.URL + "/device"}
	var shown DeviceCode
	st, err := m.SignInWithCode(context.Background(), "user/olga/imap", o, "olga@acme.test", func(c DeviceCode) { shown = c })
	if err != nil {
		t.Fatalf("device sign-in: %v", err)
	}
	if shown.UserCode != "WDJB-MJHT" || shown.VerificationURI != "https://example.test/device" {
		t.Errorf("shown %+v", shown)
	}
	if !st.SignedIn || st.Account != "olga@acme.test" {
		t.Errorf("status %+v", st)
	}
	src := m.Source("user/olga/imap", o)
	if tok, _ := src.AccessToken(context.Background()); tok != "at-1" {
		t.Errorf("first token %q, want the one from the sign-in, reused", tok)
	}
	src.Refused("at-1")
	if tok, err := src.AccessToken(context.Background()); tok != "at-2" || err != nil {
		t.Fatalf("after a refusal: %q, %v; want a renewed token", tok, err)
	}
	if tok, _ := src.AccessToken(context.Background()); tok != "at-2" || refreshes.Load() != 1 {
		t.Errorf("token %q after %d refreshes; want at-2 reused, one refresh", tok, refreshes.Load())
	}
	var kept stored
	json.Unmarshal([]byte(keys["user/olga/imap"]), &kept)
	if kept.Refresh != "rt-2" {
		t.Errorf("keyring holds %q, want the rotated refresh token", kept.Refresh)
	}
	// A later renewal with the rotated token works; the old one would not.
	src.Refused("at-2")
	if _, err := src.AccessToken(context.Background()); !errors.Is(err, ErrSignInAgain) {
		t.Errorf("renewal with rt-2 at a provider that only knows rt-1: %v, want ErrSignInAgain", err)
	}
}

func TestDeviceSignInWhereNoneIsOffered(t *testing.T) {
	m := NewManager(memKeyring{})
	_, err := m.SignInWithCode(context.Background(), "k", domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "c"}, "", func(DeviceCode) {})
	if !errors.Is(err, ErrNoDevice) {
		t.Errorf("google device sign-in: %v, want ErrNoDevice", err)
	}
}

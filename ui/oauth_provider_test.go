package ui

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"postbridge/domain"
	"postbridge/storage"
)

// fakeProvider is a small OAuth2 authorization server for the window's
// tests: it approves every authorization request at once (as a person
// pressing Accept would), checks PKCE at the token endpoint, offers the
// device grant with the code WXYZ-1234 and accepts revocations. The full
// flow against Hydra is mailtest.OAuth's.
type fakeProvider struct {
	*httptest.Server
	account string
	mu      sync.Mutex
	revoked []string
	pkce    map[string]string // code → code_challenge
	// polled is set by the first poll of a code sign-in, which then
	// waits for approve: the person has not typed the code yet.
	polled  atomic.Bool
	approve chan struct{}
}

func newFakeProvider(t *testing.T, account string) *fakeProvider {
	t.Helper()
	p := &fakeProvider{account: account, pkce: map[string]string{}, approve: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", p.authorize)
	mux.HandleFunc("/token", p.token)
	mux.HandleFunc("/device", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"device_code": "dc-1", "user_code": "WXYZ-1234",
			"verification_uri": p.URL + "/verify", "expires_in": 600, "interval": 1})
	})
	mux.HandleFunc("/revoke", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		p.mu.Lock()
		p.revoked = append(p.revoked, r.Form.Get("token"))
		p.mu.Unlock()
	})
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	return p
}

// oauth is the app registration of an office at this provider.
func (p *fakeProvider) oauth() domain.OAuth {
	return domain.OAuth{Provider: domain.ProviderCustom, ClientID: "postbridge-test",
		AuthURL: p.URL + "/authorize", TokenURL: p.URL + "/token", DeviceURL: p.URL + "/device",
		RevokeURL: p.URL + "/revoke", Scopes: "openid offline_access"}
}

func (p *fakeProvider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("client_id") != "postbridge-test" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.pkce["code-1"] = q.Get("code_challenge")
	p.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	back.RawQuery = url.Values{"code": {"code-1"}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (p *fakeProvider) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if r.Form.Get("grant_type") == "urn:ietf:params:oauth:grant-type:device_code" {
		p.polled.Store(true)
		<-p.approve
	}
	if r.Form.Get("grant_type") == "authorization_code" {
		sum := sha256.Sum256([]byte(r.Form.Get("code_verifier")))
		p.mu.Lock()
		want := p.pkce[r.Form.Get("code")]
		p.mu.Unlock()
		if base64.RawURLEncoding.EncodeToString(sum[:]) != want {
			w.WriteHeader(http.StatusBadRequest)
			writeJSON(w, map[string]string{"error": "invalid_grant"})
			return
		}
	}
	claims, _ := json.Marshal(map[string]string{"email": p.account})
	idToken := "e30." + base64.RawURLEncoding.EncodeToString(claims) + ".sig"
	writeJSON(w, map[string]any{"access_token": "access-1", "token_type": "Bearer", "expires_in": 3600,
		"refresh_token": "refresh-1", "id_token": idToken})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// browser plays the system browser: it follows the sign-in page's
// redirects, back to Postbridge's loopback listener.
func browser(u *url.URL) error {
	resp, err := http.Get(u.String())
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// browserApp is a test app whose OpenURL is open.
type browserApp struct {
	fyne.App
	open func(*url.URL) error
}

func (a browserApp) OpenURL(u *url.URL) error { return a.open(u) }

// tokenKeyring is a keyring in memory that the actions can write (the
// refresh token) and the test can read, safe across goroutines.
type tokenKeyring struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *tokenKeyring) Get(key string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if v, ok := k.m[key]; ok {
		return v, nil
	}
	return "", &storage.MissingSecretError{Key: key}
}

func (k *tokenKeyring) Set(key, v string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[key] = v
	return nil
}

func (k *tokenKeyring) Delete(key string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, key)
	return nil
}

func (k *tokenKeyring) has(key string) bool {
	_, err := k.Get(key)
	return err == nil
}

// newBrowserWindow opens a window on b whose browser is open.
func newBrowserWindow(t *testing.T, b Backend, open func(*url.URL) error) *MainWindow {
	t.Helper()
	w := NewMainWindow(browserApp{test.NewTempApp(t), open}, b)
	t.Cleanup(func() { w.Window().Close() })
	return w
}

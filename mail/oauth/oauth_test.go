package oauth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"postbridge/domain"
)

func TestResolveProviders(t *testing.T) {
	ms, err := resolve(domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "c"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ms.auth, "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"; got != want {
		t.Errorf("microsoft auth = %q, want %q", got, want)
	}
	if ms.device == "" || ms.revoke != "" {
		t.Errorf("microsoft: device %q (want one), revoke %q (want none)", ms.device, ms.revoke)
	}
	if !contains(ms.scopes, "offline_access") || !contains(ms.scopes, "https://outlook.office.com/IMAP.AccessAsUser.All") {
		t.Errorf("microsoft scopes %v lack offline_access or IMAP", ms.scopes)
	}
	tenant, _ := resolve(domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "c", Tenant: "acme.onmicrosoft.com"})
	if !strings.Contains(tenant.token, "/acme.onmicrosoft.com/oauth2/v2.0/token") {
		t.Errorf("tenant token URL %q", tenant.token)
	}
	if _, err := resolve(domain.OAuth{Provider: domain.ProviderMicrosoft, ClientID: "c", Tenant: "a/b"}); !errors.Is(err, ErrWrongTenant) {
		t.Errorf("tenant with a slash: %v, want ErrWrongTenant", err)
	}
	g, _ := resolve(domain.OAuth{Provider: domain.ProviderGoogle, ClientID: "c"})
	if g.device != "" || g.revoke == "" || g.authParams["access_type"] != "offline" {
		t.Errorf("google: device %q (want none: the mail scope is not allowed there), revoke %q, params %v", g.device, g.revoke, g.authParams)
	}
	for _, o := range []domain.OAuth{
		{Provider: domain.ProviderGoogle},
		{Provider: domain.ProviderCustom, ClientID: "c", AuthURL: "https://x/auth"},
		{Provider: "yahoo", ClientID: "c"},
	} {
		if _, err := resolve(o); !errors.Is(err, ErrNotConfigured) {
			t.Errorf("%+v: %v, want ErrNotConfigured", o, err)
		}
	}
}

func TestClassifyByCodes(t *testing.T) {
	for _, c := range []struct {
		code, description string
		want              error
	}{
		{"invalid_grant", "", ErrSignInAgain},
		{"invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity.", ErrSignInAgain},
		{"access_denied", "", ErrConsentDenied},
		{"invalid_client", "", ErrClientUnknown},
		{"unauthorized_client", "AADSTS700016: Application with identifier 'x' was not found in the directory", ErrClientUnknown},
		{"invalid_request", "AADSTS90002: Tenant 'acme.test' not found.", ErrWrongTenant},
		{"invalid_request", "AADSTS65001: The user or administrator has not consented", ErrConsentDenied},
		{"server_error", "", ErrProvider},
	} {
		if err := classify(c.code, c.description); !errors.Is(err, c.want) {
			t.Errorf("classify(%q, %q) = %v, want %v", c.code, c.description, err, c.want)
		}
	}
}

// The loopback listener ignores a redirect without the right state
// (RFC 6749 §10.12) and takes the first with it.
func TestRedirectHandlerChecksState(t *testing.T) {
	results := make(chan callback, 1)
	h := redirectHandler("the-state", results)
	for _, target := range []string{"/?code=stolen&state=other", "/favicon.ico", "/?code=c"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s answered %d, want 400", target, rec.Code)
		}
	}
	if len(results) != 0 {
		t.Fatalf("a redirect without the state was taken")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?code=the-code&state=the-state", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("right state answered %d", rec.Code)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/?error=access_denied&state=the-state", nil))
	if cb := <-results; cb.code != "the-code" || cb.errCode != "" {
		t.Errorf("got %+v, want the first redirect's code", cb)
	}
}

func TestRedirectURL(t *testing.T) {
	if got := redirectURL(domain.ProviderMicrosoft, 5000); got != "http://localhost:5000/" {
		t.Errorf("microsoft redirect %q", got)
	}
	if got := redirectURL(domain.ProviderGoogle, 5000); got != "http://127.0.0.1:5000/" {
		t.Errorf("google redirect %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// An access token is renewed two minutes before it expires, or in its
// last quarter when it lives shorter than eight minutes.
func TestAccessTokenFreshness(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		life, at time.Duration
		want     bool
	}{
		{time.Hour, 57 * time.Minute, true},
		{time.Hour, 58*time.Minute + time.Second, false},
		{40 * time.Second, 29 * time.Second, true},
		{40 * time.Second, 31 * time.Second, false},
	} {
		l := &login{}
		l.set("tok", t0, t0.Add(c.life))
		if got := l.fresh(t0.Add(c.at)); got != c.want {
			t.Errorf("lifetime %v, at %v: fresh = %v, want %v", c.life, c.at, got, c.want)
		}
	}
	l := &login{}
	l.set("tok", t0, t0.Add(time.Hour))
	l.refused = true
	if l.fresh(t0) {
		t.Error("a refused token is still handed out")
	}
}

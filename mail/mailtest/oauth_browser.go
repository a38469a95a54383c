package mailtest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"
)

// The test plays the user's browser at the OAuth2 server: login and
// consent are accepted (or refused) through Hydra's admin API.

// Approve plays the user's browser on authURL (the URL a client built,
// e.g. with oauth2.Config.AuthCodeURL): it logs in as subject and grants
// every scope asked for, through the admin API instead of a login page,
// follows Hydra's redirects, and finally GETs the client's redirect URI,
// so the client's own loopback listener receives code and state. It
// returns that redirect URI.
//
// Safe to call from any goroutine (e.g. the "open the browser" callback
// of the code under test): a failure is reported with t.Errorf, never
// t.Fatal, and Approve then returns nil.
func (s *OAuthServer) Approve(t testing.TB, authURL, subject string) *url.URL {
	t.Helper()
	return s.browse(t, authURL, subject, true, true)
}

// Authorize is Approve without the last step: it returns the redirect
// (with code and state) instead of visiting it, for a client that has no
// listener. Failures as in Approve.
func (s *OAuthServer) Authorize(t testing.TB, authURL, subject string) *url.URL {
	t.Helper()
	return s.browse(t, authURL, subject, true, false)
}

// Deny plays a user who logs in and then refuses consent: the client's
// redirect URI receives error=access_denied (and the state). It visits
// that URI like Approve and returns it; failures as in Approve.
func (s *OAuthServer) Deny(t testing.TB, authURL string) *url.URL {
	t.Helper()
	return s.browse(t, authURL, "denier@acme.test", false, true)
}

// browse follows the authorization flow like a browser with a fresh
// cookie jar (so no earlier login session is remembered).
func (s *OAuthServer) browse(t testing.TB, authURL, subject string, grant, visit bool) *url.URL {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{
		Jar:     jar,
		Timeout: 30 * time.Second,
		// Redirects are taken one by one: the login and consent pages do
		// not exist, the test answers them through the admin API.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	issuer, err := url.Parse(s.Issuer)
	if err != nil {
		t.Errorf("OAuth2 issuer URL: %v", err)
		return nil
	}
	next := authURL
	for hop := 0; hop < 20; hop++ {
		u, err := url.Parse(next)
		if err != nil {
			t.Errorf("OAuth2 flow: bad redirect: %v", err)
			return nil
		}
		q := u.Query()
		switch {
		case q.Has("login_challenge"):
			next, err = s.acceptLogin(q.Get("login_challenge"), subject)
		case q.Has("consent_challenge") && grant:
			next, err = s.acceptConsent(q.Get("consent_challenge"))
		case q.Has("consent_challenge"):
			next, err = s.rejectConsent(q.Get("consent_challenge"))
		case u.Host != issuer.Host:
			// Left Hydra: this is the client's redirect URI.
			if visit {
				resp, err := browser.Get(next)
				if err != nil {
					t.Errorf("OAuth2 flow: visit the client's redirect URI %s: %v", u.Host+u.Path, bare(err))
					return nil
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			return u
		default:
			var resp *http.Response
			resp, err = browser.Get(next)
			if err != nil {
				err = fmt.Errorf("GET %s: %v", u.Path, bare(err))
			} else {
				io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
				resp.Body.Close()
				next = resp.Header.Get("Location")
				if next == "" {
					// Hydra's own error page (e.g. an unregistered redirect URI).
					err = fmt.Errorf("%s answered %s without a redirect (error=%q %q)", u.Path,
						resp.Status, q.Get("error"), q.Get("error_description"))
				} else if l, perr := u.Parse(next); perr == nil {
					next = l.String()
				}
			}
		}
		if err != nil {
			t.Errorf("OAuth2 flow: %v", err)
			return nil
		}
	}
	t.Errorf("OAuth2 flow: more than 20 redirects")
	return nil
}

// bare drops the URL from an http.Client error: its query may hold an
// authorization code, which must not reach the test output.
func bare(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

type redirectTo struct {
	RedirectTo string `json:"redirect_to"`
}

func (s *OAuthServer) acceptLogin(challenge, subject string) (string, error) {
	var r redirectTo
	err := s.admin(http.MethodPut, "/admin/oauth2/auth/requests/login/accept?login_challenge="+url.QueryEscape(challenge),
		map[string]any{"subject": subject, "remember": false}, http.StatusOK, &r)
	return r.RedirectTo, err
}

// acceptConsent grants exactly what the client asked for.
func (s *OAuthServer) acceptConsent(challenge string) (string, error) {
	q := "?consent_challenge=" + url.QueryEscape(challenge)
	var req struct {
		RequestedScope    []string `json:"requested_scope"`
		RequestedAudience []string `json:"requested_access_token_audience"`
	}
	if err := s.admin(http.MethodGet, "/admin/oauth2/auth/requests/consent"+q, nil, http.StatusOK, &req); err != nil {
		return "", err
	}
	var r redirectTo
	err := s.admin(http.MethodPut, "/admin/oauth2/auth/requests/consent/accept"+q, map[string]any{
		"grant_scope":                 req.RequestedScope,
		"grant_access_token_audience": req.RequestedAudience,
		"remember":                    false,
	}, http.StatusOK, &r)
	return r.RedirectTo, err
}

func (s *OAuthServer) rejectConsent(challenge string) (string, error) {
	var r redirectTo
	err := s.admin(http.MethodPut, "/admin/oauth2/auth/requests/consent/reject?consent_challenge="+url.QueryEscape(challenge),
		map[string]any{"error": "access_denied", "error_description": "The resource owner denied the request"},
		http.StatusOK, &r)
	return r.RedirectTo, err
}

package oauth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"postbridge/domain"
)

// Browser shows the provider's sign-in page: the window opens the system
// browser, `signin --no-browser` prints the address for the admin to open
// elsewhere. It must not block until the sign-in ends.
type Browser func(authURL string) error

// callback is what the provider's redirect brought to the loopback listener.
type callback struct {
	code, errCode, errDescription string
}

// SignIn runs the authorization code grant with PKCE (RFC 7636, S256) and
// a state value (RFC 6749 §10.12) in the browser, with the redirect on a
// random port of the loopback interface (RFC 8252 §7.3). The refresh token
// is stored in the keyring under key; Status says who signed in.
func (m *Manager) SignIn(ctx context.Context, key string, o domain.OAuth, loginHint string, open Browser) (Status, error) {
	e, err := resolve(o)
	if err != nil {
		return Status{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Status{}, fmt.Errorf("listen for the sign-in redirect: %w", err)
	}
	defer ln.Close()
	redirect := redirectURL(o.Provider, ln.Addr().(*net.TCPAddr).Port)
	state, verifier := randomState(), oauth2.GenerateVerifier()
	conf := e.config(o.ClientID, redirect)
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}
	for k, v := range e.authParams {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	if loginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", loginHint))
	}

	results := make(chan callback, 1)
	srv := &http.Server{Handler: redirectHandler(state, results), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer shutDown(srv)
	if err := open(conf.AuthCodeURL(state, opts...)); err != nil {
		return Status{}, fmt.Errorf("open the browser: %w", err)
	}
	var cb callback
	select {
	case <-ctx.Done():
		return Status{}, ctx.Err()
	case cb = <-results:
	}
	if cb.errCode != "" {
		return Status{}, classify(cb.errCode, cb.errDescription)
	}
	tok, err := conf.Exchange(m.httpContext(ctx), cb.code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Status{}, tokenError(err)
	}
	return m.keep(key, o, loginHint, tok)
}

// redirectURL is where the provider sends the browser back. Microsoft's
// desktop registrations name http://localhost (any port); others take
// the loopback address itself, which RFC 8252 §8.3 prefers.
func redirectURL(p domain.Provider, port int) string {
	host := "127.0.0.1"
	if p == domain.ProviderMicrosoft {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s:%d/", host, port)
}

// redirectHandler takes the first redirect that carries the right state;
// anything else (a wrong state, a favicon request) is answered and ignored,
// so a stray request cannot end or hijack the sign-in.
func redirectHandler(state string, results chan<- callback) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/" || subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1 {
			http.Error(w, "This is not the sign-in Postbridge is waiting for.", http.StatusBadRequest)
			return
		}
		cb := callback{code: q.Get("code"), errCode: q.Get("error"), errDescription: q.Get("error_description")}
		if cb.code == "" && cb.errCode == "" {
			cb.errCode = "invalid_request"
		}
		// The page first: once the result is handed over, a refused
		// sign-in returns at once and the server closes, which would cut
		// the browser off with an empty reply.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		msg := "Signed in. You can close this page and return to Postbridge."
		if cb.errCode != "" {
			msg = "The sign-in did not succeed (" + cb.errCode + "). Postbridge says what to do next."
		}
		fmt.Fprintf(w, "<!doctype html><title>Postbridge</title><p>%s</p>", html.EscapeString(msg))
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		select {
		case results <- cb:
		default:
		}
	})
}

// shutDown ends the redirect server, letting a page being written finish
// (a second at most).
func shutDown(srv *http.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if srv.Shutdown(ctx) != nil {
		srv.Close()
	}
}

func randomState() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(errors.Join(errors.New("no randomness for the OAuth2 state"), err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

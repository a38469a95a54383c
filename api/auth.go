package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"postbridge/storage"
)

// authorized checks the bearer token (RFC 6750) and its scope before the
// route's handler runs: 401 without a known token, 403 outside its scope.
func (s *Server) authorized(rt endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		if !ok {
			unauthorized(w, "invalid_request", "an Authorization: Bearer token is required")
			return
		}
		tok, err := s.store.APITokenFor(token, s.cfg.Now())
		if errors.Is(err, storage.ErrTokenUnknown) {
			unauthorized(w, "invalid_token", "the token is not known (revoked, or mistyped)")
			return
		}
		if err != nil {
			fail(w, err)
			return
		}
		if lw, ok := w.(*logWriter); ok {
			lw.token = tok.Name
		}
		if !tok.HasScope(rt.scope) {
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer error="insufficient_scope", scope=%q`, rt.scope))
			writeProblem(w, http.StatusForbidden, problem{Kind: "insufficient_scope",
				Detail: fmt.Sprintf("the token %q lacks the scope %q", tok.Name, rt.scope)})
			return
		}
		rt.handle(s, w, r, tok)
	})
}

// bearerToken reads "Authorization: Bearer <token>"; the scheme is
// case-insensitive (RFC 9110 §11.1).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}

func unauthorized(w http.ResponseWriter, code, detail string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="postbridge", error=%q`, code))
	writeProblem(w, http.StatusUnauthorized, problem{Kind: "unauthorized", Detail: detail})
}

// logWriter notes the status for the request log.
type logWriter struct {
	http.ResponseWriter
	status int
	token  string
}

func (l *logWriter) WriteHeader(code int) {
	if l.status == 0 {
		l.status = code
	}
	l.ResponseWriter.WriteHeader(code)
}

func (l *logWriter) Write(b []byte) (int, error) {
	if l.status == 0 {
		l.status = http.StatusOK
	}
	return l.ResponseWriter.Write(b)
}

// logged writes one line per request: time, token name (never the
// token), method, path without the query (a search may hold names),
// status and duration.
func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := s.cfg.Now()
		lw := &logWriter{ResponseWriter: w}
		next.ServeHTTP(lw, r)
		if s.cfg.Log == nil {
			return
		}
		who := lw.token
		if who == "" {
			who = "-"
		}
		s.logMu.Lock()
		defer s.logMu.Unlock()
		fmt.Fprintf(s.cfg.Log, "%s %s %s %s %d %s\n", start.Format("2006-01-02 15:04:05"), who, r.Method,
			r.URL.Path, lw.status, time.Since(start).Round(time.Millisecond))
	})
}

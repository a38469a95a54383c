// Package api is Postbridge's door for the business software:
// a versioned JSON API over HTTP (`postbridge serve`), with bearer tokens,
// reading of the imported mail, relations, projects and account health,
// and sending through the same route as the Test button. It goes through
// the application layer (app) like the window and the command
// line; storage types never leave it as they are, only the JSON of
// openapi.json does.
package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"postbridge/app"
	"postbridge/storage"
)

// Defaults of Config.
const (
	DefaultListen   = "127.0.0.1:8025"
	DefaultMaxBody  = 25 << 20 // a send with attachments, base64-encoded
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// Config is how a Server runs.
type Config struct {
	// MaxBody caps a request body in bytes; 0 means DefaultMaxBody.
	MaxBody int64
	// Log receives one line per request (never a token); nil: none.
	Log io.Writer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ReadHeaderTimeout and ReadTimeout bound how long a client may take
	// to send a request's headers, and the whole request; 0: 10 s and
	// 5 min (a 25 MB send over a slow link). A client that stalls is cut
	// off rather than holding a connection.
	ReadHeaderTimeout, ReadTimeout time.Duration
}

// Server answers the API's requests.
type Server struct {
	act   *app.Actions
	store *storage.Store
	cfg   Config
	mux   *http.ServeMux
	logMu sync.Mutex
}

// endpoint is one route: its method and pattern (net/http's), the scope
// a token needs, and the handler. The table is the one list of what the
// server answers; the OpenAPI test holds openapi.json to it.
type endpoint struct {
	method, pattern, scope string
	handle                 func(s *Server, w http.ResponseWriter, r *http.Request, tok storage.APIToken)
}

var endpoints = []endpoint{
	{"GET", "/v1/openapi.json", storage.ScopeRead, (*Server).openAPI},
	{"GET", "/v1/messages", storage.ScopeRead, (*Server).listMessages},
	{"GET", "/v1/messages/{id}", storage.ScopeRead, (*Server).getMessage},
	{"GET", "/v1/messages/{id}/raw", storage.ScopeRead, (*Server).rawMessage},
	{"GET", "/v1/messages/{id}/attachments/{index}", storage.ScopeRead, (*Server).attachment},
	{"GET", "/v1/relations", storage.ScopeRead, (*Server).relations},
	{"GET", "/v1/projects", storage.ScopeRead, (*Server).projects},
	{"GET", "/v1/accounts", storage.ScopeRead, (*Server).accounts},
	{"POST", "/v1/send", storage.ScopeSend, (*Server).send},
}

// New makes a server over act.
func New(act *app.Actions, cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ReadHeaderTimeout <= 0 {
		cfg.ReadHeaderTimeout = 10 * time.Second
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = 5 * time.Minute
	}
	s := &Server{act: act, store: act.Store, cfg: cfg, mux: http.NewServeMux()}
	for _, rt := range endpoints {
		s.mux.Handle(rt.method+" "+rt.pattern, s.authorized(rt))
	}
	s.mux.HandleFunc("/", s.notFound)
	return s
}

// notFound answers what no endpoint matches, as a problem: 405 with
// Allow for a known path and another method, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, e := range endpoints {
		probe := http.NewServeMux()
		probe.HandleFunc(e.pattern, func(http.ResponseWriter, *http.Request) {})
		if _, p := probe.Handler(r); p != "" {
			allow = append(allow, e.method)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeProblem(w, http.StatusMethodNotAllowed, problem{Kind: "method_not_allowed",
			Detail: r.Method + " is not allowed here; " + strings.Join(allow, ", ") + " is"})
		return
	}
	writeProblem(w, http.StatusNotFound, problem{Kind: "not_found", Detail: "no such endpoint (see /v1/openapi.json)"})
}

// Handler is the server's http.Handler, with the request log.
func (s *Server) Handler() http.Handler { return s.logged(s.mux) }

// ErrNotLoopback is returned for a listen address other than the
// loopback without a certificate: tokens and mail must not cross a
// network in clear.
var ErrNotLoopback = errors.New("listening beyond this computer needs a certificate (--cert and --key)")

// CheckListen refuses a non-loopback address unless TLS is configured.
func CheckListen(addr string, tls bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if tls || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("listen address %q: %w", addr, ErrNotLoopback)
}

// Serve answers on ln until ctx ends, then lets running requests finish
// (up to 30 s: a send under way is not cut off by the stop) and returns. certFile and keyFile, when set, serve HTTPS.
func (s *Server) Serve(ctx context.Context, ln net.Listener, certFile, keyFile string) error {
	hs := &http.Server{
		Handler: s.Handler(),
		// A slow or stalled client never holds a connection for long.
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	done := make(chan error, 1)
	go func() {
		if certFile != "" {
			done <- hs.ServeTLS(ln, certFile, keyFile)
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := hs.Shutdown(stop)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

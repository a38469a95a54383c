package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"postbridge/api"
	"postbridge/app"
	"postbridge/explain"
	"postbridge/webhook"
)

var serveUsage = subUsage("serve [--listen 127.0.0.1:8025] [--watch] [--cert FILE --key FILE] [--max-body MB]",
	`Runs the HTTP API for the business software (/v1/..., described at
/v1/openapi.json) until SIGINT or SIGTERM. Every request needs a token
from postbridge token create. It listens on this computer only, unless a
certificate is given. It delivers the webhooks' events (postbridge
webhook). --watch runs the automatic send/receive beside it, as sync
--watch does.`)

func runServe(env *Env, args []string) error {
	fs := newFlagSet("postbridge serve", env.IO, serveUsage)
	listen := fs.String("listen", api.DefaultListen, "address to listen on")
	watch := fs.Bool("watch", false, "also run the automatic send/receive of every account that has it on")
	cert := fs.String("cert", "", "TLS certificate (PEM) to serve HTTPS; needed to listen beyond loopback")
	key := fs.String("key", "", "the certificate's private key (PEM)")
	maxBody := fs.Int64("max-body", api.DefaultMaxBody>>20, "largest request body in MB (a send with attachments)")
	if code, done := parseFlags(fs, args, env.IO); done {
		return exitCode(code)
	}
	if fs.NArg() != 0 || (*cert == "") != (*key == "") || *maxBody < 1 {
		return usagef("usage: postbridge serve [--listen ADDR] [--watch] [--cert FILE --key FILE] [--max-body MB]")
	}
	if err := api.CheckListen(*listen, *cert != ""); err != nil {
		return usagef("%v", err)
	}
	act, err := env.Actions()
	if err != nil {
		return err
	}
	if *watch {
		// As sync --watch: without a keyring no account can sign in; say
		// so at once rather than fail every account every pass.
		if err := secretsUsable(env.Secrets); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out := &lockedWriter{w: env.Stderr}
	var wg sync.WaitGroup
	if *watch {
		wg.Add(1)
		go func() { defer wg.Done(); serveWatch(ctx, act, out) }()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		d := &webhook.Dispatcher{Store: act.Store, Secrets: env.Secrets, Log: out.linef}
		d.Run(ctx)
	}()
	scheme := map[bool]string{false: "http", true: "https"}[*cert != ""]
	out.linef("serving the API on %s://%s/v1/ (stop with Ctrl-C or SIGTERM)", scheme, ln.Addr())
	srv := api.New(act, api.Config{MaxBody: *maxBody << 20, Log: lineLog{out}})
	err = srv.Serve(ctx, ln, *cert, *key)
	stop()
	wg.Wait()
	out.linef("stopped")
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// serveWatch is runWatch's loop beside the API, on the same log.
func serveWatch(ctx context.Context, act *app.Actions, out *lockedWriter) {
	accounts, err := act.AutoAccounts("")
	if err != nil {
		out.linef("watch: %s", oneLine(explain.Error(err)))
		return
	}
	out.linef("watching %d accounts", len(accounts))
	watchAccounts(ctx, act, accounts, out)
}

// lineLog lets the API's request log share the service log's lines.
type lineLog struct{ out *lockedWriter }

func (l lineLog) Write(p []byte) (int, error) {
	l.out.mu.Lock()
	defer l.out.mu.Unlock()
	return l.out.w.Write(p)
}

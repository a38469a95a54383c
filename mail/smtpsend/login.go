package smtpsend

import (
	"context"
	"errors"
	"fmt"

	"github.com/wneessen/go-mail/smtp"

	"postbridge/mail/bearer"
)

// withLogin connects and logs in to s, runs do on the client, says QUIT
// and returns the transcript. With an OAuth2 token source, a token the
// server refuses is reported to the source and the whole exchange is tried
// once more with a renewed token (RFC 4954 §4: a failed AUTH may be
// retried; a new connection keeps the transcript simple).
func withLogin(ctx context.Context, s Server, do func(*smtp.Client) error) (Result, error) {
	var tr *transcript
	for attempt := 1; ; attempt++ {
		tr = newTranscript(s.Username, s.Password)
		var auth *bearerAuth
		if s.Token != nil {
			token, err := s.Token.AccessToken(ctx)
			if err != nil {
				return Result{Transcript: tr.String()}, err
			}
			auth = &bearerAuth{forced: s.Mechanism, tr: tr,
				ex: bearer.Exchange{User: s.Username, Token: token, Host: s.Host, Port: s.Port}}
			tr.hide(token)
		}
		o, err := session(ctx, s, tr, auth, do)
		res := Result{Transcript: tr.String()}
		if err == nil {
			if auth != nil {
				res.Mechanism = auth.ex.Mech
			}
			return res, nil
		}
		if auth == nil || !auth.refused() {
			return res, classify(s, o, err)
		}
		fail := auth.ex.Failure()
		if errors.Is(fail, bearer.ErrInsufficientScope) {
			return res, fmt.Errorf("%s: %w: %w", s.Addr(), fail, err)
		}
		s.Token.Refused(auth.ex.Token)
		if attempt == 2 {
			return res, fmt.Errorf("%s: %w: %w", s.Addr(), fail, err)
		}
	}
}

// session is one connection: dial, do, QUIT (RFC 5321 §4.1.1.10), also
// after do failed, so that the server ends its side cleanly. A failed QUIT
// is joined to do's error as go-mail's DialAndSend does: go-mail's
// SendError does not unwrap to the network error beneath it, the QUIT's
// error shows that the connection timed out (mailerr.ErrTimeout).
func session(ctx context.Context, s Server, tr *transcript, auth *bearerAuth, do func(*smtp.Client) error) (offer, error) {
	var a smtp.Auth
	if auth != nil {
		a = auth
	}
	c, o, err := dial(ctx, s, tr, a)
	if err != nil {
		return o, err
	}
	err = do(c)
	if qerr := c.Quit(); qerr != nil {
		_ = c.Close()
		err = errors.Join(err, fmt.Errorf("quit: %w", qerr))
	}
	return o, err
}

// bearerAuth is go-mail's SMTP AUTH interface over a bearer.Exchange
// (RFC 4954 with OAUTHBEARER, RFC 7628, or XOAUTH2).
type bearerAuth struct {
	forced    string
	ex        bearer.Exchange
	tr        *transcript
	started   bool
	succeeded bool
}

var errNoBearerMech = errors.New("the server offers neither OAUTHBEARER nor XOAUTH2")

func (a *bearerAuth) Start(info *smtp.ServerInfo) (string, []byte, error) {
	offered := func(m string) bool {
		for _, o := range info.Auth {
			if o == m {
				return true
			}
		}
		return false
	}
	mech, ok := bearer.Choose(offered, a.forced)
	if !ok {
		return "", nil, fmt.Errorf("%w (it offers %v)", errNoBearerMech, info.Auth)
	}
	a.ex.Mech, a.started = mech, true
	a.tr.authStarts(mech)
	return mech, a.ex.Initial(), nil
}

func (a *bearerAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		a.succeeded = true
		return nil, nil
	}
	return a.ex.Reply(fromServer), nil
}

// refused reports whether the server turned the token down.
func (a *bearerAuth) refused() bool { return a.started && !a.succeeded }

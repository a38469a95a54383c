package imapsync

import (
	"context"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"postbridge/mail/bearer"
	"postbridge/mail/mailerr"
)

// loginBearer logs in with the login's OAuth2 access token (AUTHENTICATE,
// RFC 9051 §6.2.2, with OAUTHBEARER RFC 7628 or XOAUTH2). A token the
// server refuses is reported to the token source and tried once more with
// a renewed one: a token can expire or be revoked between being handed
// out and being used. A second refusal is final.
func (c *Conn) loginBearer(ctx context.Context) error {
	addr := c.srv.Addr()
	caps := c.c.Caps()
	mech, ok := bearer.Choose(func(m string) bool { return caps.Has(imap.Cap("AUTH=" + m)) }, c.srv.Mechanism)
	if !ok {
		return fmt.Errorf("%s: %w: the server offers neither OAUTHBEARER nor XOAUTH2", addr, mailerr.ErrAuthNotOffered)
	}
	for attempt := 1; ; attempt++ {
		token, err := c.srv.Token.AccessToken(ctx)
		if err != nil {
			return err
		}
		ex := &bearer.Exchange{Mech: mech, User: c.srv.Username, Token: token, Host: c.srv.Host, Port: c.srv.Port}
		err = c.c.Authenticate(saslClient{ex})
		if err == nil {
			c.mech = mech
			return nil
		}
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) {
			return c.classify(err)
		}
		fail := ex.Failure()
		if errors.Is(fail, bearer.ErrInsufficientScope) {
			return fmt.Errorf("%s: %w: %s", addr, fail, imapErr.Text)
		}
		c.srv.Token.Refused(token)
		if attempt == 2 {
			return fmt.Errorf("%s: %w: %s", addr, fail, imapErr.Text)
		}
	}
}

// saslClient is go-sasl's client interface over a bearer.Exchange.
type saslClient struct{ ex *bearer.Exchange }

func (s saslClient) Start() (string, []byte, error) { return s.ex.Mech, s.ex.Initial(), nil }

func (s saslClient) Next(challenge []byte) ([]byte, error) { return s.ex.Reply(challenge), nil }

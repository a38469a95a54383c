package bearer

import (
	"errors"
	"testing"
)

func TestInitialMessages(t *testing.T) {
	x := &Exchange{Mech: XOAUTH2, User: "alice@acme.test", Token: "T"}
	if got, want := string(x.Initial()), "user=alice@acme.test\x01auth=Bearer T\x01\x01"; got != want {
		t.Errorf("XOAUTH2 = %q, want %q", got, want)
	}
	o := &Exchange{Mech: OAUTHBEARER, User: "a,b=c@acme.test", Token: "T", Host: "imap.acme.test", Port: 993}
	want := "n,a=a=2Cb=3Dc@acme.test,\x01host=imap.acme.test\x01port=993\x01auth=Bearer T\x01\x01"
	if got := string(o.Initial()); got != want {
		t.Errorf("OAUTHBEARER = %q, want %q", got, want)
	}
}

func TestChoose(t *testing.T) {
	offers := func(list ...string) func(string) bool {
		return func(m string) bool {
			for _, l := range list {
				if l == m {
					return true
				}
			}
			return false
		}
	}
	for _, c := range []struct {
		offered []string
		forced  string
		want    string
		ok      bool
	}{
		{[]string{XOAUTH2, OAUTHBEARER}, "", OAUTHBEARER, true},
		{[]string{"PLAIN", XOAUTH2}, "", XOAUTH2, true},
		{[]string{XOAUTH2, OAUTHBEARER}, XOAUTH2, XOAUTH2, true},
		{[]string{"PLAIN"}, "", "", false},
		{[]string{XOAUTH2}, OAUTHBEARER, OAUTHBEARER, false},
	} {
		got, ok := Choose(offers(c.offered...), c.forced)
		if got != c.want || ok != c.ok {
			t.Errorf("Choose(%v, %q) = %q, %v; want %q, %v", c.offered, c.forced, got, ok, c.want, c.ok)
		}
	}
}

func TestFailureFromErrorChallenge(t *testing.T) {
	for _, c := range []struct {
		challenge string
		want      error
	}{
		{`{"status":"invalid_token","schemes":"bearer","scope":"mail"}`, ErrTokenRefused},
		{`{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}`, ErrTokenRefused},
		{`{"status":"insufficient_scope","schemes":"bearer"}`, ErrInsufficientScope},
		{`not json`, ErrTokenRefused},
	} {
		e := &Exchange{Mech: OAUTHBEARER}
		if r := e.Reply([]byte(c.challenge)); string(r) != "\x01" {
			t.Errorf("reply %q, want ^A", r)
		}
		if err := e.Failure(); !errors.Is(err, c.want) {
			t.Errorf("%s: Failure() = %v, want %v", c.challenge, err, c.want)
		}
	}
}

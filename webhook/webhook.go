// Package webhook delivers Postbridge's events to the business software:
// it takes due events from the outbox in the database
// (storage.WebhookEvent), POSTs each as JSON signed with HMAC-SHA256 of
// the body, and retries with backoff until the receiver answers 2xx.
// Delivery is at least once: a receiver drops repeats by the event ID.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"postbridge/storage"
)

// Headers of a delivery.
const (
	HeaderSignature = "Postbridge-Signature" // "sha256=" + hex HMAC-SHA256(secret, body)
	HeaderEvent     = "Postbridge-Event"     // the event type
	HeaderEventID   = "Postbridge-Event-Id"
)

// Secrets is the keyring as the dispatcher reads it.
type Secrets interface {
	Get(key string) (string, error)
}

// Dispatcher delivers the outbox; Run it on its own goroutine.
type Dispatcher struct {
	Store   *storage.Store
	Secrets Secrets
	// Client sends the requests; nil: one with a 15 s timeout that
	// follows no redirects (a 3xx is not an acknowledgement).
	Client *http.Client
	// Poll is how often the outbox is looked at; 0: 2 s.
	Poll time.Duration
	// Backoff is the wait after the n-th failed attempt (n from 1); nil:
	// 10 s doubling up to an hour.
	Backoff func(n int) time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log hears of failed deliveries; nil: nothing is said.
	Log func(format string, args ...any)
}

// Sign is the signature of body with secret, as HeaderSignature carries it.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature is body's with secret (for receivers,
// and the tests); it compares in constant time.
func Verify(secret string, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(signature))
}

func (d *Dispatcher) defaults() {
	if d.Client == nil {
		d.Client = &http.Client{Timeout: 15 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if d.Poll <= 0 {
		d.Poll = 2 * time.Second
	}
	if d.Backoff == nil {
		d.Backoff = func(n int) time.Duration { return min(10*time.Second<<min(n-1, 10), time.Hour) }
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = func(string, ...any) {}
	}
}

// Run delivers until ctx ends. An event being delivered when it ends is
// left for the next run (it was not acknowledged).
func (d *Dispatcher) Run(ctx context.Context) {
	d.defaults()
	for {
		d.deliverDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(d.Poll):
		}
	}
}

// deliverDue delivers what is due, a batch at a time.
func (d *Dispatcher) deliverDue(ctx context.Context) {
	for ctx.Err() == nil {
		due, err := d.Store.DueWebhookEvents(d.Now(), 50)
		if err != nil {
			d.Log("webhooks: %v", err)
			return
		}
		if len(due) == 0 {
			return
		}
		for i := range due {
			d.deliverOne(ctx, &due[i])
		}
		d.Store.PruneWebhookEvents(d.Now().Add(-7 * 24 * time.Hour))
	}
}

func (d *Dispatcher) deliverOne(ctx context.Context, ev *storage.WebhookEvent) {
	// Claimed for longer than one attempt can take: another Postbridge
	// on the database leaves it alone meanwhile.
	ok, err := d.Store.ClaimWebhookEvent(ev, d.Now().Add(2*d.Client.Timeout+time.Minute))
	if err != nil || !ok {
		return
	}
	status, err := d.post(ctx, ev)
	a := storage.WebhookAttempt{At: d.Now(), Status: status, Next: d.Now()}
	if err != nil {
		a.Error, a.Next = err.Error(), d.Now().Add(d.Backoff(ev.Attempts+1))
		d.Log("webhook: %s %s: %v (attempt %d, next at %s)", ev.Type, ev.EventID, err, ev.Attempts+1, a.Next.Format(time.TimeOnly))
	}
	if ctx.Err() != nil && err != nil {
		a.Next = d.Now() // cut off by the stop, not refused: due again at once
	}
	if err := d.Store.RecordWebhookAttempt(*ev, a); err != nil {
		d.Log("webhooks: %v", err)
	}
}

// ErrNotAcknowledged is a receiver's answer other than 2xx.
var ErrNotAcknowledged = errors.New("the receiver did not acknowledge")

// post sends one event and returns the receiver's status.
func (d *Dispatcher) post(ctx context.Context, ev *storage.WebhookEvent) (int, error) {
	w, err := d.Store.WebhookByID(ev.WebhookID)
	if err != nil {
		return 0, err
	}
	secret, err := d.Secrets.Get(w.SecretKey)
	if err != nil {
		return 0, fmt.Errorf("webhook %s: signing secret %s: %w", w.Name, w.SecretKey, err)
	}
	body := []byte(ev.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Postbridge-Webhook")
	req.Header.Set(HeaderSignature, Sign(secret, body))
	req.Header.Set(HeaderEvent, ev.Type)
	req.Header.Set(HeaderEventID, ev.EventID)
	resp, err := d.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return resp.StatusCode, fmt.Errorf("%w: HTTP %d", ErrNotAcknowledged, resp.StatusCode)
	}
	return resp.StatusCode, nil
}

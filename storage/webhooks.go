package storage

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Webhook is a URL of the business software that hears of Postbridge's
// events: new mail, mail sent through the API, an account that
// starts or stops failing. Its signing secret is in the keyring under
// SecretKey, never in the database.
type Webhook struct {
	ID   uint   `gorm:"primaryKey"`
	Name string `gorm:"uniqueIndex;not null"`
	URL  string `gorm:"not null"`
	// Events is a comma-separated subset of WebhookEvents; empty: all.
	Events    string
	SecretKey string
	Active    bool
	CreatedAt time.Time
	// The last delivery attempt and its result, for the webhooks screen.
	LastDeliveryAt *time.Time
	LastStatus     int
	LastError      string
}

// WebhookEvent is one event waiting for (or given to) one webhook: the
// durable outbox. It is written in the same transaction as what it tells
// of (the imported rows), so an event is never lost, and deleted only
// when the receiver acknowledged it with a 2xx answer.
type WebhookEvent struct {
	ID          uint   `gorm:"primaryKey"`
	WebhookID   uint   `gorm:"index;not null"`
	EventID     string `gorm:"uniqueIndex;not null"` // the receiver drops repeats by it
	Type        string `gorm:"not null"`
	Payload     string `gorm:"not null"` // the JSON body, as signed and sent
	CreatedAt   time.Time
	Attempts    int
	NextAttempt time.Time `gorm:"index"`
	DeliveredAt *time.Time
	LastError   string
}

// The event types.
const (
	EventMessageNew       = "message.new"
	EventMessageSent      = "message.sent"
	EventAccountFailing   = "account.failing"
	EventAccountRecovered = "account.recovered"
)

// WebhookEvents lists every event type.
var WebhookEvents = []string{EventMessageNew, EventMessageSent, EventAccountFailing, EventAccountRecovered}

// Errors of the webhook settings.
var (
	ErrWebhookURL     = errors.New("a webhook URL is an absolute http or https URL")
	ErrWebhookEvent   = errors.New("unknown event (known: message.new, message.sent, account.failing, account.recovered)")
	ErrWebhookUnknown = errors.New("no such webhook")
)

func (w Webhook) wants(event string) bool {
	return w.Active && (w.Events == "" || slices.Contains(strings.Split(w.Events, ","), event))
}

// SaveWebhook adds or (by name) changes a webhook.
func (s *Store) SaveWebhook(w *Webhook) error {
	if !webhookURLOK(w.URL) {
		return fmt.Errorf("webhook %q: %w", w.URL, ErrWebhookURL)
	}
	for _, e := range strings.Split(w.Events, ",") {
		if e != "" && !slices.Contains(WebhookEvents, e) {
			return fmt.Errorf("%q: %w", e, ErrWebhookEvent)
		}
	}
	if !validTokenName(w.Name) {
		return fmt.Errorf("webhook %q: %w", w.Name, ErrTokenName)
	}
	var old Webhook
	s.db.Where("name = ?", w.Name).Limit(1).Find(&old)
	w.ID = old.ID
	if w.CreatedAt.IsZero() {
		w.CreatedAt = time.Now().UTC()
	}
	if err := s.db.Save(w).Error; err != nil {
		return fmt.Errorf("save webhook %q: %w", w.Name, err)
	}
	return nil
}

// Webhooks lists the webhooks by name.
func (s *Store) Webhooks() ([]Webhook, error) {
	var list []Webhook
	if err := s.db.Order("name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	return list, nil
}

// DeleteWebhook removes a webhook and the events still waiting for it.
func (s *Store) DeleteWebhook(name string) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var w Webhook
		if err := tx.Where("name = ?", name).First(&w).Error; err != nil {
			return notFoundAs(err, fmt.Errorf("webhook %q: %w", name, ErrWebhookUnknown))
		}
		if err := tx.Where("webhook_id = ?", w.ID).Delete(&WebhookEvent{}).Error; err != nil {
			return err
		}
		return tx.Delete(&w).Error
	})
}

func notFoundAs(err, instead error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return instead
	}
	return err
}

// newEventID is a random, unique event ID.
func newEventID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "evt_" + hex.EncodeToString(b)
}

// eventBody is the JSON every webhook receives.
type eventBody struct {
	ID      string    `json:"id"`
	Type    string    `json:"type"`
	Created time.Time `json:"created"`
	Data    any       `json:"data"`
}

// activeHooks are the webhooks that receive events.
func activeHooks(tx *gorm.DB) ([]Webhook, error) {
	var hooks []Webhook
	if err := tx.Where("active = ?", true).Find(&hooks).Error; err != nil {
		return nil, fmt.Errorf("webhooks: %w", err)
	}
	return hooks, nil
}

// enqueue writes event for every active webhook that wants it, in tx.
func enqueue(tx *gorm.DB, event string, now time.Time, data func() any) error {
	hooks, err := activeHooks(tx)
	if err != nil {
		return err
	}
	return enqueueFor(tx, hooks, event, now, data)
}

func enqueueFor(tx *gorm.DB, hooks []Webhook, event string, now time.Time, data func() any) error {
	for _, h := range hooks {
		if !h.wants(event) {
			continue
		}
		id := newEventID()
		body, err := json.Marshal(eventBody{ID: id, Type: event, Created: now.UTC(), Data: data()})
		if err != nil {
			return err
		}
		ev := WebhookEvent{WebhookID: h.ID, EventID: id, Type: event, Payload: string(body), CreatedAt: now.UTC(),
			NextAttempt: now.UTC().Truncate(time.Second)}
		if err := tx.Create(&ev).Error; err != nil {
			return fmt.Errorf("webhook outbox: %w", err)
		}
	}
	return nil
}

// messageEventData is the message in a message.new or message.sent event.
type messageEventData struct {
	ID        uint       `json:"id"`
	AccountID uint       `json:"account_id"`
	Folder    string     `json:"folder"`
	Direction Direction  `json:"direction"`
	MessageID string     `json:"message_id"`
	From      string     `json:"from"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Date      *time.Time `json:"date"`
}

func messageData(m *Message) any {
	d := messageEventData{ID: m.ID, AccountID: m.AccountID, Folder: m.Folder, Direction: m.Direction,
		MessageID: m.MessageID, From: m.From, To: m.To, Subject: m.Subject}
	if !m.Date.IsZero() {
		t := m.Date.UTC()
		d.Date = &t
	}
	return map[string]any{"message": d}
}

// enqueueNewMessages is ImportBatch's part: message.new for each row it
// stored, in its transaction.
func enqueueNewMessages(tx *gorm.DB, rows []Message, now time.Time) error {
	hooks, err := activeHooks(tx) // once per batch: an import without webhooks costs one query
	if err != nil || len(hooks) == 0 {
		return err
	}
	for i := range rows {
		if err := enqueueFor(tx, hooks, EventMessageNew, now, func() any { return messageData(&rows[i]) }); err != nil {
			return err
		}
	}
	return nil
}

// RecordMessageSent queues message.sent for a mail sent through the API.
func (s *Store) RecordMessageSent(id uint, messageID string, now time.Time) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		m := Message{ID: id, MessageID: messageID}
		if id != 0 {
			if err := tx.Omit("raw").First(&m, id).Error; err != nil {
				return err
			}
		}
		return enqueue(tx, EventMessageSent, now, func() any { return messageData(&m) })
	})
}

// enqueueAccountChange queues account.failing or account.recovered in
// tx, the transaction that writes the account's new health, when a
// sync's outcome changed the account's state.
func enqueueAccountChange(tx *gorm.DB, account uint, wasFailing bool, h AccountHealth, now time.Time) error {
	failing := h.LastError != ""
	if failing == wasFailing {
		return nil
	}
	event := map[bool]string{true: EventAccountFailing, false: EventAccountRecovered}[failing]
	data := map[string]any{"account_id": account, "error": h.LastError, "error_kind": h.ErrorKind, "temporary": h.Temporary}
	return enqueue(tx, event, now, func() any { return data })
}

// DueWebhookEvents lists up to limit undelivered events whose time has
// come, oldest first.
func (s *Store) DueWebhookEvents(now time.Time, limit int) ([]WebhookEvent, error) {
	var list []WebhookEvent
	err := s.db.Where("delivered_at IS NULL AND next_attempt <= ?", now.UTC()).Order("id").Limit(limit).Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("webhook outbox: %w", err)
	}
	return list, nil
}

// ClaimWebhookEvent takes ev for one delivery attempt until until: a
// second Postbridge on the same database (another `serve`) skips it
// meanwhile. False when someone else took it first.
func (s *Store) ClaimWebhookEvent(ev *WebhookEvent, until time.Time) (bool, error) {
	until = until.UTC().Truncate(time.Second)
	res := s.db.Model(&WebhookEvent{}).Where("id = ? AND next_attempt = ? AND delivered_at IS NULL", ev.ID, ev.NextAttempt).
		Update("next_attempt", until)
	if res.Error != nil {
		return false, fmt.Errorf("webhook outbox: %w", res.Error)
	}
	ev.NextAttempt = until
	return res.RowsAffected == 1, nil
}

// WebhookAttempt is the outcome of one delivery of an event.
type WebhookAttempt struct {
	At     time.Time
	Status int    // the receiver's HTTP status; 0 when none came
	Error  string // "" when the receiver acknowledged (2xx)
	Next   time.Time
}

// RecordWebhookAttempt notes an attempt on the event and its webhook: a
// delivered event is marked so, a failed one waits until a.Next.
func (s *Store) RecordWebhookAttempt(ev WebhookEvent, a WebhookAttempt) error {
	at := a.At.UTC()
	return s.db.Transaction(func(tx *gorm.DB) error {
		changes := map[string]any{"attempts": gorm.Expr("attempts + 1"), "last_error": a.Error,
			"next_attempt": a.Next.UTC().Truncate(time.Second)}
		if a.Error == "" {
			changes["delivered_at"] = at
		}
		if err := tx.Model(&WebhookEvent{}).Where("id = ?", ev.ID).Updates(changes).Error; err != nil {
			return err
		}
		return tx.Model(&Webhook{}).Where("id = ?", ev.WebhookID).
			Updates(map[string]any{"last_delivery_at": at, "last_status": a.Status, "last_error": a.Error}).Error
	})
}

// PruneWebhookEvents forgets events delivered before before.
func (s *Store) PruneWebhookEvents(before time.Time) error {
	return s.db.Where("delivered_at IS NOT NULL AND delivered_at < ?", before.UTC()).Delete(&WebhookEvent{}).Error
}

// WebhookByID is one webhook, for the dispatcher to find its URL and secret.
func (s *Store) WebhookByID(id uint) (Webhook, error) {
	var w Webhook
	if err := s.db.First(&w, id).Error; err != nil {
		return w, notFound(err, fmt.Sprintf("webhook %d", id))
	}
	return w, nil
}

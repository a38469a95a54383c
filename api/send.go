package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"postbridge/app"
	"postbridge/mail/route"
	"postbridge/mail/smtpsend"
	"postbridge/storage"
)

// sendRequest is the body of POST /v1/send.
type sendRequest struct {
	User        string           `json:"user"`
	AccountID   uint             `json:"account_id,omitempty"`
	To          []string         `json:"to"`
	Cc          []string         `json:"cc,omitempty"`
	Bcc         []string         `json:"bcc,omitempty"`
	Subject     string           `json:"subject"`
	Text        string           `json:"text,omitempty"`
	HTML        string           `json:"html,omitempty"`
	Attachments []attachmentBody `json:"attachments,omitempty"`
	RelationID  uint             `json:"relation_id,omitempty"`
	ProjectID   uint             `json:"project_id,omitempty"`
}

type attachmentBody struct {
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type,omitempty"`
	Data        string `json:"data"` // base64 (RFC 4648 §4)
}

// routeJSON is the route a mail went (or was to go) out through, with
// the same reason the Test button shows.
type routeJSON struct {
	Via        string   `json:"via"`
	Server     string   `json:"server,omitempty"`
	Host       string   `json:"host"`
	Port       int      `json:"port,omitempty"`
	Reason     string   `json:"reason"`
	ReasonKey  string   `json:"reason_key"`
	ReasonArgs []string `json:"reason_args"`
}

func toRouteJSON(r route.Route) *routeJSON {
	if r.Via == "" {
		return nil
	}
	return &routeJSON{Via: string(r.Via), Server: r.Name, Host: r.Endpoint.Host, Port: r.Endpoint.Port,
		Reason: r.Reason.English(), ReasonKey: r.Reason.Key, ReasonArgs: append([]string{}, r.Reason.Args...)}
}

// sendResponse is the answer to a send that went out.
type sendResponse struct {
	ID            *uint      `json:"id"`
	MessageID     string     `json:"message_id"`
	From          string     `json:"from"`
	Route         *routeJSON `json:"route"`
	SentCopyError *problem   `json:"sent_copy_error,omitempty"`
	ImportError   *problem   `json:"import_error,omitempty"`
}

// maxIdempotencyKey bounds the header (an IETF draft's keys are UUIDs).
const maxIdempotencyKey = 255

// send is POST /v1/send.
func (s *Server) send(w http.ResponseWriter, r *http.Request, tok storage.APIToken) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeProblem(w, http.StatusRequestEntityTooLarge, problem{Kind: "too_large",
			Detail: fmt.Sprintf("the request is larger than %d bytes", s.cfg.MaxBody)})
		return
	}
	if err != nil {
		badRequest(w, "bad_request", "read the request: "+err.Error())
		return
	}
	mail, err := decodeSend(body)
	if err != nil {
		badRequest(w, "bad_request", err.Error())
		return
	}
	if err := s.act.CheckLinks(mail.RelationID, mail.ProjectID); err != nil {
		writeProblem(w, http.StatusUnprocessableEntity, problem{Kind: "unknown_link", Detail: err.Error()})
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		badRequest(w, "bad_request", fmt.Sprintf("Idempotency-Key: at most %d characters", maxIdempotencyKey))
		return
	}
	if key == "" {
		status, resp := s.sendNow(r.Context(), mail)
		writeJSON(w, status, resp)
		return
	}
	s.sendOnce(w, r.Context(), tok, key, body, mail)
}

// sendOnce sends under an Idempotency-Key: the first request sends, a
// repeat gets the first answer, and a repeat during the first is told
// to wait (409).
func (s *Server) sendOnce(w http.ResponseWriter, ctx context.Context, tok storage.APIToken, key string, body []byte, mail app.OutgoingMail) {
	sum := sha256.Sum256(body)
	rec, replay, err := s.store.BeginSend(tok.Name, key, hex.EncodeToString(sum[:]), s.cfg.Now())
	switch {
	case errors.Is(err, storage.ErrKeyReused):
		writeProblem(w, http.StatusUnprocessableEntity, problem{Kind: "idempotency_key_reused", Detail: err.Error()})
		return
	case errors.Is(err, storage.ErrSendInProgress):
		writeProblem(w, http.StatusConflict, problem{Kind: "idempotency_in_progress", Detail: err.Error()})
		return
	case err != nil:
		fail(w, err)
		return
	case replay:
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Status)
		io.WriteString(w, rec.Response)
		return
	}
	status, resp := s.sendNow(ctx, mail)
	if status != http.StatusOK {
		s.store.ForgetSend(rec.ID) // not sent: a retry may try again
		writeJSON(w, status, resp)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.Encode(resp)
	if err := s.store.FinishSend(rec.ID, status, buf.String()); err != nil {
		// Sent, but a retry would send again: say so rather than hide it.
		resp.(*sendResponse).ImportError = &problem{Kind: "idempotency_not_recorded", Detail: err.Error()}
	}
	writeJSON(w, status, resp)
}

// sendNow sends and returns the status and body of the answer. A client
// that hangs up does not cut a send off halfway.
func (s *Server) sendNow(ctx context.Context, mail app.OutgoingMail) (int, any) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Minute)
	defer cancel()
	sent, err := s.act.SendMail(ctx, mail)
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, app.ErrNoRecipients) || isRouteError(err) {
			status = http.StatusUnprocessableEntity
		}
		p := problemOf(status, err)
		p.Route = toRouteJSON(sent.Route)
		return status, p
	}
	resp := &sendResponse{MessageID: sent.MessageID, From: sent.From, Route: toRouteJSON(sent.Route)}
	if sent.ID != 0 {
		resp.ID = &sent.ID
	}
	if sent.SentCopyError != nil {
		p := problemOf(0, sent.SentCopyError)
		resp.SentCopyError = &p
	}
	if sent.ImportError != nil {
		p := problemOf(0, sent.ImportError)
		resp.ImportError = &p
	}
	return http.StatusOK, resp
}

func isRouteError(err error) bool {
	var re *route.Error
	return errors.As(err, &re) || errors.Is(err, storage.ErrNotFound)
}

// decodeSend reads and checks a send request.
func decodeSend(body []byte) (app.OutgoingMail, error) {
	var req sendRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return app.OutgoingMail{}, fmt.Errorf("the body is not a send request: %w", err)
	}
	if req.User == "" {
		return app.OutgoingMail{}, errors.New("user: required")
	}
	if len(req.To)+len(req.Cc)+len(req.Bcc) == 0 {
		return app.OutgoingMail{}, errors.New("to, cc, bcc: at least one recipient")
	}
	m := app.OutgoingMail{From: app.Sender{User: req.User, AccountID: req.AccountID},
		To: req.To, Cc: req.Cc, Bcc: req.Bcc, Subject: req.Subject, Text: req.Text, HTML: req.HTML,
		RelationID: req.RelationID, ProjectID: req.ProjectID}
	for i, a := range req.Attachments {
		data, err := base64.StdEncoding.DecodeString(a.Data)
		if err != nil || a.FileName == "" {
			return m, fmt.Errorf("attachments[%d]: a file_name and base64 data are required", i)
		}
		m.Attachments = append(m.Attachments, smtpsend.Attachment{Name: a.FileName, ContentType: a.ContentType, Data: data})
	}
	return m, nil
}

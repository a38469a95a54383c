package api

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"postbridge/explain"
	"postbridge/mail/message"
	"postbridge/storage"
)

// messageJSON is a message in a list; messageDetailJSON adds its text.
type messageJSON struct {
	ID          uint           `json:"id"`
	AccountID   uint           `json:"account_id"`
	Folder      string         `json:"folder"`
	Direction   string         `json:"direction"`
	State       string         `json:"state"`
	Attention   string         `json:"attention,omitempty"`
	MessageID   string         `json:"message_id"`
	From        string         `json:"from"`
	To          string         `json:"to"`
	Cc          string         `json:"cc,omitempty"`
	Subject     string         `json:"subject"`
	Date        *time.Time     `json:"date"`
	ImportedAt  time.Time      `json:"imported_at"`
	Size        int64          `json:"size"`
	Relations   []relationRef  `json:"relations"`
	Project     *projectJSON   `json:"project"`
	Attachments []attachmentJS `json:"attachments"`
}

type messageDetailJSON struct {
	messageJSON
	Text    string              `json:"text"`
	HTML    string              `json:"html,omitempty"`
	Headers map[string][]string `json:"headers"`
}

type relationRef struct {
	ID   uint   `json:"id"`
	Name string `json:"name"`
}

// attachmentJS is an attachment's description; its bytes are at
// /v1/messages/{id}/attachments/{index}.
type attachmentJS struct {
	Index       int    `json:"index"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

func toMessageJSON(m *storage.Message) messageJSON {
	j := messageJSON{ID: m.ID, AccountID: m.AccountID, Folder: m.Folder, Direction: string(m.Direction),
		State: string(m.State), Attention: explain.Problems(m.Attention), MessageID: m.MessageID, From: m.From, To: m.To, Cc: m.Cc,
		Subject: m.Subject, ImportedAt: m.ImportedAt.UTC(), Size: m.RawSize,
		Relations: []relationRef{}, Attachments: []attachmentJS{}}
	if !m.Date.IsZero() {
		d := m.Date.UTC()
		j.Date = &d
	}
	for _, r := range m.Relations {
		j.Relations = append(j.Relations, relationRef{ID: r.ID, Name: r.Name})
	}
	if m.Project != nil {
		j.Project = &projectJSON{ID: m.Project.ID, Number: m.Project.Number, Description: m.Project.Description}
	}
	for i, a := range m.Attachments {
		j.Attachments = append(j.Attachments, attachmentJS{Index: i, FileName: a.FileName, ContentType: a.ContentType, Size: a.Size})
	}
	return j
}

// listMessages is GET /v1/messages: newest first, a page at a time.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	q, limit, err := s.messageQuery(r)
	if err != nil {
		badRequest(w, "bad_parameter", err.Error())
		return
	}
	list, err := s.store.MessageList(q, limit+1) // one more tells whether a next page exists
	if err != nil {
		fail(w, err)
		return
	}
	out := struct {
		Messages   []messageJSON `json:"messages"`
		NextCursor string        `json:"next_cursor,omitempty"`
	}{Messages: []messageJSON{}}
	for i := range list[:min(limit, len(list))] {
		out.Messages = append(out.Messages, toMessageJSON(&list[i]))
	}
	if len(list) > limit {
		out.NextCursor = encodeCursor(list[limit-1].ID)
	}
	writeJSON(w, http.StatusOK, out)
}

// messageQuery reads the list's filters from the query string.
func (s *Server) messageQuery(r *http.Request) (storage.MessageListQuery, int, error) {
	v := r.URL.Query()
	q := storage.MessageListQuery{Folder: v.Get("folder")}
	q.Search = v.Get("q")
	var err error
	limit := DefaultPageSize
	if l := v.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > MaxPageSize {
			return q, 0, fmt.Errorf("limit: a number from 1 to %d", MaxPageSize)
		}
	}
	if name := v.Get("user"); name != "" {
		u, err := s.store.UserByName(name)
		if err != nil {
			return q, 0, fmt.Errorf("user %q: no such user", name)
		}
		q.UserID = u.ID
	}
	for _, p := range []struct {
		name string
		to   *uint
	}{{"relation", &q.RelationID}, {"project", &q.ProjectID}, {"account", &q.AccountID}} {
		if *p.to, err = idParam(v.Get(p.name)); err != nil {
			return q, 0, fmt.Errorf("%s: %w", p.name, err)
		}
	}
	if q.Since, err = timeParam(v.Get("since")); err != nil {
		return q, 0, fmt.Errorf("since: %w", err)
	}
	if q.Until, err = timeParam(v.Get("until")); err != nil {
		return q, 0, fmt.Errorf("until: %w", err)
	}
	if q.After, err = decodeCursor(v.Get("cursor")); err != nil {
		return q, 0, err
	}
	return q, limit, nil
}

func idParam(s string) (uint, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%q is not an ID", s)
	}
	return uint(n), nil
}

// timeParam reads an RFC 3339 time or a date (midnight UTC).
func timeParam(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%q is neither an RFC 3339 time nor a date (2006-01-02)", s)
	}
	return t, nil
}

// A cursor is opaque to clients: it is the last message's ID, encoded so
// that nobody builds one by hand and relies on it.
func encodeCursor(id uint) string {
	return base64.RawURLEncoding.EncodeToString([]byte("m" + strconv.FormatUint(uint64(id), 10)))
}

func decodeCursor(c string) (uint, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	id, perr := strconv.ParseUint(strings.TrimPrefix(string(b), "m"), 10, 32)
	if err != nil || perr != nil || !bytes.HasPrefix(b, []byte("m")) {
		return 0, fmt.Errorf("cursor: not one this server gave")
	}
	return uint(id), nil
}

// message reads the message named in the path.
func (s *Server) message(w http.ResponseWriter, r *http.Request) (storage.Message, bool) {
	id, err := idParam(r.PathValue("id"))
	if err != nil || id == 0 {
		badRequest(w, "bad_parameter", "id: not a message ID")
		return storage.Message{}, false
	}
	m, err := s.store.MessageByID(id)
	if err != nil {
		fail(w, err)
		return m, false
	}
	return m, true
}

// getMessage is GET /v1/messages/{id}: headers, text, HTML, attachment
// list. The headers and the HTML alternative come from the raw message:
// an import keeps only the text body in the database.
func (s *Server) getMessage(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	m, ok := s.message(w, r)
	if !ok {
		return
	}
	d := messageDetailJSON{messageJSON: toMessageJSON(&m), Text: m.TextBody, Headers: map[string][]string{}}
	if raw, err := s.store.RawMessage(m.ID); err == nil {
		if parsed, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
			d.Headers = parsed.Header
		}
		d.HTML = message.Parse(raw).HTML
	}
	writeJSON(w, http.StatusOK, d)
}

// rawMessage is GET /v1/messages/{id}/raw: the message as fetched.
func (s *Server) rawMessage(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	id, err := idParam(r.PathValue("id"))
	if err != nil || id == 0 {
		badRequest(w, "bad_parameter", "id: not a message ID")
		return
	}
	raw, err := s.store.RawMessage(id)
	if err != nil {
		fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "message/rfc822")
	w.Header().Set("Content-Length", strconv.Itoa(len(raw)))
	w.Write(raw)
}

// attachment is GET /v1/messages/{id}/attachments/{index}: the bytes of
// the index-th attachment (from 0, as listed), read from the file
// Postbridge saved; the client never names a path.
func (s *Server) attachment(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	m, ok := s.message(w, r)
	if !ok {
		return
	}
	i, err := strconv.Atoi(r.PathValue("index"))
	if err != nil || i < 0 || i >= len(m.Attachments) {
		writeProblem(w, http.StatusNotFound, problem{Kind: "not_found",
			Detail: fmt.Sprintf("message %d has %d attachments (index from 0)", m.ID, len(m.Attachments))})
		return
	}
	a := m.Attachments[i]
	path, err := s.store.AttachmentFile(a)
	if err != nil {
		fail(w, err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		fail(w, err)
		return
	}
	defer f.Close()
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if st, err := f.Stat(); err == nil {
		w.Header().Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	io.Copy(w, f)
}

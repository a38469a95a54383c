package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"postbridge/app"
	"postbridge/storage"
)

func TestAPITokensAndScopes(t *testing.T) {
	o := newOffice(t, Config{})
	sendBody := []byte(`{"user":"Alice","to":["nobody@example.test"],"subject":"x","text":"x"}`)
	tests := []struct {
		name, method, path, scope string
		header                    []string
		want                      int
	}{
		{"no token", "GET", "/v1/messages", "", nil, http.StatusUnauthorized},
		{"unknown token", "GET", "/v1/messages", "", []string{"Authorization", "Bearer pbt_notatoken"}, http.StatusUnauthorized},
		{"basic, not bearer", "GET", "/v1/messages", "", []string{"Authorization", "Basic YTpi"}, http.StatusUnauthorized},
		{"read token reads", "GET", "/v1/messages", "read", nil, http.StatusOK},
		{"read token cannot send", "POST", "/v1/send", "read", nil, http.StatusForbidden},
		{"no token cannot send", "POST", "/v1/send", "", nil, http.StatusUnauthorized},
		{"unknown endpoint", "GET", "/v1/nothing", "read", nil, http.StatusNotFound},
		{"wrong method", "DELETE", "/v1/messages", "read", nil, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		status, hdr, body := o.call(t, tt.method, tt.path, tt.scope, sendBody, tt.header...)
		if status != tt.want {
			t.Errorf("%s: got %d, want %d (%s)", tt.name, status, tt.want, body)
		}
		if status == http.StatusUnauthorized && !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: WWW-Authenticate %q", tt.name, hdr.Get("WWW-Authenticate"))
		}
		if status >= 400 {
			var p problem
			if err := json.Unmarshal(body, &p); err != nil || p.Kind == "" || p.Status != status {
				t.Errorf("%s: not a problem answer: %s", tt.name, body)
			}
		}
	}
	log := o.log.String()
	for scope, tok := range o.tokens {
		if strings.Contains(log, tok) || strings.Contains(log, tok[4:20]) {
			t.Errorf("the %s token is in the request log:\n%s", scope, log)
		}
	}
	if !strings.Contains(log, "read GET /v1/messages 200") || !strings.Contains(log, "read POST /v1/send 403") {
		t.Errorf("the log names the token and the outcome:\n%s", log)
	}
}

// attachmentMail is a mail from a relation with a binary attachment
// holding every byte value.
func attachmentMail(data []byte) []byte {
	enc := base64.StdEncoding.EncodeToString(data)
	var lines []string
	for len(enc) > 76 {
		lines, enc = append(lines, enc[:76]), enc[76:]
	}
	lines = append(lines, enc)
	return []byte("From: Jan <jan@klant.test>\r\nTo: alice@example.test\r\nSubject: Offerte beton\r\n" +
		"Date: Mon, 30 Nov 2026 10:00:00 +0100\r\nMessage-ID: <offerte-1@klant.test>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Hierbij de offerte.\r\n--b1\r\nContent-Type: application/octet-stream\r\n" +
		"Content-Disposition: attachment; filename=\"offerte.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		strings.Join(lines, "\r\n") + "\r\n--b1--\r\n")
}

func TestAPIReadsASyncedMessageAndItsAttachment(t *testing.T) {
	o := newOffice(t, Config{})
	data := make([]byte, 3000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	raw := attachmentMail(data)
	o.s.Deliver(t, o.alice, "Postbridge/In", raw)
	o.s.Deliver(t, o.alice, "Postbridge/In", []byte("From: x@y.test\r\nSubject: tweede\r\nDate: Mon, 30 Nov 2026 08:00:00 +0000\r\n\r\nhallo\r\n"))
	if _, err := o.act.Sync(context.Background(), app.SyncFilter{User: "Alice"}, nil); err != nil {
		t.Fatal(err)
	}
	var page struct {
		Messages   []messageJSON `json:"messages"`
		NextCursor string        `json:"next_cursor"`
	}
	o.getJSON(t, "/v1/messages?user=Alice&limit=1", &page)
	if len(page.Messages) != 1 || page.Messages[0].Subject != "Offerte beton" || page.NextCursor == "" {
		t.Fatalf("first page, newest first: %+v", page)
	}
	m := page.Messages[0]
	if len(m.Relations) != 1 || m.Relations[0].Name != "Klant BV" || len(m.Attachments) != 1 || m.Attachments[0].Size != int64(len(data)) {
		t.Errorf("links and attachments: %+v", m)
	}
	cursor := page.NextCursor
	page.NextCursor = ""
	o.getJSON(t, "/v1/messages?user=Alice&limit=1&cursor="+cursor, &page)
	if len(page.Messages) != 1 || page.Messages[0].Subject != "tweede" || page.NextCursor != "" {
		t.Errorf("second and last page: %+v", page)
	}
	var detail messageDetailJSON
	o.getJSON(t, fmt.Sprintf("/v1/messages/%d", m.ID), &detail)
	if !strings.Contains(detail.Text, "Hierbij de offerte") || detail.Headers["Message-Id"][0] != "<offerte-1@klant.test>" {
		t.Errorf("detail: text %q, headers %v", detail.Text, detail.Headers)
	}
	status, hdr, got := o.call(t, "GET", fmt.Sprintf("/v1/messages/%d/attachments/0", m.ID), "read", nil)
	if status != http.StatusOK || !bytes.Equal(got, data) || !strings.Contains(hdr.Get("Content-Disposition"), "offerte.bin") {
		t.Errorf("attachment: %d, %d bytes (want %d, byte for byte), %q", status, len(got), len(data), hdr.Get("Content-Disposition"))
	}
	if status, _, _ := o.call(t, "GET", fmt.Sprintf("/v1/messages/%d/attachments/1", m.ID), "read", nil); status != http.StatusNotFound {
		t.Errorf("attachment 1 of 1: %d, want 404", status)
	}
	status, hdr, got = o.call(t, "GET", fmt.Sprintf("/v1/messages/%d/raw", m.ID), "read", nil)
	if status != http.StatusOK || hdr.Get("Content-Type") != "message/rfc822" || !bytes.Contains(got, []byte("Subject: Offerte beton")) {
		t.Errorf("raw: %d %q %.80q", status, hdr.Get("Content-Type"), got)
	}
	for path, want := range map[string]int{
		"/v1/messages?q=offerte":                  1,
		"/v1/messages?relation=1":                 1,
		"/v1/messages?folder=Postbridge/In":       2,
		"/v1/messages?since=2026-11-30T08:30:00Z": 1,
		"/v1/messages?user=Nobody":                -1,
		"/v1/messages?limit=100000":               -1,
		"/v1/messages?cursor=xyz":                 -1,
	} {
		status, _, body := o.call(t, "GET", path, "read", nil)
		if want < 0 {
			if status != http.StatusBadRequest {
				t.Errorf("%s: %d, want 400", path, status)
			}
			continue
		}
		json.Unmarshal(body, &page)
		if status != http.StatusOK || len(page.Messages) != want {
			t.Errorf("%s: %d with %d messages, want %d", path, status, len(page.Messages), want)
		}
	}
	var accounts struct{ Accounts []accountJSON }
	o.getJSON(t, "/v1/accounts", &accounts)
	if len(accounts.Accounts) != 1 || accounts.Accounts[0].Health != "warning" || accounts.Accounts[0].HealthReason != "never" || accounts.Accounts[0].ImportedTotal != 2 {
		t.Errorf("accounts: %+v", accounts)
	}
	now := time.Now()
	if err := o.act.Store.RecordSync(m.AccountID, storage.SyncOutcome{At: now, Error: "login refused", ErrorKind: "auth_failed"}); err != nil {
		t.Fatal(err)
	}
	o.getJSON(t, "/v1/accounts", &accounts)
	if a := accounts.Accounts[0]; a.Health != "failing" || a.ErrorKind != "auth_failed" || a.LastRun == nil {
		t.Errorf("a failing account: %+v", a)
	}
	var rels struct{ Relations []relationJSON }
	o.getJSON(t, "/v1/relations?q=klant", &rels)
	var projects struct{ Projects []projectJSON }
	o.getJSON(t, "/v1/projects", &projects)
	if len(rels.Relations) != 1 || rels.Relations[0].Emails[0] != "jan@klant.test" || len(projects.Projects) != 1 {
		t.Errorf("relations %+v, projects %+v", rels, projects)
	}
}

func TestAPISendsOnceWithAnIdempotencyKey(t *testing.T) {
	o := newOffice(t, Config{})
	rcpt := o.s.NewUser(t)
	req := map[string]any{"user": "Alice", "to": []string{rcpt.Address()}, "subject": "Offerte 210-01",
		"text": "Zie bijlage.", "html": "<p>Zie bijlage.</p>", "project_id": 1,
		"attachments": []map[string]string{{"file_name": "offerte.pdf", "content_type": "application/pdf",
			"data": base64.StdEncoding.EncodeToString([]byte("%PDF-1.4 test"))}}}
	body, _ := json.Marshal(req)
	var first, second sendResponse
	for i, into := range []*sendResponse{&first, &second} {
		status, hdr, b := o.call(t, "POST", "/v1/send", "read,send", body, "Idempotency-Key", "quote-42")
		if status != http.StatusOK {
			t.Fatalf("POST %d: %d %s", i+1, status, b)
		}
		if err := json.Unmarshal(b, into); err != nil {
			t.Fatal(err)
		}
		if replayed := hdr.Get("Idempotent-Replayed") == "true"; replayed != (i == 1) {
			t.Errorf("POST %d: replayed %v", i+1, replayed)
		}
	}
	if first.MessageID == "" || first.MessageID != second.MessageID || first.ID == nil || *first.ID != *second.ID {
		t.Errorf("the repeat must answer as the first: %+v / %+v", first, second)
	}
	if first.Route == nil || first.Route.Via != "company_smtp" || !strings.Contains(first.Route.Reason, "company SMTP server") {
		t.Errorf("route: %+v", first.Route)
	}
	if first.SentCopyError != nil || first.ImportError != nil {
		t.Errorf("after the send: %+v %+v", first.SentCopyError, first.ImportError)
	}
	o.s.WaitCount(t, rcpt, "INBOX", 1)
	time.Sleep(time.Second) // a second delivery would have arrived by now
	if n := o.s.Count(t, rcpt, "INBOX"); n != 1 {
		t.Errorf("the recipient got %d mails, want 1", n)
	}
	if n := o.s.Count(t, o.alice, "Sent"); n != 1 {
		t.Errorf("Alice's Sent has %d mails, want 1", n)
	}
	var d messageDetailJSON
	o.getJSON(t, fmt.Sprintf("/v1/messages/%d", *first.ID), &d)
	if d.Direction != "out" || d.Folder != "Sent" || d.Project == nil || d.Project.Number != "210-01" ||
		len(d.Attachments) != 1 || d.Attachments[0].FileName != "offerte.pdf" || !strings.Contains(d.Text, "Zie bijlage") ||
		!strings.Contains(d.HTML, "<p>Zie bijlage.</p>") {
		t.Errorf("the sent mail as imported: %+v", d)
	}
	// A sync of Sent afterwards finds it imported already.
	res, err := o.act.Sync(context.Background(), app.SyncFilter{User: "Alice"}, nil)
	if err != nil || len(res) != 1 {
		t.Fatal(res, err)
	}
	other, _ := json.Marshal(map[string]any{"user": "Alice", "to": []string{rcpt.Address()}, "subject": "anders"})
	if status, _, b := o.call(t, "POST", "/v1/send", "read,send", other, "Idempotency-Key", "quote-42"); status != http.StatusUnprocessableEntity {
		t.Errorf("the key with another body: %d %s", status, b)
	}
}

func TestAPISendFailureCarriesKindAndSMTPCodes(t *testing.T) {
	o := newOffice(t, Config{})
	tests := []struct {
		name, body string
		status     int
		kind       string
	}{
		{"sender refused", `{"user":"Mallory","to":["` + o.alice.Address() + `"],"subject":"x"}`, http.StatusBadGateway, "sender_rejected"},
		{"unknown user", `{"user":"Bob","to":["a@b.test"]}`, http.StatusUnprocessableEntity, "not_found"},
		{"no recipient", `{"user":"Alice"}`, http.StatusBadRequest, "bad_request"},
		{"unknown field", `{"user":"Alice","to":["a@b.test"],"sender":"x"}`, http.StatusBadRequest, "bad_request"},
		{"bad base64", `{"user":"Alice","to":["a@b.test"],"attachments":[{"file_name":"a","data":"!!"}]}`, http.StatusBadRequest, "bad_request"},
		{"unknown project", `{"user":"Alice","to":["a@b.test"],"project_id":99}`, http.StatusUnprocessableEntity, "unknown_link"},
	}
	for _, tt := range tests {
		status, _, b := o.call(t, "POST", "/v1/send", "read,send", []byte(tt.body), "Idempotency-Key", tt.name)
		var p problem
		json.Unmarshal(b, &p)
		if status != tt.status || p.Kind != tt.kind {
			t.Errorf("%s: %d %q, want %d %q (%s)", tt.name, status, p.Kind, tt.status, tt.kind, b)
		}
		if tt.kind == "sender_rejected" && (p.SMTPCode != 553 || p.SMTPEnhanced != "5.7.1" || p.Route == nil || p.Temporary) {
			t.Errorf("%s: codes %d %q, route %+v", tt.name, p.SMTPCode, p.SMTPEnhanced, p.Route)
		}
	}
}

func TestAPIBodyCap(t *testing.T) {
	o := newOffice(t, Config{MaxBody: 1000})
	big := fmt.Sprintf(`{"user":"Alice","to":["a@b.test"],"text":%q}`, strings.Repeat("x", 2000))
	status, _, b := o.call(t, "POST", "/v1/send", "read,send", []byte(big))
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the cap: %d %s", status, b)
	}
}

func TestAPICheckListen(t *testing.T) {
	tests := []struct {
		addr string
		tls  bool
		want error
	}{
		{"127.0.0.1:8025", false, nil},
		{"[::1]:8025", false, nil},
		{"localhost:8025", false, nil},
		{"0.0.0.0:8025", false, ErrNotLoopback},
		{":8025", false, ErrNotLoopback},
		{"192.168.1.10:8025", false, ErrNotLoopback},
		{"0.0.0.0:8025", true, nil},
	}
	for _, tt := range tests {
		if got := CheckListen(tt.addr, tt.tls); !errors.Is(got, tt.want) || (tt.want == nil && got != nil) {
			t.Errorf("CheckListen(%q, %v) = %v, want %v", tt.addr, tt.tls, got, tt.want)
		}
	}
}

// A client that stalls while sending its headers, or its body, is cut
// off after the server's timeouts instead of holding the connection.
func TestAPISlowClientsAreTimedOut(t *testing.T) {
	o := newOffice(t, Config{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 600 * time.Millisecond})
	addr := strings.TrimPrefix(o.base, "http://")
	tests := []struct {
		name, sent string
	}{
		{"headers never end", "GET /v1/projects HTTP/1.1\r\nHost: pb\r\nAuthorization: Bearer " + o.tokens["read"] + "\r\n"},
		{"body never ends", "POST /v1/send HTTP/1.1\r\nHost: pb\r\nAuthorization: Bearer " + o.tokens["read,send"] +
			"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"user\": \"Al"},
	}
	for _, tt := range tests {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := c.Write([]byte(tt.sent)); err != nil {
			t.Fatal(err)
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		answer, err := io.ReadAll(c) // ends when the server closes the connection
		c.Close()
		if took := time.Since(start); err != nil || took > 5*time.Second {
			t.Errorf("%s: the server held the connection %s (%v)", tt.name, took.Round(time.Millisecond), err)
		}
		if bytes.Contains(answer, []byte("200 OK")) {
			t.Errorf("%s: answered %q", tt.name, answer)
		}
	}
}

// Relations and projects come a page at a time (at most 500), by name and
// number; the cursor holds its place when a record is added meanwhile.
func TestAPIRelationsAndProjectsPage(t *testing.T) {
	o := newOffice(t, Config{})
	doc := &storage.SettingsFile{}
	for _, n := range []string{"Bakker", "Aannemer", "Dijkstra", "Claassen"} {
		doc.Relations = append(doc.Relations, storage.RelationJSON{Name: n, Emails: []string{}})
		doc.Projects = append(doc.Projects, storage.ProjectJSON{Number: "P-" + n})
	}
	if err := o.act.Store.ImportSettings(doc); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Relations  []relationJSON
		Projects   []projectJSON
		NextCursor string `json:"next_cursor"`
	}
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		var p page
		o.getJSON(t, "/v1/relations?limit=2&cursor="+cursor, &p)
		for _, r := range p.Relations {
			names = append(names, r.Name)
		}
		if pages == 0 { // added behind the cursor: it is not seen, and nothing shifts
			o.act.Store.ImportSettings(&storage.SettingsFile{Relations: []storage.RelationJSON{{Name: "AA eerste", Emails: []string{}}}})
		}
		if cursor = p.NextCursor; cursor == "" || pages > 5 {
			break
		}
	}
	if got, want := strings.Join(names, ", "), "Aannemer, Bakker, Claassen, Dijkstra, Klant BV"; got != want {
		t.Errorf("relations page by page: got %q, want %q", got, want)
	}
	var p page
	o.getJSON(t, "/v1/projects?q=p-&limit=3", &p)
	if len(p.Projects) != 3 || p.Projects[0].Number != "P-Aannemer" || p.NextCursor == "" {
		t.Errorf("projects, first page: %+v", p)
	}
	next := p.NextCursor
	p = page{}
	o.getJSON(t, "/v1/projects?q=p-&limit=3&cursor="+next, &p)
	if len(p.Projects) != 1 || p.Projects[0].Number != "P-Dijkstra" || p.NextCursor != "" {
		t.Errorf("projects, last page: %+v", p)
	}
	for _, path := range []string{"/v1/relations?limit=501", "/v1/relations?limit=0", "/v1/projects?cursor=bTQy"} {
		if status, _, b := o.call(t, "GET", path, "read", nil); status != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", path, status, b)
		}
	}
}

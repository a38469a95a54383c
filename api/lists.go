package api

import (
	"net/http"
	"time"

	"postbridge/app/autosync"
	"postbridge/storage"
)

type relationJSON struct {
	ID      uint     `json:"id"`
	Name    string   `json:"name"`
	Company string   `json:"company,omitempty"`
	Emails  []string `json:"emails"`
}

type projectJSON struct {
	ID          uint   `json:"id"`
	Number      string `json:"number"`
	Description string `json:"description,omitempty"`
}

// relations is GET /v1/relations[?q=]: name, company or address
// contains q; by name, a page at a time (listPage).
func (s *Server) relations(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	all, err := s.store.Relations(r.URL.Query().Get("q"))
	if err != nil {
		fail(w, err)
		return
	}
	list, next, err := listPage(r.URL.Query(), all, func(r storage.Relation) string { return byNameAndID(r.Name, r.ID) })
	if err != nil {
		badRequest(w, "bad_parameter", err.Error())
		return
	}
	out := []relationJSON{}
	for _, rel := range list {
		j := relationJSON{ID: rel.ID, Name: rel.Name, Company: rel.Company, Emails: []string{}}
		for _, e := range rel.Emails {
			j.Emails = append(j.Emails, e.Address)
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, withNext(map[string]any{"relations": out}, next))
}

// projects is GET /v1/projects[?q=]: number or description contains q;
// by number, a page at a time.
func (s *Server) projects(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	all, err := s.store.Projects(r.URL.Query().Get("q"))
	if err != nil {
		fail(w, err)
		return
	}
	list, next, err := listPage(r.URL.Query(), all, func(p storage.Project) string { return byNameAndID(p.Number, p.ID) })
	if err != nil {
		badRequest(w, "bad_parameter", err.Error())
		return
	}
	out := []projectJSON{}
	for _, p := range list {
		out = append(out, projectJSON{ID: p.ID, Number: p.Number, Description: p.Description})
	}
	writeJSON(w, http.StatusOK, withNext(map[string]any{"projects": out}, next))
}

// withNext adds next_cursor to a page that is not the last.
func withNext(page map[string]any, next string) map[string]any {
	if next != "" {
		page["next_cursor"] = next
	}
	return page
}

// accountJSON is an IMAP account with its health (the health view).
type accountJSON struct {
	ID              uint       `json:"id"`
	User            string     `json:"user"`
	Name            string     `json:"name"`
	Active          bool       `json:"active"`
	AutoSync        bool       `json:"auto_sync"`
	IntervalMinutes int        `json:"interval_minutes"`
	Health          string     `json:"health"`                  // ok, warning, failing
	HealthReason    string     `json:"health_reason,omitempty"` // why: autosync.Reason
	LastRun         *time.Time `json:"last_run"`
	LastSuccess     *time.Time `json:"last_success"`
	LastError       string     `json:"last_error,omitempty"`
	ErrorKind       string     `json:"error_kind,omitempty"`
	ErrorSince      *time.Time `json:"error_since,omitempty"`
	Temporary       bool       `json:"temporary,omitempty"`
	Warnings        int        `json:"warnings"`
	NextSync        *time.Time `json:"next_sync"`
	WatchedBy       string     `json:"watched_by,omitempty"`
	ImportedToday   int64      `json:"imported_today"`
	ImportedTotal   int64      `json:"imported_total"`
	NeedsAttention  int64      `json:"needs_attention"`
}

// accounts is GET /v1/accounts: every IMAP account and how it is doing.
func (s *Server) accounts(w http.ResponseWriter, r *http.Request, _ storage.APIToken) {
	now := s.cfg.Now()
	rows, err := s.store.HealthRows(now)
	if err != nil {
		fail(w, err)
		return
	}
	out := []accountJSON{}
	for _, h := range rows {
		a := accountJSON{ID: h.AccountID, User: h.User, Name: h.Account, Active: h.Active, AutoSync: h.AutoSync,
			IntervalMinutes: h.IntervalMin, LastRun: utc(h.LastRun), LastSuccess: utc(h.LastSuccess),
			LastError: h.LastError, ErrorKind: h.ErrorKind, ErrorSince: utc(h.ErrorSince), Temporary: h.Temporary,
			Warnings: h.Warnings, NextSync: utc(h.NextSync), WatchedBy: h.WatchedBy,
			ImportedToday: h.ImportedToday, ImportedTotal: h.ImportedTotal, NeedsAttention: h.NeedsAttention}
		// The health view's judgement, word for word (autosync.Judge).
		state, reason := autosync.Judge(h, now)
		a.Health, a.HealthReason = string(state), string(reason)
		out = append(out, a)
	}
	writeJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

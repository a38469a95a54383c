package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"postbridge/explain"
	"postbridge/mail/mailerr"
	"postbridge/storage"
)

// problem is an error answer, an RFC 9457 problem details object. Kind
// is stable and meant for programs ("recipient_rejected",
// explain.Kind's names and the API's own); Detail is English for a
// person and may change. SMTP codes are fields, never to be parsed out
// of Detail.
type problem struct {
	Kind     string `json:"kind"`
	Title    string `json:"title,omitempty"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	SMTPCode int    `json:"smtp_code,omitempty"`
	// SMTPEnhanced is the enhanced status code (RFC 3463), "5.1.1".
	SMTPEnhanced string `json:"smtp_enhanced_code,omitempty"`
	// Temporary: the same request may succeed later (a 4xx SMTP reply,
	// a timeout).
	Temporary bool `json:"temporary,omitempty"`
	// Route is the route a failed send took, when one was chosen.
	Route *routeJSON `json:"route,omitempty"`
}

// problemOf describes err: its kind, its SMTP codes if a server refused.
func problemOf(status int, err error) problem {
	p := problem{Status: status, Kind: explain.Kind(err), Detail: explain.Error(err)}
	if p.Kind == "" {
		p.Kind = "error"
	}
	var reply *mailerr.ReplyError
	if errors.As(err, &reply) {
		p.SMTPCode, p.SMTPEnhanced = reply.Code, reply.Enhanced
		p.Temporary = reply.Code/100 == 4
	}
	if errors.Is(err, mailerr.ErrTryLater) || errors.Is(err, mailerr.ErrTimeout) ||
		errors.Is(err, mailerr.ErrConnectionRefused) {
		p.Temporary = true
	}
	return p
}

// statusOf is the HTTP status of a failure of the application layer.
func statusOf(err error) int {
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return http.StatusNotFound
	case mailerr.Is(err):
		return http.StatusBadGateway // the mail server refused or failed
	}
	return http.StatusInternalServerError
}

func writeProblem(w http.ResponseWriter, status int, p problem) {
	p.Status = status
	if p.Title == "" {
		p.Title = http.StatusText(status)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// fail answers with err's problem at the status it calls for.
func fail(w http.ResponseWriter, err error) {
	status := statusOf(err)
	writeProblem(w, status, problemOf(status, err))
}

// badRequest answers 400 with a kind of the API's own.
func badRequest(w http.ResponseWriter, kind, detail string) {
	writeProblem(w, http.StatusBadRequest, problem{Kind: kind, Detail: detail})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

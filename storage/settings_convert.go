package storage

import (
	"time"
)

// Conversions between database rows and the settings file's JSON shapes.

func endpointJSON(e Endpoint) ServerJSON {
	return ServerJSON{Host: e.Host, Port: e.Port, Security: string(e.Security), TLSFingerprint: e.TLSFingerprint}
}

func endpointFrom(host string, port int, security, fingerprint string) Endpoint {
	if fingerprint != "" {
		// Validation has already accepted it, so the error cannot occur.
		fingerprint, _ = NormalizeFingerprint(fingerprint)
	}
	return Endpoint{Host: host, Port: port, Security: Security(security), TLSFingerprint: fingerprint}
}

func smtpJSON(e Endpoint, auth bool, l Login) *SMTPJSON {
	if e.Host == "" && l.Username == "" {
		return nil
	}
	return &SMTPJSON{Host: e.Host, Port: e.Port, Security: string(e.Security), Auth: auth,
		Username: l.Username, Secret: l.SecretKey, TLSFingerprint: e.TLSFingerprint,
		AuthJSON: authJSON(l.AuthMethod, l.OAuth)}
}

// smtpFrom converts a JSON SMTP server; defaultKey names the keyring entry
// used when the file names none but authentication is on.
func smtpFrom(s *SMTPJSON, defaultKey string) (Endpoint, bool, Login) {
	if s == nil {
		return Endpoint{}, false, Login{}
	}
	key := s.Secret
	if key == "" && (s.Auth || AuthMethod(s.AuthMethod).IsOAuth2()) {
		key = defaultKey
	}
	return endpointFrom(s.Host, s.Port, s.Security, s.TLSFingerprint), s.Auth,
		withAuth(Login{Username: s.Username, SecretKey: key}, s.AuthJSON)
}

func defaultedKey(key, username, fallback string) string {
	if key == "" && username != "" {
		return fallback
	}
	return key
}

func formatTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTime(s string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, err
	}
	t = t.UTC()
	return &t, nil
}

func imapJSON(a *ImapAccount) ImapJSON {
	active := a.Active
	j := ImapJSON{
		Description: a.Description, DisplayName: a.DisplayName, Address: a.Address,
		Username: a.Username, Secret: a.SecretKey, Host: a.Host, Port: a.Port,
		Security: string(a.Security), TLSFingerprint: a.TLSFingerprint,
		AuthJSON: authJSON(a.AuthMethod, a.OAuth), Timeout: a.TimeoutSec, Mode: string(a.Mode),
		Inbox: a.Inbox, Outbox: a.Outbox, Sent: a.Sent, Drafts: a.Drafts, Archive: a.Archive,
		SyncDays: a.SyncDays, DeleteAfterLimit: a.DeleteAfterLimit, DotSeparated: a.DotSeparated,
		Active: &active, Locked: a.Locked, AutoSendReceive: a.AutoSendReceive, AutoSyncMinutes: a.AutoSyncMinutes,
		LinkToCRM: a.LinkToCRM, Default: a.IsDefault, ProjectRoot: a.ProjectRoot,
		SMTP: accountSMTPJSON(a.SMTP),
	}
	for _, f := range a.Folders {
		j.Folders = append(j.Folders, FolderJSON{Name: f.Name, Role: f.Role, Sync: f.Sync, Subscribed: f.Subscribed})
	}
	return j
}

// applyImapJSON copies the file's account onto a row, keeping the row's ID,
// owner and folders (folders are merged separately).
func applyImapJSON(a *ImapAccount, j *ImapJSON, defaultKey string) {
	active := true
	if j.Active != nil {
		active = *j.Active
	}
	imapKey := defaultedKey(j.Secret, j.Username, defaultKey)
	*a = ImapAccount{
		ID: a.ID, UserID: a.UserID,
		Description: j.Description, DisplayName: j.DisplayName, Address: j.Address,
		Login:      withAuth(Login{Username: j.Username, SecretKey: imapKey}, j.AuthJSON),
		Endpoint:   endpointFrom(j.Host, j.Port, j.Security, j.TLSFingerprint),
		TimeoutSec: j.Timeout, Mode: SyncMode(j.Mode),
		Inbox: j.Inbox, Outbox: j.Outbox, Sent: j.Sent, Drafts: j.Drafts, Archive: j.Archive,
		SyncDays: j.SyncDays, DeleteAfterLimit: j.DeleteAfterLimit, DotSeparated: j.DotSeparated,
		Active: active, Locked: j.Locked, AutoSendReceive: j.AutoSendReceive, AutoSyncMinutes: j.AutoSyncMinutes,
		LinkToCRM: j.LinkToCRM, IsDefault: j.Default, ProjectRoot: j.ProjectRoot,
		SMTP: accountSMTPFrom(j.SMTP, imapKey),
	}
}

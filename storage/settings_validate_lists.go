package storage

import (
	"fmt"
	"strings"
)

// unique tracks names already seen in one list, to report duplicates.
type unique map[string]bool

func (u unique) seen(name string) bool {
	if u[name] {
		return true
	}
	u[name] = true
	return false
}

func (v *validator) mailServers(list []MailServerJSON) unique {
	ids := unique{}
	for i, m := range list {
		p := fmt.Sprintf("mail_servers[%d]", i)
		v.required(p+".id", m.ID)
		if m.ID != "" && ids.seen(m.ID) {
			v.fail(p+".id", "duplicate_identification", m.ID)
		}
		v.server(p, m.Host, m.Port, m.Security, m.TLSFingerprint, true)
		switch MailAuth(m.Auth) {
		case MailAuthNone, MailAuthPerEmployee:
		case MailAuthCentral:
			v.required(p+".username", m.Username)
		default:
			v.fail(p+".auth", "not_mail_auth", m.Auth)
		}
		v.secret(p+".secret", m.Secret)
		v.auth(p, m.AuthJSON)
	}
	return ids
}

func (v *validator) roles(list []RoleJSON) unique {
	names := unique{}
	for i, r := range list {
		p := fmt.Sprintf("roles[%d].name", i)
		v.required(p, r.Name)
		if r.Name != "" && names.seen(r.Name) {
			v.fail(p, "duplicate_role", r.Name)
		}
	}
	return names
}

func (v *validator) domains(list []DomainJSON) {
	names := unique{}
	for i, d := range list {
		p := fmt.Sprintf("domains[%d]", i)
		v.required(p+".domain", d.Domain)
		if d.Domain != "" && (strings.ContainsAny(d.Domain, "@ /") || !strings.Contains(d.Domain, ".")) {
			v.fail(p+".domain", "not_domain", d.Domain)
		}
		if names.seen(strings.ToLower(d.Domain)) {
			v.fail(p+".domain", "duplicate_domain", d.Domain)
		}
		if d.ValidatedAt != "" {
			if _, err := parseTime(d.ValidatedAt); err != nil {
				v.fail(p+".validated_at", "not_time", d.ValidatedAt)
			}
		}
	}
}

func (v *validator) users(list []UserJSON, servers, roles unique) {
	names := unique{}
	for _, u := range list {
		names[u.Name] = true
	}
	seen := unique{}
	folded := caseFolded(v.known.users)
	for i, u := range list {
		p := fmt.Sprintf("users[%d]", i)
		v.required(p+".name", u.Name)
		if u.Name != "" && seen.seen(u.Name) {
			v.fail(p+".name", "duplicate_user", u.Name)
		} else if other, clash := folded[foldName(u.Name)]; clash && other != u.Name && !v.known.users[u.Name] {
			v.fail(p+".name", "user_case", u.Name, other)
		} else if u.Name != "" {
			folded[foldName(u.Name)] = u.Name
		}
		v.email(p+".email", u.Email, false)
		if u.Role != "" && !roles[u.Role] && !v.known.roles[u.Role] {
			v.fail(p+".role", "unknown_role", u.Role)
		}
		if u.WorkLocation != "" && !servers[u.WorkLocation] && !v.known.mailServers[u.WorkLocation] {
			v.fail(p+".work_location", "unknown_mail_server", u.WorkLocation)
		}
		v.secret(p+".work_secret", u.WorkSecret)
		if u.SMTP != nil {
			v.smtp(p+".smtp", u.SMTP)
		}
		if u.AlwaysOwnSMTP && (u.SMTP == nil || u.SMTP.Host == "") {
			v.fail(p+".always_own_smtp", "needs_own_smtp")
		}
		for j, d := range u.Delegates {
			dp := fmt.Sprintf("%s.delegates[%d]", p, j)
			switch {
			case d == u.Name:
				v.fail(dp, "own_delegate")
			case !names[d] && !v.known.users[d]:
				v.fail(dp, "unknown_user", d)
			}
		}
		for j := range u.IMAP {
			v.imap(fmt.Sprintf("%s.imap[%d]", p, j), &u.IMAP[j])
		}
	}
}

// foldName is the form in which user names are compared for clashes.
// The keyring keys of a user contain the name (user/<name>/imap), and
// Windows' Credential Manager compares target names without regard to
// case: "Alice" and "alice" would share, and overwrite, one password.
func foldName(name string) string { return strings.ToLower(name) }

// caseFolded maps the folded form of each name to the name.
func caseFolded(names map[string]bool) map[string]string {
	out := make(map[string]string, len(names))
	for n := range names {
		out[foldName(n)] = n
	}
	return out
}

func (v *validator) imap(p string, a *ImapJSON) {
	v.required(p+".username", a.Username)
	v.secret(p+".secret", a.Secret)
	v.email(p+".address", a.Address, false)
	v.server(p, a.Host, a.Port, a.Security, a.TLSFingerprint, false)
	v.auth(p, a.AuthJSON)
	if a.SMTP != nil {
		v.accountSMTP(p+".smtp", a.SMTP)
	}
	switch SyncMode(a.Mode) {
	case ModeTransfer:
		v.required(p+".inbox", a.Inbox)
	case ModeMirror:
	default:
		v.fail(p+".mode", "not_mode", a.Mode)
	}
	// Manual 004: the archive folder "darf nicht 'Archiv' heißen", and
	// delete-after-limit "können Sie nicht wählen, wenn Sie einen
	// Archivordner angegeben haben".
	if strings.EqualFold(a.Archive, "Archiv") {
		v.fail(p+".archive", "archive_named_archiv")
	}
	if a.Archive != "" && a.DeleteAfterLimit {
		v.fail(p+".delete_after_limit", "archive_and_delete")
	}
	v.accountNumbers(p, a)
	folders := unique{}
	for k, f := range a.Folders {
		fp := fmt.Sprintf("%s.folders[%d].name", p, k)
		v.required(fp, f.Name)
		if f.Name != "" && folders.seen(f.Name) {
			v.fail(fp, "duplicate_folder", f.Name)
		}
	}
}

func (v *validator) relations(list []RelationJSON) {
	names := unique{}
	for i, r := range list {
		p := fmt.Sprintf("relations[%d]", i)
		v.required(p+".name", r.Name)
		if r.Name != "" && names.seen(r.Name) {
			v.fail(p+".name", "duplicate_relation", r.Name)
		}
		for j, e := range r.Emails {
			v.email(fmt.Sprintf("%s.emails[%d]", p, j), e, true)
		}
	}
}

func (v *validator) projects(list []ProjectJSON) {
	numbers := unique{}
	for i, pr := range list {
		p := fmt.Sprintf("projects[%d].number", i)
		v.required(p, pr.Number)
		if pr.Number != "" && numbers.seen(pr.Number) {
			v.fail(p, "duplicate_project", pr.Number)
		}
	}
}

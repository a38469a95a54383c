// Package demo fills a realistic Dutch office for `make demo` and for the
// screenshots: Bouwbedrijf De Vries B.V. with its users, roles, mail
// servers, relations and projects, and a dozen sample mails. Everything
// is fixed (names, dates, Message-IDs), so two runs give the same
// database and the same pictures; nothing here talks to a server.
package demo

import (
	"fmt"

	"postbridge/storage"
)

// The demo users' IMAP logins. They start with "t" so that the test
// mail stack (scripts/mailstack) lets them in with its shared password.
const (
	LoginTineke = "tineke"
	LoginThijs  = "thijs"
)

// Fill stores the demo office in store through the settings import, so a
// demo database is exactly what an admin's settings file would give.
// Filling twice changes nothing (the import merges by natural keys).
func Fill(store *storage.Store) error {
	if err := store.ImportSettings(Settings()); err != nil {
		return fmt.Errorf("fill demo office: %w", err)
	}
	return nil
}

// Settings is the demo office as a settings file.
func Settings() *storage.SettingsFile {
	return &storage.SettingsFile{
		Company: &storage.CompanyJSON{
			Name: "Bouwbedrijf De Vries B.V.", Email: "info@devriesbouw.nl",
			SMTP: &storage.SMTPJSON{Host: "smtp.devriesbouw.nl", Port: 587, Security: "starttls", Auth: true,
				Username: "info@devriesbouw.nl", Secret: "company/smtp"},
			IMAP: &storage.ServerJSON{Host: "imap.devriesbouw.nl", Port: 993, Security: "tls"},
		},
		MailServers: []storage.MailServerJSON{
			{ID: "Hoofdkantoor Utrecht", Host: "smtp.devriesbouw.nl", Port: 465, Security: "tls", Auth: "central",
				Username: "relay@devriesbouw.nl", Secret: "mailserver/hoofdkantoor-utrecht"},
			// Manual 002's third choice: every employee logs in with their own account.
			{ID: "Werkplaats Houten", Host: "mail.werkplaats.devriesbouw.nl", Port: 587, Security: "starttls", Auth: "per_employee"},
		},
		Roles: []storage.RoleJSON{
			{Name: "Directie", ManageCompany: true, ManageUsers: true, OwnMailServer: true, ManageRelations: true},
			// Manual 003 A: the administration keeps the company settings,
			// but the own mail server's right is off until given.
			{Name: "Administratie", ManageCompany: true, ManageUsers: true, ManageRelations: true},
			{Name: "Projectleider", ManageRelations: true},
		},
		// Manual 003: one domain validated, one switched off, and a
		// domain that never goes through the own mail server.
		Domains: []storage.DomainJSON{
			{Domain: "devriesbouw.nl", ValidatedAt: "2024-05-02T10:15:00Z", ValidatedBy: "Tineke de Vries"},
			{Domain: "devries-renovatie.nl", ValidatedAt: "2023-11-20T14:00:00Z", ValidatedBy: "Tineke de Vries", Disabled: true},
			{Domain: "gmail.com", Excluded: true},
		},
		Users:     users(),
		Relations: relations(),
		Projects:  projects(),
	}
}

func users() []storage.UserJSON {
	return []storage.UserJSON{
		{Name: "Tineke de Vries", Email: "tineke@devriesbouw.nl", Department: "Directie", Role: "Directie", WorkLocation: "Werkplaats Houten",
			WorkUsername: "tineke", WorkSecret: "user/tineke/work",
			Delegates: []string{"Sanne Visser"}, IMAP: []storage.ImapJSON{transferAccount("Tineke de Vries", LoginTineke)}},
		{Name: "Thijs Bakker", Email: "thijs@devriesbouw.nl", Department: "Uitvoering", Role: "Projectleider", WorkLocation: "Werkplaats Houten",
			IMAP: []storage.ImapJSON{transferAccount("Thijs Bakker", LoginThijs)}},
		{Name: "Sanne Visser", Email: "sanne@devriesbouw.nl", Department: "Binnendienst", Role: "Administratie", WorkLocation: "Hoofdkantoor Utrecht"},
	}
}

// transferAccount is manual 000's set-up: In and Out folders whose mail
// is imported and filed in their Completed subfolders.
func transferAccount(name, login string) storage.ImapJSON {
	return storage.ImapJSON{
		Description: "Kantoor", DisplayName: name, Address: login + "@devriesbouw.nl",
		Username: login, Secret: SecretKey(login), Mode: "transfer",
		Inbox: "Postbridge/In", Outbox: "Postbridge/Out", Sent: "Sent", Drafts: "Drafts", Archive: "Archive",
		LinkToCRM: true, Default: true, AutoSendReceive: true, Folders: serverFolders(),
	}
}

// serverFolders are the folders the account's server has (manual 001's
// folder structure): the sync tick and the role of each.
func serverFolders() []storage.FolderJSON {
	return []storage.FolderJSON{
		{Name: "INBOX", Sync: true, Subscribed: true},
		{Name: "Postbridge/In", Sync: true, Subscribed: true},
		{Name: "Postbridge/In/Completed", Subscribed: true},
		{Name: "Postbridge/Out", Sync: true, Subscribed: true},
		{Name: "Postbridge/Out/Completed", Subscribed: true},
		{Name: "Sent", Role: "Sent", Sync: true, Subscribed: true},
		{Name: "Drafts", Role: "Drafts", Subscribed: true},
		{Name: "Junk", Role: "Junk", Subscribed: true},
		{Name: "Trash", Role: "Trash", Subscribed: true},
		{Name: "Archive", Role: "Archive", Subscribed: true},
		{Name: "ProjektPro/2025-003 Uitbreiding bedrijfshal Nieuwegein", Subscribed: true},
	}
}

// SecretKey is the keyring key of the IMAP password of a demo login
// (keys name no spaces, so the login, not the full name, is used).
func SecretKey(login string) string { return storage.SecretUserIMAP(login, 0) }

// SharedAddress is written by two relations (a building combination of
// two firms): mail from it lands on the needs-attention list.
const SharedAddress = "info@bouwcombinatie-utrecht.nl"

func relations() []storage.RelationJSON {
	return []storage.RelationJSON{
		{Name: "Gemeente Utrecht", Company: "Gemeente Utrecht, Vergunningen", Emails: []string{"bouwzaken@utrecht.nl"}},
		{Name: "Gemeente Nieuwegein", Company: "Gemeente Nieuwegein", Emails: []string{"omgevingsloket@nieuwegein.nl"}},
		{Name: "Piet Jansen", Company: "Jansen Installatietechniek B.V.", Emails: []string{"piet@jansen-install.nl", "info@jansen-install.nl"}},
		{Name: "Marieke van Dijk", Company: "Van Dijk Architecten", Emails: []string{"m.vandijk@vandijkarchitecten.nl", SharedAddress}},
		{Name: "Kees Smit", Company: "Aannemersbedrijf Smit", Emails: []string{"kees@smitbouw.nl", SharedAddress}},
		{Name: "Henk Bakker", Company: "Bakker Dakwerken", Emails: []string{"henk@bakkerdakwerken.nl"}},
		{Name: "Hout & Bouw Groothandel", Company: "Hout & Bouw Groothandel Zeist", Emails: []string{"verkoop@houtenbouw.nl"}},
		{Name: "Woningstichting Oudwijk", Company: "Woningstichting Oudwijk", Emails: []string{"projecten@wsoudwijk.nl"}},
	}
}

func projects() []storage.ProjectJSON {
	return []storage.ProjectJSON{
		{Number: "2024-017", Description: "Nieuwbouw basisschool De Regenboog"},
		{Number: "2024-023", Description: "Renovatie 24 woningen Oudwijk"},
		{Number: "2025-003", Description: "Uitbreiding bedrijfshal Nieuwegein"},
	}
}

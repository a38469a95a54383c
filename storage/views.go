package storage

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// Stable views for readers of the database: reports, BI tools
// and the business software itself. Postbridge's own tables change with
// its schema versions; these views keep their names and columns. A new
// column is only ever added at the end (PostgreSQL's CREATE OR REPLACE
// VIEW allows nothing else), none is renamed or removed, and every
// migration recreates them, so a reader's SQL written for one version
// works on the next. README.md ("For integrators") documents each column.
//
// Bodies and raw messages are not in the views: an SQLite database keeps
// them in pack files beside it (rawpack.go); the HTTP API serves them.

// viewsFor returns the views' statements for a database kind: the same
// columns on both, built from the functions each has.
func viewsFor(kind string) map[string]string {
	emails := `(SELECT group_concat(address, ',') FROM (SELECT address FROM relation_emails e ` +
		`WHERE e.relation_id = r.id ORDER BY address))`
	if kind == "postgres" {
		emails = `(SELECT string_agg(address, ',' ORDER BY address) FROM relation_emails e WHERE e.relation_id = r.id)`
	}
	return map[string]string{
		// One row per imported message; times are as stored (UTC).
		"postbridge_messages": `SELECT m.id AS id, m.account_id AS account_id, u.name AS user_name,
	a.username AS account_login, m.folder AS folder, m.direction AS direction,
	m.message_id AS message_id, m."from" AS from_address, m."to" AS to_addresses,
	m.cc AS cc_addresses, m.subject AS subject, m.date AS sent_at, m.imported_at AS imported_at,
	m.state AS state, m.attention AS attention, m.project_id AS project_id,
	p.number AS project_number, m.raw_size AS size,
	(SELECT count(*) FROM attachments t WHERE t.message_id = m.id) AS attachment_count
FROM messages m
JOIN imap_accounts a ON a.id = m.account_id
JOIN users u ON u.id = a.user_id
LEFT JOIN projects p ON p.id = m.project_id`,
		// One row per relation; emails is its addresses, sorted, comma-separated.
		"postbridge_relations": `SELECT r.id AS id, r.name AS name, r.company AS company, ` + emails + ` AS emails
FROM relations r`,
		"postbridge_projects": `SELECT id, number, description FROM projects`,
		// One row per link of a message: to a relation, or to its project.
		"postbridge_message_links": `SELECT mr.message_id AS message_id, 'relation' AS link_type,
	mr.relation_id AS relation_id, CAST(NULL AS BIGINT) AS project_id
FROM message_relations mr
UNION ALL
SELECT m.id, 'project', CAST(NULL AS BIGINT), m.project_id FROM messages m WHERE m.project_id IS NOT NULL`,
	}
}

// viewsLockID is the advisory lock that serializes making the views on
// PostgreSQL ("PBVIEWS" in ASCII).
const viewsLockID int64 = 0x5042564945575300 >> 8

// viewNames is the order the views are made in.
var viewNames = []string{"postbridge_messages", "postbridge_relations", "postbridge_projects", "postbridge_message_links"}

// createViews (re)makes the stable views, after the tables they read.
func (s *Store) createViews() error {
	views := viewsFor(s.kind)
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if s.kind == "postgres" {
			// Workstations that start at once would replace the same
			// view together ("tuple concurrently updated"): one at a time.
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", viewsLockID).Error; err != nil {
				return err
			}
		}
		for _, name := range viewNames {
			stmts := []string{"CREATE OR REPLACE VIEW " + name + " AS " + views[name]}
			if s.kind != "postgres" {
				// SQLite has no CREATE OR REPLACE VIEW; it keeps the
				// statement as written, so an unchanged view is left alone
				// and opening the database writes nothing.
				create := "CREATE VIEW " + name + " AS " + views[name]
				var have []string
				if err := tx.Raw("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", name).Scan(&have).Error; err != nil {
					return err
				}
				if len(have) == 1 && have[0] == create {
					continue
				}
				stmts = []string{"DROP VIEW IF EXISTS " + name, create}
			}
			for _, stmt := range stmts {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("view %s: %w", name, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create the stable views in the %s database: %w", s.kind, err)
	}
	return nil
}

// ViewNames lists the stable views, for documentation and tests.
func ViewNames() []string { return append([]string(nil), viewNames...) }

// viewColumns is the documented column list of each view, in order; the
// test holds the database to it, so a change here is a conscious one.
var viewColumns = map[string]string{
	"postbridge_messages": "id account_id user_name account_login folder direction message_id from_address " +
		"to_addresses cc_addresses subject sent_at imported_at state attention project_id project_number size attachment_count",
	"postbridge_relations":     "id name company emails",
	"postbridge_projects":      "id number description",
	"postbridge_message_links": "message_id link_type relation_id project_id",
}

// ViewColumns is the documented columns of a view.
func ViewColumns(name string) []string { return strings.Fields(viewColumns[name]) }

package storage

import "fmt"

// MailCountsByRelation is how many imported mails are linked to each
// relation, by relation ID; relations without mail are absent.
func (s *Store) MailCountsByRelation() (map[uint]int, error) {
	return s.countBy("message_relations", "relation_id", "mail per relation")
}

// MailCountsByProject is how many imported mails are linked to each
// project, by project ID; projects without mail are absent.
func (s *Store) MailCountsByProject() (map[uint]int, error) {
	return s.countBy("messages", "project_id", "mail per project")
}

func (s *Store) countBy(table, column, what string) (map[uint]int, error) {
	var rows []struct {
		ID    uint
		Count int
	}
	err := s.db.Table(table).Select(column + " AS id, COUNT(*) AS count").
		Where(column + " IS NOT NULL").Group(column).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", what, err)
	}
	out := make(map[uint]int, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Count
	}
	return out, nil
}

// UsersWithAccounts lists the users by name with their role, work
// location and IMAP accounts, for the Users table. Save users read
// with Users, which carries no accounts to write back.
func (s *Store) UsersWithAccounts() ([]User, error) {
	var list []User
	if err := s.db.Preload("Role").Preload("WorkLocation").Preload("ImapAccounts").Order("name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}

package storage

import (
	"fmt"
	"sort"
	"time"
)

// HealthRow is one IMAP account in the health view.
type HealthRow struct {
	User        string
	AccountID   uint
	Account     string // description, else the IMAP user name
	Active      bool
	AutoSync    bool
	IntervalMin int
	AccountHealth
	ImportedToday, ImportedTotal, NeedsAttention int64
	// Refused are the account's messages left on the server for their
	// size (refused.go), newest first.
	Refused []RefusedMessage
}

// HealthRows lists every IMAP account with its health and message counts,
// ordered by user and account; "today" begins at midnight of now's zone.
func (s *Store) HealthRows(now time.Time) ([]HealthRow, error) {
	var users []User
	if err := s.db.Preload("ImapAccounts").Order("name").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("health: list accounts: %w", err)
	}
	var healths []AccountHealth
	if err := s.db.Find(&healths).Error; err != nil {
		return nil, fmt.Errorf("health: read: %w", err)
	}
	byAcc := map[uint]AccountHealth{}
	for _, h := range healths {
		byAcc[h.AccountID] = h
	}
	midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	total, err := s.countByAccount("1 = 1")
	if err != nil {
		return nil, err
	}
	today, err := s.countByAccount("imported_at >= ?", midnight)
	if err != nil {
		return nil, err
	}
	attention, err := s.countByAccount("state = ?", StateNeedsAttention)
	if err != nil {
		return nil, err
	}
	refused, err := s.refusedByAccount()
	if err != nil {
		return nil, err
	}
	var rows []HealthRow
	for _, u := range users {
		sort.Slice(u.ImapAccounts, func(i, j int) bool { return u.ImapAccounts[i].ID < u.ImapAccounts[j].ID })
		for _, a := range u.ImapAccounts {
			name := a.Description
			if name == "" {
				name = a.Username
			}
			interval := int(AutoSyncInterval(a.AutoSyncMinutes) / time.Minute)
			rows = append(rows, HealthRow{User: u.Name, AccountID: a.ID, Account: name, Active: a.Active,
				AutoSync: a.AutoSendReceive, IntervalMin: interval, AccountHealth: byAcc[a.ID],
				ImportedToday: today[a.ID], ImportedTotal: total[a.ID], NeedsAttention: attention[a.ID],
				Refused: refused[a.ID]})
		}
	}
	return rows, nil
}

func (s *Store) countByAccount(where string, args ...any) (map[uint]int64, error) {
	var got []struct {
		AccountID uint
		N         int64
	}
	err := s.db.Model(&Message{}).Select("account_id, count(*) AS n").Where(where, args...).
		Group("account_id").Scan(&got).Error
	if err != nil {
		return nil, fmt.Errorf("health: count messages: %w", err)
	}
	out := map[uint]int64{}
	for _, g := range got {
		out[g.AccountID] = g.N
	}
	return out, nil
}

// UserOfAccount returns the user (as UserByName does) whose IMAP account id is.
func (s *Store) UserOfAccount(id uint) (User, error) {
	var acc ImapAccount
	if err := s.db.Where("id = ?", id).Limit(1).Find(&acc).Error; err != nil {
		return User{}, fmt.Errorf("imap account %d: %w", id, err)
	}
	if acc.ID == 0 {
		return User{}, fmt.Errorf("imap account %d: %w", id, ErrNotFound)
	}
	return s.UserByID(acc.UserID)
}

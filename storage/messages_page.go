package storage

import (
	"postbridge/problem"

	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// MessageQuery chooses and orders the messages of one screenful of the
// Messages screen; it never loads bodies.
type MessageQuery struct {
	// Search is full text over subject, addresses and text body (FTS5 on
	// SQLite, a GIN-indexed tsvector on PostgreSQL, search.go): every word
	// must occur, as a word or the start of one.
	Search         string
	NeedsAttention bool
	State          MessageState // "" means every state
	UserID         uint         // 0: every user
	AccountID      uint
	RelationID     uint
	ProjectID      uint
	// Sort is a MessageSort; the default is the newest first.
	Sort      MessageSort
	Ascending bool
}

// MessageSort is a column the Messages screen sorts by.
type MessageSort string

// Sortable columns.
const (
	SortDate      MessageSort = "date"
	SortSubject   MessageSort = "subject"
	SortFrom      MessageSort = "from"
	SortDirection MessageSort = "direction"
	SortState     MessageSort = "state"
)

// MessageRow is one line of the Messages screen.
type MessageRow struct {
	ID          uint
	Date        time.Time
	Direction   Direction
	From, To    string
	Subject     string
	State       MessageState
	Attention   problem.List
	Relations   []string // names, sorted
	Project     string   // number, "" when none
	Attachments int
}

// CountMessages is how many messages q selects: the length of the
// scrolled table, without loading it.
func (s *Store) CountMessages(q MessageQuery) (int64, error) {
	if err := s.searchable(q); err != nil {
		return 0, err
	}
	var n int64
	if err := s.filtered(q).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count messages: %w", err)
	}
	return n, nil
}

// MessagePage returns limit rows of q from offset on: what a virtual
// table asks for as it scrolls, so 100,000 messages cost one screenful.
func (s *Store) MessagePage(q MessageQuery, offset, limit int) ([]MessageRow, error) {
	if err := s.searchable(q); err != nil {
		return nil, err
	}
	var list []Message
	err := s.filtered(q).Select(`id, date, direction, "from", "to", subject, state, attention, project_id`).
		Order(orderOf(q)).Offset(offset).Limit(limit).Find(&list).Error
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	rows := make([]MessageRow, len(list))
	ids := make([]uint, len(list))
	for i, m := range list {
		ids[i] = m.ID
		rows[i] = MessageRow{ID: m.ID, Date: m.Date, Direction: m.Direction, From: m.From, To: m.To,
			Subject: m.Subject, State: m.State, Attention: m.Attention}
	}
	if len(ids) == 0 {
		return rows, nil
	}
	if err := s.fillPageLinks(ids, rows); err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return rows, nil
}

// fillPageLinks adds relation names, project numbers and attachment
// counts to a page: three queries for the page, none per row.
func (s *Store) fillPageLinks(ids []uint, rows []MessageRow) error {
	at := make(map[uint]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	var rels []struct {
		MessageID uint
		Name      string
	}
	if err := s.db.Table("message_relations").Select("message_relations.message_id, relations.name").
		Joins("JOIN relations ON relations.id = message_relations.relation_id").
		Where("message_relations.message_id IN ?", ids).Order("relations.name").Scan(&rels).Error; err != nil {
		return err
	}
	for _, r := range rels {
		rows[at[r.MessageID]].Relations = append(rows[at[r.MessageID]].Relations, r.Name)
	}
	var projects []struct {
		ID     uint
		Number string
	}
	if err := s.db.Table("messages").Select("messages.id, projects.number").
		Joins("JOIN projects ON projects.id = messages.project_id").
		Where("messages.id IN ?", ids).Scan(&projects).Error; err != nil {
		return err
	}
	for _, p := range projects {
		rows[at[p.ID]].Project = p.Number
	}
	var counts []struct {
		MessageID uint
		N         int
	}
	if err := s.db.Model(&Attachment{}).Select("message_id, count(*) AS n").
		Where("message_id IN ?", ids).Group("message_id").Scan(&counts).Error; err != nil {
		return err
	}
	for _, c := range counts {
		rows[at[c.MessageID]].Attachments = c.N
	}
	return nil
}

// filtered is the WHERE of q.
func (s *Store) filtered(q MessageQuery) *gorm.DB {
	db := s.db.Model(&Message{})
	if q.NeedsAttention {
		db = db.Where("state = ?", StateNeedsAttention)
	} else if q.State != "" {
		db = db.Where("state = ?", q.State)
	}
	if q.AccountID != 0 {
		db = db.Where("account_id = ?", q.AccountID)
	}
	if q.UserID != 0 {
		db = db.Where("account_id IN (?)", s.db.Model(&ImapAccount{}).Select("id").Where("user_id = ?", q.UserID))
	}
	if q.RelationID != 0 {
		db = db.Where("id IN (?)", s.db.Table("message_relations").Select("message_id").Where("relation_id = ?", q.RelationID))
	}
	if q.ProjectID != 0 {
		db = db.Where("project_id = ?", q.ProjectID)
	}
	if words := searchWords(q.Search); len(words) > 0 {
		db = s.searchWhere(db, words)
	}
	return db
}

// searchable catches the search index up before a search, so that it
// finds mail imported a moment ago too (search_index.go).
func (s *Store) searchable(q MessageQuery) error {
	if len(searchWords(q.Search)) == 0 {
		return nil
	}
	_, err := s.IndexSearch(context.Background())
	return err
}

func orderOf(q MessageQuery) string {
	col := map[MessageSort]string{SortSubject: "subject", SortFrom: `"from"`,
		SortDirection: "direction", SortState: "state"}[q.Sort]
	if col == "" {
		col = "date"
	}
	dir := " DESC"
	if q.Ascending {
		dir = " ASC"
	}
	return col + dir + ", id" + dir
}

// searchWords splits what the user typed into words of letters and
// digits, as both indexes split text: "jan@klant.test" is three words,
// and nothing typed is read as FTS5 or tsquery syntax.
func searchWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

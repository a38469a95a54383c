package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// On PostgreSQL an import's message rows go in by COPY (binary) instead
// of multi-row INSERTs. An INSERT's raw messages were encoded twice by
// pgx (into the statement's parameters, then into its Bind message) and
// parsed by the server as one parameter list per chunk of a few rows;
// COPY streams the rows in 64 KiB pieces, each value encoded once, and
// holds no more than that in memory whatever the batch (BENCHMARKS.md).
// COPY returns no IDs, so the rows take theirs from the table's sequence
// ahead, in the same transaction, as an INSERT would have.

// importTransaction runs fn in one transaction. On PostgreSQL the
// transaction runs on a connection of its own, which fn receives so that
// copyMessages can reach pgx under it; on SQLite conn is nil.
func (s *Store) importTransaction(fn func(tx *gorm.DB, conn *sql.Conn) error) error {
	if s.kind != "postgres" {
		return s.db.Transaction(func(tx *gorm.DB) error { return fn(tx, nil) })
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// WithContext clones the statement, so the store's own stays on the pool.
	db := s.db.WithContext(ctx)
	db.Statement.ConnPool = conn
	return db.Transaction(func(tx *gorm.DB) error { return fn(tx, conn) })
}

// copyMessages inserts rows, with their attachments and relation links,
// into PostgreSQL in tx, which runs on conn; each row gets its ID.
func copyMessages(tx *gorm.DB, conn *sql.Conn, rows []Message) error {
	ids, err := messageIDsAhead(tx, len(rows))
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].ID = ids[i]
	}
	columns, values, err := messageColumns(tx, true)
	if err != nil {
		return err
	}
	ctx := tx.Statement.Context
	err = conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy messages: a %T is no pgx connection", driverConn)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{"messages"}, columns,
			pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) { return values(&rows[i]) }))
		return err
	})
	if err != nil {
		return fmt.Errorf("copy messages: %w", err)
	}
	if err := insertAttachments(tx, rows); err != nil {
		return err
	}
	return insertRelationLinks(tx, rows)
}

// messageIDsAhead takes n IDs from the messages table's sequence.
func messageIDsAhead(tx *gorm.DB, n int) ([]uint, error) {
	var ids []uint
	err := tx.Raw(`SELECT nextval(pg_get_serial_sequence('messages', 'id')) FROM generate_series(1, ?)`, n).Scan(&ids).Error
	if err == nil && len(ids) != n {
		err = fmt.Errorf("%d message IDs from the sequence, %d asked", len(ids), n)
	}
	if err != nil {
		return nil, fmt.Errorf("take message IDs: %w", err)
	}
	return ids, nil
}

// messageColumns are the messages table's columns as gorm's model of
// Message has them, the ID only withID, and a function giving one row's
// values in their order — so a field added to Message is stored without
// a list here to keep in step. A value that knows how it is stored
// (driver.Valuer, as problem.List) is stored that way, as gorm would.
func messageColumns(tx *gorm.DB, withID bool) ([]string, func(*Message) ([]any, error), error) {
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(&Message{}); err != nil {
		return nil, nil, fmt.Errorf("model of messages: %w", err)
	}
	fields := stmt.Schema.Fields[:0:0]
	var columns []string
	for _, f := range stmt.Schema.Fields {
		if f.DBName != "" && f.Creatable && (withID || !f.PrimaryKey) {
			fields = append(fields, f)
			columns = append(columns, f.DBName)
		}
	}
	ctx := tx.Statement.Context
	values := func(m *Message) ([]any, error) {
		rv := reflect.ValueOf(m).Elem()
		out := make([]any, len(fields))
		for i, f := range fields {
			v, _ := f.ValueOf(ctx, rv)
			if valuer, ok := v.(driver.Valuer); ok {
				var err error
				if v, err = valuer.Value(); err != nil {
					return nil, fmt.Errorf("column %s: %w", f.DBName, err)
				}
			}
			out[i] = v
		}
		return out, nil
	}
	return columns, values, nil
}

// insertAttachments inserts the rows' attachments, each under its
// message's ID, in one statement per batch.
func insertAttachments(tx *gorm.DB, rows []Message) error {
	var atts []*Attachment
	for i := range rows {
		for j := range rows[i].Attachments {
			a := &rows[i].Attachments[j]
			a.MessageID = rows[i].ID
			atts = append(atts, a)
		}
	}
	if len(atts) == 0 {
		return nil
	}
	if err := tx.CreateInBatches(atts, insertChunk).Error; err != nil {
		return fmt.Errorf("insert attachments: %w", err)
	}
	return nil
}

// messageRelation is one row of the join table of Message.Relations.
type messageRelation struct {
	MessageID  uint
	RelationID uint
}

// insertRelationLinks links the rows to their relations, in one
// statement per batch.
func insertRelationLinks(tx *gorm.DB, rows []Message) error {
	var links []messageRelation
	for i := range rows {
		for _, r := range rows[i].Relations {
			links = append(links, messageRelation{MessageID: rows[i].ID, RelationID: r.ID})
		}
	}
	if len(links) == 0 {
		return nil
	}
	// As gorm links a many2many: a link that exists is left as it is.
	q := tx.Table("message_relations").Clauses(clause.OnConflict{DoNothing: true})
	if err := q.CreateInBatches(links, insertChunk).Error; err != nil {
		return fmt.Errorf("link relations: %w", err)
	}
	return nil
}

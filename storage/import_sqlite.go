package storage

import (
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// An SQLite import inserts its message rows one by one through a
// statement prepared once per batch. gorm's multi-row INSERT was
// prepared anew for every ten rows (parsing some 250 parameters each
// time) and read the new IDs back as a result set (RETURNING): 0.7 s of
// CPU for 10,000 office mails, most of a commit's (BENCHMARKS.md). A
// row's raw message and text are in the pack by now (rawpack.go), so
// a row is small; SQLite gives the ID it took (last_insert_rowid).

// insertRowsSQLite inserts rows in tx, with their attachments and
// relation links; each row gets its ID.
func insertRowsSQLite(tx *gorm.DB, rows []Message) error {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return fmt.Errorf("insert messages: not in a transaction (%T)", tx.Statement.ConnPool)
	}
	columns, values, err := messageColumns(tx, false)
	if err != nil {
		return err
	}
	ctx := tx.Statement.Context
	stmt, err := sqlTx.PrepareContext(ctx, `INSERT INTO messages (`+quotedColumns(columns)+`) VALUES (`+
		strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ")+`)`)
	if err != nil {
		return fmt.Errorf("insert messages: %w", err)
	}
	defer stmt.Close()
	for i := range rows {
		args, err := values(&rows[i])
		if err != nil {
			return err
		}
		res, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("insert messages: %w", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("insert messages: %w", err)
		}
		rows[i].ID = uint(id)
	}
	if err := insertAttachments(tx, rows); err != nil {
		return err
	}
	return insertRelationLinks(tx, rows)
}

// quotedColumns is columns for a column list: "from" and "to" are
// keywords.
func quotedColumns(columns []string) string {
	q := make([]string, len(columns))
	for i, c := range columns {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

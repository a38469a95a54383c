package storage

import (
	"fmt"

	"gorm.io/gorm"

	"postbridge/problem"
)

// convertLegacyProblems brings the rows of a schema-3 or older database to
// schema 4, where what a person is told is a problem value (kind and
// arguments, as JSON) rather than a sentence: a message's attention
// reasons, a refused message's reason and an account's last failure. The
// old sentences become Legacy problems, shown as they were written; a
// failure with a kind keeps it, with its text as the detail. Rows written
// already as problems are left alone, so a second run changes nothing.
func (s *Store) convertLegacyProblems() error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := convertColumn(tx, "messages", "attention", "[%", func(text string) any {
			return problem.List{problem.Text(text)}
		}); err != nil {
			return err
		}
		if err := convertColumn(tx, "refused_messages", "reason", "{%", func(text string) any {
			return problem.Text(text)
		}); err != nil {
			return err
		}
		return convertHealthProblems(tx)
	})
}

// convertColumn rewrites every non-empty value of table.column that does
// not begin as JSON does (like) to what convert makes of it.
func convertColumn(tx *gorm.DB, table, column, like string, convert func(string) any) error {
	var rows []struct {
		ID   uint
		Text string
	}
	err := tx.Table(table).Select("id, "+column+" AS text").
		Where(column+" <> '' AND "+column+" NOT LIKE ?", like).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read %s.%s: %w", table, column, err)
	}
	for _, r := range rows {
		if err := tx.Table(table).Where("id = ?", r.ID).Update(column, convert(r.Text)).Error; err != nil {
			return fmt.Errorf("convert %s.%s of row %d: %w", table, column, r.ID, err)
		}
	}
	return nil
}

// convertHealthProblems gives every failing account row its Problem: the
// kind it was stored with and its text as the detail, or, without a kind,
// the sentence it holds as a Legacy problem.
func convertHealthProblems(tx *gorm.DB) error {
	var rows []AccountHealth
	if err := tx.Where("last_error <> '' AND (problem IS NULL OR problem = '')").Find(&rows).Error; err != nil {
		return fmt.Errorf("read account health: %w", err)
	}
	for _, h := range rows {
		p := problem.Text(h.LastError)
		if h.ErrorKind != "" {
			p = problem.New(h.ErrorKind, "detail", h.LastError)
		}
		if err := tx.Model(&AccountHealth{}).Where("id = ?", h.ID).Update("problem", p).Error; err != nil {
			return fmt.Errorf("convert the health of account %d: %w", h.AccountID, err)
		}
	}
	return nil
}

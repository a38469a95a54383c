package storage

import (
	"fmt"
	"strings"
	"time"
)

// RecordDomainCheck keeps the last deliverability check of a domain in
// the list: when, its most serious status and the report (JSON). A domain
// that is not in the list has nowhere to keep it; recorded says so.
func (s *Store) RecordDomainCheck(domain string, at time.Time, worst, report string) (recorded bool, err error) {
	at = at.UTC()
	res := s.db.Model(&SendingDomain{}).Where("domain = ?", strings.ToLower(domain)).
		Updates(map[string]any{"checked_at": &at, "check_worst": worst, "check_report": report})
	if res.Error != nil {
		return false, fmt.Errorf("domain %s: record check: %w", domain, res.Error)
	}
	return res.RowsAffected > 0, nil
}

package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// APIToken is a bearer token of the HTTP API (postbridge serve). Only
// the SHA-256 of the token is kept: the token itself is shown once,
// when it is made, and a copy of the database (a backup, a BI
// reader of the shared PostgreSQL) does not let anyone call the API. A
// salted slow hash is not needed: the token is 256 random bits, not a
// password a person chose.
type APIToken struct {
	ID   uint   `gorm:"primaryKey"`
	Name string `gorm:"uniqueIndex;not null"`
	// Hash is the hex SHA-256 of the whole token.
	Hash string `gorm:"uniqueIndex;not null"`
	// Scopes is a comma-separated subset of APIScopes.
	Scopes     string `gorm:"not null"`
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// The scopes a token can have: read the mail and the lists, or send too.
const (
	ScopeRead = "read"
	ScopeSend = "send"
)

// APIScopes lists every scope, in the order they are printed.
var APIScopes = []string{ScopeRead, ScopeSend}

// tokenPrefix marks Postbridge's tokens, so that a secret scanner or a
// person can tell what a leaked string is.
const tokenPrefix = "pbt_"

// Errors of the token commands and of the API's authentication.
var (
	ErrBadScope     = errors.New("unknown scope (known: read, send)")
	ErrTokenName    = errors.New("a token name is 1 to 64 letters, digits, '-', '_' or '.'")
	ErrTokenExists  = errors.New("a token of that name exists already")
	ErrTokenUnknown = errors.New("no such token")
)

// HasScope reports whether the token may do what scope allows.
func (t APIToken) HasScope(scope string) bool {
	return slices.Contains(strings.Split(t.Scopes, ","), scope)
}

// ParseScopes checks a comma-separated list of scopes and returns it in
// canonical order without repeats.
func ParseScopes(list string) (string, error) {
	var got []string
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if !slices.Contains(APIScopes, s) {
			return "", fmt.Errorf("%q: %w", s, ErrBadScope)
		}
		got = append(got, s)
	}
	var out []string
	for _, s := range APIScopes {
		if slices.Contains(got, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, ","), nil
}

func validTokenName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r)
		if !ok {
			return false
		}
	}
	return true
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateAPIToken makes a token with the given scopes and returns it; this
// is the only time the token is known.
func (s *Store) CreateAPIToken(name, scopes string, now time.Time) (string, error) {
	if !validTokenName(name) {
		return "", fmt.Errorf("token %q: %w", name, ErrTokenName)
	}
	scopes, err := ParseScopes(scopes)
	if err != nil {
		return "", err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make a token: %w", err)
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	err = s.db.Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&APIToken{}).Where("name = ?", name).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("token %q: %w", name, ErrTokenExists)
		}
		return tx.Create(&APIToken{Name: name, Hash: hashToken(token), Scopes: scopes, CreatedAt: now.UTC()}).Error
	})
	if err != nil {
		return "", fmt.Errorf("create token: %w", err)
	}
	return token, nil
}

// APITokens lists the tokens (never the tokens themselves), by name.
func (s *Store) APITokens() ([]APIToken, error) {
	var list []APIToken
	if err := s.db.Order("name").Find(&list).Error; err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return list, nil
}

// RevokeAPIToken deletes the token of that name: requests with it are
// refused from then on.
func (s *Store) RevokeAPIToken(name string) error {
	res := s.db.Where("name = ?", name).Delete(&APIToken{})
	if res.Error != nil {
		return fmt.Errorf("revoke token %q: %w", name, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("token %q: %w", name, ErrTokenUnknown)
	}
	return nil
}

// APITokenFor finds the token a request presented, and notes when it
// was last used (at most once a minute, not a write per request).
// ErrTokenUnknown for a token that is not (or no longer) known.
func (s *Store) APITokenFor(token string, now time.Time) (APIToken, error) {
	var t APIToken
	h := hashToken(token)
	if !strings.HasPrefix(token, tokenPrefix) {
		return t, ErrTokenUnknown
	}
	if err := s.db.Where("hash = ?", h).Limit(1).Find(&t).Error; err != nil {
		return t, fmt.Errorf("look up token: %w", err)
	}
	// The lookup is by the hash's index; comparing again in constant
	// time keeps a timing difference from telling anything.
	if t.ID == 0 || subtle.ConstantTimeCompare([]byte(t.Hash), []byte(h)) != 1 {
		return APIToken{}, ErrTokenUnknown
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		at := now.UTC()
		t.LastUsedAt = &at
		s.db.Model(&APIToken{}).Where("id = ?", t.ID).Update("last_used_at", at)
	}
	return t, nil
}

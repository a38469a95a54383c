package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"postbridge/domain"
)

func TestCredentials(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"user.Alice.imap":               "s3cret\n",
		"user.Tineke%20de%20Vries.imap": "with spaces",
		"db.postgres":                   "pg\r\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o400); err != nil {
			t.Fatal(err)
		}
	}
	c := Credentials{Dir: dir}
	tests := []struct {
		key, want string
		err       error
	}{
		{"user/Alice/imap", "s3cret", nil},
		{domain.SecretUserIMAP("Tineke de Vries", 0), "with spaces", nil},
		{"db/postgres", "pg", nil},
		{"company/smtp", "", domain.ErrNoSecret},
		{"hunter2", "", ErrBadSecretKey},
	}
	for _, tt := range tests {
		got, err := c.Get(tt.key)
		if got != tt.want || !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
			t.Errorf("Get(%q) = %q, %v; want %q, %v", tt.key, got, err, tt.want, tt.err)
		}
	}
	if err := c.Set("company/smtp", "x"); !errors.Is(err, ErrCredentialsReadOnly) {
		t.Errorf("Set = %v, want ErrCredentialsReadOnly", err)
	}
	if err := c.Delete("company/smtp"); !errors.Is(err, ErrCredentialsReadOnly) {
		t.Errorf("Delete = %v, want ErrCredentialsReadOnly", err)
	}
}

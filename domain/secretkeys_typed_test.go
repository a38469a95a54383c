package domain

import "testing"

func TestSecretKeyAsStored(t *testing.T) {
	tests := []struct{ typed, want string }{
		{"user/Alice/imap", "user/Alice/imap"},
		{"user/Tineke de Vries/imap", SecretUserIMAP("Tineke de Vries", 0)},
		{"user/Tineke%20de%20Vries/imap", SecretUserIMAP("Tineke de Vries", 0)},
		{"user/Jörg/imap/1", SecretUserIMAP("Jörg", 1)},
		{"user/Tineke de Vries/imap/1/smtp", SecretAccountSMTP(SecretUserIMAP("Tineke de Vries", 1))},
		{"user/Tineke de Vries/smtp", SecretUserSMTP("Tineke de Vries")},
		{"user/Tineke de Vries/work", SecretUserWork("Tineke de Vries")},
		{"user/50%off/imap", SecretUserIMAP("50%off", 0)},
		{"mailserver/Hoofd kantoor", SecretMailServer("Hoofd kantoor")},
		{"company/smtp", "company/smtp"},
		{"db/postgres", "db/postgres"},
		{"hunter2", "hunter2"},
	}
	for _, tt := range tests {
		if got := SecretKeyAsStored(tt.typed); got != tt.want {
			t.Errorf("SecretKeyAsStored(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

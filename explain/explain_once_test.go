package explain

import (
	"fmt"
	"testing"

	"postbridge/app"
	"postbridge/storage"
)

// Each error reads as one sentence with its fix, and no clause twice.
func TestExplainSaysItOnce(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{app.ErrNotOAuth2, "this login uses a password: choose OAuth2 as its authentication first"},
		{fmt.Errorf("company login %q: %w", "x", app.ErrUnknownLogin), `there is no such login: company login "x"`},
		{fmt.Errorf("check: %w", &storage.UnknownUserError{Name: "Nobody"}),
			`there is no user "Nobody": check the name as the Users screen or postbridge status shows it`},
		{&storage.UnknownUserError{Name: "alice", Similar: "Alice"},
			`there is no user "alice"; did you mean "Alice"? (user names are case-sensitive)`},
		{storage.CheckDSN("mysql://root:hunter2@db/x"),
			"Postbridge cannot open a mysql:// database: give --db or POSTBRIDGE_DB a SQLite file path or a postgres:// URL"},
	}
	for _, tt := range tests {
		if got := Error(tt.err); got != tt.want {
			t.Errorf("Error(%v) =\n %q, want\n %q", tt.err, got, tt.want)
		}
	}
}

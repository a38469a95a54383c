package storage

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// limitErrorTests join TestImportWithErrorChangesNothing: numbers outside
// their range, paths that cannot be right and user names that differ
// only in case are refused at their path, and nothing is written.
var limitErrorTests = []struct {
	name   string
	modify func(f *SettingsFile)
	want   string
}{
	{"relative attachment path", func(f *SettingsFile) { f.Company.AttachmentPath = "attachments" },
		`company.attachment_path: "attachments" is not a full folder path`},
	{"attachment path with NUL", func(f *SettingsFile) { f.Company.AttachmentPath = "/srv/a\x00b" },
		`company.attachment_path: "/srv/a\x00b" contains a NUL character`},
	{"auto sync minutes that overflow", func(f *SettingsFile) { f.Users[0].IMAP[0].AutoSyncMinutes = 200000000 },
		"users[0].imap[0].auto_sync_minutes: 200000000 is not a number of minutes (1-1440, or 0 for the default)"},
	{"negative auto sync minutes", func(f *SettingsFile) { f.Users[0].IMAP[0].AutoSyncMinutes = -5 },
		"users[0].imap[0].auto_sync_minutes: -5 is not a number of minutes (1-1440"},
	{"timeout over an hour", func(f *SettingsFile) { f.Users[0].IMAP[0].Timeout = 3601 },
		"users[0].imap[0].timeout: 3601 is not a number of seconds (1-3600, or 0 for the default)"},
	{"negative sync days", func(f *SettingsFile) { f.Users[0].IMAP[0].SyncDays = -1 },
		"users[0].imap[0].sync_days: -1 is not a number of days (0-36500)"},
	{"sync days over a century", func(f *SettingsFile) { f.Users[0].IMAP[0].SyncDays = math.MaxInt32 },
		"users[0].imap[0].sync_days: 2147483647 is not a number of days (0-36500)"},
	{"two new users differing in case", func(f *SettingsFile) {
		f.Users = append(f.Users, UserJSON{Name: "Carol"}, UserJSON{Name: "carol"})
	}, `users[3].name: "carol" differs from user "Carol" only in upper and lower case`},
	{"a user differing from a stored one in case", func(f *SettingsFile) {
		f.Users = append(f.Users, UserJSON{Name: "ALICE"})
	}, `users[2].name: "ALICE" differs from user "Alice" only in upper and lower case`},
}

func TestNumbersInRangeAreAccepted(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		doc := loadExample(t)
		a := &doc.Users[0].IMAP[0]
		a.AutoSyncMinutes, a.Timeout, a.SyncDays = AutoSyncMinutesMax, TimeoutSecMax, SyncDaysMax
		doc.Company.AttachmentPath = `\\fileserver\attachments`
		if err := s.ImportSettings(doc); err != nil {
			t.Fatalf("import with the largest values: %v", err)
		}
		a.AutoSyncMinutes, a.Timeout, a.SyncDays = 1, 1, 0
		doc.Company.AttachmentPath = `C:\Postbridge\Bijlagen`
		if err := s.ImportSettings(doc); err != nil {
			t.Fatalf("import with the smallest values: %v", err)
		}
	})
}

func TestDurationsAreBounded(t *testing.T) {
	tests := []struct {
		name string
		got  time.Duration
		want time.Duration
	}{
		{"interval 0 is the default", AutoSyncInterval(0), DefaultAutoSyncMinutes * time.Minute},
		{"negative interval is the default", AutoSyncInterval(-3), DefaultAutoSyncMinutes * time.Minute},
		{"interval in range", AutoSyncInterval(15), 15 * time.Minute},
		{"overflowing interval is a day", AutoSyncInterval(200000000), 24 * time.Hour},
		{"largest int interval is a day", AutoSyncInterval(math.MaxInt), 24 * time.Hour},
		{"timeout 0 is the caller's default", AccountTimeout(0), 0},
		{"timeout in range", AccountTimeout(90), 90 * time.Second},
		{"overflowing timeout is an hour", AccountTimeout(math.MaxInt), time.Hour},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestIsFullPath(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/srv/attachments", true},
		{`C:\Postbridge`, true},
		{"D:/Postbridge", true},
		{`\\server\share`, true},
		{"attachments", false},
		{"./attachments", false},
		{`C:Postbridge`, false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsFullPath(tt.path); got != tt.want {
			t.Errorf("IsFullPath(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// The window and the command line create and rename users through
// SaveUser: a name that differs from another only in case is refused
// there too, and the same name in the same case stays a duplicate.
func TestSaveUserRefusesNamesDifferingInCase(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		alice := &User{Name: "Alice"}
		if err := s.SaveUser(alice); err != nil {
			t.Fatal(err)
		}
		bob := &User{Name: "Bob"}
		if err := s.SaveUser(bob); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			user *User
			want string
		}{
			{"new user in other case", &User{Name: "alice"}, `"alice" differs from user "Alice" only in upper and lower case`},
			{"rename into other case", &User{ID: bob.ID, Name: "ALICE"}, `"ALICE" differs from user "Alice" only in upper and lower case`},
			{"same name", &User{Name: "Alice"}, `duplicate user "Alice"`},
			{"own name in other case", &User{ID: alice.ID, Name: "ALICE"}, ""},
			{"a name with a letter beyond ASCII", &User{Name: "Åse"}, ""},
			{"that name in other case", &User{Name: "åse"}, `"åse" differs from user "Åse" only in upper and lower case`},
		}
		for _, tt := range tests {
			err := s.SaveUser(tt.user)
			if got := problemAt(err, "name"); got != tt.want {
				t.Errorf("%s: problem %q (error %v), want %q", tt.name, got, err, tt.want)
			}
			if tt.want != "" && !errors.Is(err, ErrInvalidSettings) {
				t.Errorf("%s: error %v is not ErrInvalidSettings", tt.name, err)
			}
		}
		var names []string
		s.db.Model(&User{}).Order("id").Pluck("name", &names)
		if got := strings.Join(names, ","); got != "ALICE,Bob,Åse" {
			t.Errorf("users after the refusals: %s", got)
		}
	})
}

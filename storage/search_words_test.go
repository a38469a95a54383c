package storage

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ftsTerms is the set of terms FTS5 (unicode61, as message_search uses it)
// makes of text, read back through an fts5vocab table.
func ftsTerms(t *testing.T, s *Store, table, text string) []string {
	t.Helper()
	for _, stmt := range []string{
		`CREATE VIRTUAL TABLE ` + table + ` USING fts5(x, content='', detail=none)`,
		`CREATE VIRTUAL TABLE ` + table + `_vocab USING fts5vocab(` + table + `, 'row')`,
	} {
		if err := s.db.Exec(stmt).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.db.Exec(`INSERT INTO `+table+`(rowid, x) VALUES (1, ?)`, text).Error; err != nil {
		t.Fatal(err)
	}
	var terms []string
	if err := s.db.Raw(`SELECT term FROM ` + table + `_vocab ORDER BY term`).Scan(&terms).Error; err != nil {
		t.Fatal(err)
	}
	return terms
}

// The index gets the same terms from distinctWords as from the whole
// text, for the texts where cutting words at the wrong place or folding
// differently from the tokenizer would show.
func TestDistinctWordsKeepsTheIndexTerms(t *testing.T) {
	s := openTemp(t)
	tests := []struct{ name, text string }{
		{"repeats and case", "Beton BETON beton betonnen. Staal, staal; STAAL!"},
		{"umlauts and diacritics", "Schüttgut SCHÜTTGUT schüttgut über Über uber café cafe\u0301 CAFÉ naïve"},
		{"Nordic and sharp s", "Ærlig ærlig blåbær BLÅBÆR Straße STRASSE strasse øl Øl"},
		{"addresses and numbers", "jan@klant.test Jan@Klant.TEST 210-01 2026-12-06 x1y2 a_b a_b"},
		{"non-ASCII separators", "a\u00a0b a\u2014b \u201cquoted\u201d \u00abguillemets\u00bb a\u3000b"},
		{"scripts and symbols", "日本語のテキスト 日本語 Ελληνικά ελληνικά 😀 😀 €100 ½"},
		{"line ends and tabs", "first\nsecond\r\nthird\tfourth\n\n> quoted first\n> quoted second"},
		{"invalid UTF-8", "bad\xc3(byte bad\xc3(byte \xff\xfe tail\xe2\x82"},
		{"empty", ""},
		{"only separators", " .,;:!?-_()[]{}<>@#$%^&*+=|\\/~`'\"\n\t"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ftsTerms(t, s, fmt.Sprintf("whole%d", i), tt.text)
			got := ftsTerms(t, s, fmt.Sprintf("distinct%d", i), distinctWords(tt.text))
			if !slices.Equal(got, want) {
				t.Errorf("terms of distinctWords(%q)\n got %q\nwant %q", tt.text, got, want)
			}
		})
	}
}

// A word repeated throughout a text reaches the tokenizer once.
func TestDistinctWordsGivesEachWordOnce(t *testing.T) {
	// Enough distinct words to grow the word table several times, each
	// twice and in another case the second time.
	var many, manyOnce strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&manyOnce, "w%dx ", i)
	}
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&many, "w%dx, W%dX. ", i, i)
	}
	tests := []struct{ text, want string }{
		{many.String(), manyOnce.String()},
		{"beton Beton BETON", "beton "},
		{"a, b. a; c", "a b c "},
		{"Über über", "Über über "}, // non-ASCII case is the tokenizer's to fold
		{"", ""},
		{strings.Repeat("staal ", 1000), "staal "},
	}
	for _, tt := range tests {
		if got := distinctWords(tt.text); got != tt.want {
			t.Errorf("distinctWords(%.20q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// PostgreSQL's tokens are cut at blanks only and kept as written (its
// parser folds them); a body with a '<' goes whole, and every body is
// cut at pgSearchBodyChars characters, not bytes.
func TestPgBodyTokens(t *testing.T) {
	long := strings.Repeat("ü", pgSearchBodyChars-1) + " staal staal"
	tests := []struct{ text, want string }{
		{"Beton beton BETON beton", "Beton beton BETON "},
		{"a,b a,b\ta,b\r\nc\n\nc", "a,b c "},
		{"jan@klant.test jan@klant.test e-mail", "jan@klant.test e-mail "},
		{"z> y <b class=y z> y", "z> y <b class=y z> y"},
		{long, strings.Repeat("ü", pgSearchBodyChars-1) + " "},
		{"", ""},
	}
	for _, tt := range tests {
		if got := pgBodyTokens(tt.text); got != tt.want {
			t.Errorf("pgBodyTokens(%.20q) = %.40q, want %.40q", tt.text, got, tt.want)
		}
	}
}

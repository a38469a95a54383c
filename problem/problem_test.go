package problem

import (
	"reflect"
	"testing"
)

// A problem is stored as JSON and read back whole; a column that holds
// a sentence (a row from before problems were stored) reads as Legacy.
func TestStoredAndReadBack(t *testing.T) {
	p := New("attention.unknown_project", "Number", "1999; 001")
	p.Code, p.Enhanced, p.Temp = 451, "4.3.0", true
	tests := []struct {
		name   string
		stored string
		want   P
	}{
		{"a problem", mustValue(t, p), p},
		{"nothing", "", P{}},
		{"a sentence", "several relations have a@b.test", Text("several relations have a@b.test")},
		{"a sentence in braces", "{not json", Text("{not json")},
	}
	for _, tt := range tests {
		var got P
		if err := got.Scan(tt.stored); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Scan(%q) = %+v, %v; want %+v", tt.name, tt.stored, got, err, tt.want)
		}
	}
	if !p.Temporary() || New("x").Temporary() {
		t.Error("Temporary does not say what Temp holds")
	}
}

func TestListStoredAndReadBack(t *testing.T) {
	l := List{New("attention.shared_address", "Address", "a@b.test"), New("attention.unknown_project", "Number", "9; 10")}
	v, err := l.Value()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		stored any
		want   List
	}{
		{"a list", v, l},
		{"bytes", []byte(v.(string)), l},
		{"nothing", nil, nil},
		// Never split at "; ": a value may hold it.
		{"a joined sentence", "several relations have a@b.test; unknown project 9", List{Text("several relations have a@b.test; unknown project 9")}},
	}
	for _, tt := range tests {
		var got List
		if err := got.Scan(tt.stored); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Scan(%v) = %+v, %v; want %+v", tt.name, tt.stored, got, err, tt.want)
		}
	}
}

func mustValue(t *testing.T, p P) string {
	t.Helper()
	v, err := p.Value()
	if err != nil {
		t.Fatal(err)
	}
	return v.(string)
}

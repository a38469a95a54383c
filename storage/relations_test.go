package storage

import (
	"errors"
	"testing"
	"time"
)

func relationNames(list []Relation) []string {
	var out []string
	for _, r := range list {
		out = append(out, r.Name)
	}
	return out
}

func TestSaveSearchAndDeleteRelations(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		jansen := &Relation{Name: "Jansen Installatietechniek", Company: "Jansen B.V.",
			Emails: []RelationEmail{{Address: " Piet@Jansen-Install.NL "}, {Address: ""}, {Address: "piet@jansen-install.nl"}}}
		if err := s.SaveRelation(jansen); err != nil || jansen.ID == 0 {
			t.Fatalf("save: %v", err)
		}
		if len(jansen.Emails) != 1 || jansen.Emails[0].Address != "piet@jansen-install.nl" {
			t.Errorf("addresses after save = %+v, want one, lower-case", jansen.Emails)
		}
		for _, r := range []*Relation{
			{Name: "Gemeente Utrecht", Company: "Gemeente", Emails: []RelationEmail{{Address: "bouwzaken@utrecht.nl"}}},
			{Name: "100%_Hout", Emails: []RelationEmail{{Address: "info@honderdprocenthout.nl"}}},
		} {
			if err := s.SaveRelation(r); err != nil {
				t.Fatal(err)
			}
		}
		refused := []struct {
			r     Relation
			field string
			want  error
		}{
			{Relation{Name: " "}, "name", ErrRequired},
			{Relation{Name: "Gemeente Utrecht"}, "name", ErrDuplicate},
			{Relation{Name: "X", Emails: []RelationEmail{{Address: "geen adres"}}}, "emails", ErrInvalidAddress},
		}
		for _, tt := range refused {
			var ce *CardError
			if err := s.SaveRelation(&tt.r); !errors.As(err, &ce) || ce.Field != tt.field || !errors.Is(err, tt.want) {
				t.Errorf("save %+v = %v, want %s %v", tt.r, err, tt.field, tt.want)
			}
		}

		searches := []struct {
			query string
			want  []string
		}{
			{"", []string{"100%_Hout", "Gemeente Utrecht", "Jansen Installatietechniek"}},
			{"JANSEN", []string{"Jansen Installatietechniek"}}, // name, any case
			{"gemeente", []string{"Gemeente Utrecht"}},         // name and company
			{"utrecht.NL", []string{"Gemeente Utrecht"}},       // an address
			{"b.v.", []string{"Jansen Installatietechniek"}},   // company
			{"%", []string{"100%_Hout"}},                       // a literal %, not a wildcard
			{"_", []string{"100%_Hout"}},                       // a literal _
			{"niemand", nil},
		}
		for _, tt := range searches {
			list, err := s.Relations(tt.query)
			if got := relationNames(list); err != nil || !equalStrings(got, tt.want) {
				t.Errorf("Relations(%q) = %v, %v; want %v", tt.query, got, err, tt.want)
			}
		}

		// Changing the addresses replaces them.
		jansen.Emails = []RelationEmail{{Address: "info@jansen-install.nl"}}
		if err := s.SaveRelation(jansen); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Relations("piet@"); len(list) != 0 {
			t.Errorf("old address still found: %v", relationNames(list))
		}

		// Deleting a relation keeps its mail, unlinked.
		if _, err := s.ImportBatch(1, []NewMessage{{Message: Message{Folder: "In", UIDValidity: 1, UID: 1, SHA256: "r1",
			Direction: DirectionIn, Subject: "Offerte"}, LinkAddresses: []string{"info@jansen-install.nl"}}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRelation(jansen.ID); err != nil {
			t.Fatalf("delete: %v", err)
		}
		msgs, _ := s.ListMessages(MessageFilter{})
		if len(msgs) != 1 || len(msgs[0].Relations) != 0 {
			t.Errorf("after delete: %d messages, links %+v", len(msgs), msgs)
		}
		if err := s.DeleteRelation(jansen.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("delete again = %v, want ErrNotFound", err)
		}
		if list, _ := s.Relations(""); len(list) != 2 {
			t.Errorf("%d relations left, want 2", len(list))
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

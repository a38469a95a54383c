package storage

import (
	"errors"
	"testing"
	"time"
)

func TestSaveSearchAndDeleteProjects(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		school := &Project{Number: " 2024-017 ", Description: "Nieuwbouw basisschool De Regenboog"}
		if err := s.SaveProject(school); err != nil || school.ID == 0 || school.Number != "2024-017" {
			t.Fatalf("save: %v, %+v", err, school)
		}
		if err := s.SaveProject(&Project{Number: "2025-003", Description: "Renovatie WONINGEN Oudwijk"}); err != nil {
			t.Fatal(err)
		}
		refused := []struct {
			p    Project
			want error
		}{
			{Project{Number: ""}, ErrRequired},
			{Project{Number: "2024-017"}, ErrDuplicate},
			{Project{Number: "2024 017"}, ErrNumberHasSpace},
		}
		for _, tt := range refused {
			var ce *CardError
			if err := s.SaveProject(&tt.p); !errors.As(err, &ce) || ce.Field != "number" || !errors.Is(err, tt.want) {
				t.Errorf("save %+v = %v, want number %v", tt.p, err, tt.want)
			}
		}
		searches := []struct {
			query string
			want  []string
		}{
			{"", []string{"2024-017", "2025-003"}},
			{"2025", []string{"2025-003"}},
			{"woningen", []string{"2025-003"}},
			{"REGENBOOG", []string{"2024-017"}},
			{"-0", []string{"2024-017", "2025-003"}},
			{"brug", nil},
		}
		for _, tt := range searches {
			list, err := s.Projects(tt.query)
			var got []string
			for _, p := range list {
				got = append(got, p.Number)
			}
			if err != nil || !equalStrings(got, tt.want) {
				t.Errorf("Projects(%q) = %v, %v; want %v", tt.query, got, err, tt.want)
			}
		}
		school.Description = "Nieuwbouw basisschool"
		if err := s.SaveProject(school); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Projects("regenboog"); len(list) != 0 {
			t.Error("the old description is still found")
		}

		if _, err := s.ImportBatch(1, []NewMessage{{Message: Message{Folder: "ProjektPro/2024-017 X", UIDValidity: 1, UID: 1,
			SHA256: "p1", Direction: DirectionIn}, ProjectNumber: "2024-017"}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteProject(school.ID); err != nil {
			t.Fatalf("delete: %v", err)
		}
		if msgs, _ := s.ListMessages(MessageFilter{}); len(msgs) != 1 || msgs[0].ProjectID != nil {
			t.Errorf("after delete: %+v", msgs)
		}
		if err := s.DeleteProject(school.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("delete again = %v, want ErrNotFound", err)
		}
	})
}

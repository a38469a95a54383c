package storage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestResolveAttention(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		err := s.ImportSettings(&SettingsFile{
			Relations: []RelationJSON{
				{Name: "Jansen Installatietechniek", Emails: []string{"info@bouwgroep.nl"}},
				{Name: "Bakker Dakwerken", Emails: []string{"info@bouwgroep.nl", "jan@bakkerdak.nl"}},
			},
			Projects: []ProjectJSON{{Number: "2024-017", Description: "Nieuwbouw school"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportBatch(1, []NewMessage{
			{Message: Message{Folder: "In", UIDValidity: 1, UID: 1, SHA256: "a1", Direction: DirectionOut, Subject: "Planning"},
				LinkAddresses: []string{"info@bouwgroep.nl", "jan@bakkerdak.nl"}},
			{Message: Message{Folder: "In", UIDValidity: 1, UID: 2, SHA256: "a2", Direction: DirectionIn, Subject: "Tekening"},
				ProjectNumber: "1999-001"},
		}, time.Now())
		if err != nil || res.NeedsAttention != 2 {
			t.Fatalf("import: %+v, %v", res, err)
		}
		waiting, _ := s.ListMessages(MessageFilter{NeedsAttention: true})
		if len(waiting) != 2 {
			t.Fatalf("%d need attention, want 2", len(waiting))
		}
		byID := map[string]Message{}
		for _, m := range waiting {
			byID[m.Subject] = m
		}
		rels, _ := s.Relations("jansen")
		projects, _ := s.Projects("2024-017")

		if err := s.ResolveAttention(byID["Planning"].ID, AttentionLink{}); !errors.Is(err, ErrNoLinkChosen) {
			t.Errorf("resolve without a link = %v", err)
		}
		if err := s.ResolveAttention(byID["Planning"].ID, AttentionLink{RelationID: 9999}); !errors.Is(err, ErrNotFound) {
			t.Errorf("resolve with an unknown relation = %v", err)
		}
		if err := s.ResolveAttention(byID["Planning"].ID, AttentionLink{RelationID: rels[0].ID}); err != nil {
			t.Fatal(err)
		}
		if err := s.ResolveAttention(byID["Tekening"].ID, AttentionLink{ProjectID: projects[0].ID}); err != nil {
			t.Fatal(err)
		}
		if waiting, _ := s.ListMessages(MessageFilter{NeedsAttention: true}); len(waiting) != 0 {
			t.Errorf("%d still need attention", len(waiting))
		}
		all, _ := s.ListMessages(MessageFilter{})
		for _, m := range all {
			switch m.Subject {
			case "Planning":
				// The unambiguous address stays linked; the chosen relation joins it.
				if got := relationNames(m.Relations); !equalStrings(got, []string{"Bakker Dakwerken", "Jansen Installatietechniek"}) ||
					m.State != StateImported || len(m.Attention) != 0 {
					t.Errorf("Planning: relations %v state %s %v", got, m.State, m.Attention)
				}
			case "Tekening":
				if m.Project == nil || m.Project.Number != "2024-017" || m.State != StateImported {
					t.Errorf("Tekening: project %+v state %s", m.Project, m.State)
				}
			}
		}
	})
}

func TestAttachmentFileStaysUnderTheAttachmentPath(t *testing.T) {
	s := openTemp(t)
	if _, err := s.AttachmentFile(Attachment{Path: "2024/05/x/a.pdf"}); !errors.Is(err, ErrNoAttachmentPath) {
		t.Errorf("without an attachment path = %v", err)
	}
	root := t.TempDir()
	if err := s.ImportSettings(&SettingsFile{Company: &CompanyJSON{Name: "De Vries", AttachmentPath: root}}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "2024", "05"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "2024", "05", "a.pdf"), []byte("%PDF-1.4"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := s.AttachmentFile(Attachment{Path: "2024/05/a.pdf"})
	if err != nil || got != filepath.Join(root, "2024", "05", "a.pdf") {
		t.Errorf("AttachmentFile = %q, %v", got, err)
	}
	if _, err := s.AttachmentFile(Attachment{Path: "../../etc/passwd"}); !errors.Is(err, os.ErrPermission) {
		t.Errorf("a path leading out = %v, want refused", err)
	}
	if _, err := s.AttachmentFile(Attachment{Path: "2024/05/gone.pdf"}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file = %v, want ErrNotExist", err)
	}
}

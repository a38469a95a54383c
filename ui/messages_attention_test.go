package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"postbridge/problem"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"postbridge/storage"
)

// messagesOnScreen finds the Messages screen's filter, list and detail
// selects in the window (the screen keeps no handle for tests).
func messagesOnScreen(t *testing.T, w *MainWindow) (filter *widget.Check, list *tableRows) {
	t.Helper()
	walk(w.content, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Check:
			if x.Text == "Needs attention" {
				filter = x
			}
		case *widget.Table:
			list = &tableRows{x}
		}
	})
	if filter == nil || list == nil {
		t.Fatal("Messages screen without its filter or list")
	}
	return filter, list
}

func selectWithPlaceholder(t *testing.T, root fyne.CanvasObject, placeholder string) *widget.Select {
	t.Helper()
	var found *widget.Select
	walk(root, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && s.PlaceHolder == placeholder {
			found = s
		}
	})
	if found == nil {
		t.Fatalf("no select %q", placeholder)
	}
	return found
}

// attentionOffice has two relations sharing an address, so mail from it
// needs a person to choose, and a project.
func attentionOffice(t *testing.T, w *MainWindow, attachments string) {
	t.Helper()
	err := w.backend.Actions.Store.ImportSettings(&storage.SettingsFile{
		Company: &storage.CompanyJSON{Name: "Bouwbedrijf De Vries B.V.", AttachmentPath: attachments},
		Relations: []storage.RelationJSON{
			{Name: "Aannemersbedrijf Smit", Emails: []string{"info@bouwcombinatie.nl"}},
			{Name: "Van Dijk Architecten", Emails: []string{"info@bouwcombinatie.nl"}},
			{Name: "Gemeente Utrecht", Emails: []string{"bouwzaken@utrecht.nl"}},
		},
		Projects: []storage.ProjectJSON{{Number: "2024-017", Description: "Nieuwbouw basisschool"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.backend.Actions.Store.ImportBatch(1, []storage.NewMessage{
		{Message: storage.Message{Folder: "Postbridge/In", UIDValidity: 1, UID: 1, SHA256: "m1", Direction: storage.DirectionIn,
			From: "Bouwcombinatie <info@bouwcombinatie.nl>", To: "tineke@devriesbouw.nl", Subject: "Planning fundering",
			Date:        time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC),
			Attachments: []storage.Attachment{{FileName: "planning.pdf", ContentType: "application/pdf", Size: 8, Path: "2024/05/ab/planning.pdf"}}},
			LinkAddresses: []string{"info@bouwcombinatie.nl"}},
		{Message: storage.Message{Folder: "Postbridge/In", UIDValidity: 1, UID: 2, SHA256: "m2", Direction: storage.DirectionIn,
			From: "bouwzaken@utrecht.nl", Subject: "Vergunning", Date: time.Date(2024, 5, 13, 9, 0, 0, 0, time.UTC)},
			LinkAddresses: []string{"bouwzaken@utrecht.nl"}},
	}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
}

func TestChoosingALinkResolvesNeedsAttention(t *testing.T) {
	w := recordWindow(t)
	attentionOffice(t, w, t.TempDir())
	w.display(6) // Messages, read afresh
	filter, list := messagesOnScreen(t, w)

	test.Tap(filter)
	if n := list.Length(); n != 1 {
		t.Fatalf("the filter shows %d messages, want the 1 that needs attention", n)
	}
	list.Select(0)
	relation := selectWithPlaceholder(t, w.content, "(choose a relation)")
	// The two relations that share the sender's address come first.
	if len(relation.Options) != 3 || !strings.HasPrefix(relation.Options[0], "Aannemersbedrijf Smit") ||
		!strings.HasPrefix(relation.Options[1], "Van Dijk Architecten") {
		t.Fatalf("relation choices %q", relation.Options)
	}
	relation.SetSelectedIndex(1)
	selectWithPlaceholder(t, w.content, "(choose a project)").SetSelectedIndex(0)
	tapIn(t, w.content, "Link")

	if n := list.Length(); n != 0 {
		t.Errorf("%d still on the needs-attention list", n)
	}
	all, _ := w.backend.Actions.Store.ListMessages(storage.MessageFilter{})
	for _, m := range all {
		if m.Subject != "Planning fundering" {
			continue
		}
		if m.State != storage.StateImported || len(m.Relations) != 1 || m.Relations[0].Name != "Van Dijk Architecten" ||
			m.Project == nil || m.Project.Number != "2024-017" {
			t.Errorf("resolved message: state %s relations %+v project %+v", m.State, m.Relations, m.Project)
		}
	}
}

func TestLinkWithoutAChoiceSaysWhat(t *testing.T) {
	w := recordWindow(t)
	attentionOffice(t, w, t.TempDir())
	w.display(6)
	filter, list := messagesOnScreen(t, w)
	test.Tap(filter)
	list.Select(0)
	tapIn(t, w.content, "Link")
	if got := strings.ToLower(overlayText(w.Window())); !strings.Contains(got, "choose a relation or a project") {
		t.Errorf("Link without a choice said %q", got)
	}
	if n := list.Length(); n != 1 {
		t.Errorf("%d on the list after a refused Link", n)
	}
}

func TestOpenAttachmentOpensTheSavedFile(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "2024", "05", "ab", "planning.pdf")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("%PDF-1.4"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Fyne's test app opens nothing; this one also notes what it was asked.
	a := &urlRecorder{App: test.NewTempApp(t)}
	w := NewMainWindow(a, emptyBackend(t))
	t.Cleanup(func() { w.Window().Close() })
	attentionOffice(t, w, root)
	w.display(6)
	_, list := messagesOnScreen(t, w)
	list.Select(0) // newest first: the one with the attachment
	tapIn(t, w.content, "Open planning.pdf")
	if opened := a.opened; len(opened) != 1 || opened[0].Scheme != "file" || filepath.FromSlash(opened[0].Path) != file {
		t.Fatalf("opened %v, want file://%s", opened, file)
	}

	// A file that is gone is said so, not opened.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	tapIn(t, w.content, "Open planning.pdf")
	if len(a.opened) != 1 || !strings.Contains(strings.ToLower(overlayText(w.Window())), "file not found") {
		t.Errorf("a missing file: opened %v, dialog %q", a.opened, overlayText(w.Window()))
	}
}

func TestAttentionReasonsInTheWindowsLanguage(t *testing.T) {
	switchLocaleForTest(t, "nl_NL.UTF-8")
	got := attentionReasons(problem.List{
		problem.New(storage.AttentionSharedAddress, "Address", "info@bouwcombinatie.nl"),
		// A project number may hold the separator the window joins with.
		problem.New(storage.AttentionUnknownProject, "Number", "1999; 001"),
	})
	want := "meerdere relaties hebben info@bouwcombinatie.nl; er is geen project 1999; 001"
	if got != want {
		t.Errorf("attentionReasons = %q, want %q", got, want)
	}
	// A row of an older Postbridge holds its English sentence, shown as it is.
	if got := attentionReasons(problem.DecodeList("several relations have a@b.test; something new")); got != "several relations have a@b.test; something new" {
		t.Errorf("a legacy row reads %q", got)
	}
}

// tableRows reads the Messages table as the list it replaced.
type tableRows struct{ t *widget.Table }

func (r *tableRows) Length() int { n, _ := r.t.Length(); return n }

func (r *tableRows) Select(row int) { r.t.Select(widget.TableCellID{Row: row, Col: 0}) }

// The relation card and the project card list their mail (manual 000, 004).
func TestCardsListTheirMail(t *testing.T) {
	w := recordWindow(t)
	attentionOffice(t, w, t.TempDir())
	rels, _ := w.backend.Actions.Store.Relations("")
	var utrecht storage.Relation
	for _, r := range rels {
		if r.Name == "Gemeente Utrecht" {
			utrecht = r
		}
	}
	r := newRelations(w)
	putScreen(w, 4, r.screen.body)
	r.open(utrecht)
	var texts []string
	walk(r.screen.body, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	got := strings.Join(texts, "\n")
	if !strings.Contains(got, "1 message\n") || !strings.Contains(got, "Vergunning") || strings.Contains(got, "Planning fundering") {
		t.Errorf("the relation card of Gemeente Utrecht shows %q; want its one message, Vergunning", got)
	}
}

// The user, relation and project selects narrow the list to the chosen
// row's mail, and "every …" widens it again.
func TestMessageFiltersByRelationAndProject(t *testing.T) {
	w := recordWindow(t)
	attentionOffice(t, w, t.TempDir())
	screen := w.messagesScreen()
	counts := func() []string {
		var out []string
		walk(screen, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && (strings.HasSuffix(l.Text, " messages") || l.Text == "1 message") {
				out = append(out, l.Text)
			}
		})
		return out
	}
	pick := func(first, option string) {
		t.Helper()
		var sel *widget.Select
		walk(screen, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok && len(s.Options) > 0 && s.Options[0] == first {
				sel = s
			}
		})
		if sel == nil {
			t.Fatalf("no filter starting with %q", first)
		}
		sel.SetSelected(option)
	}
	if got := counts(); len(got) != 1 || got[0] != "2 messages" {
		t.Fatalf("unfiltered: %v, want 2 messages", got)
	}
	pick("every relation", "Gemeente Utrecht")
	if got := counts(); got[0] != "1 message" {
		t.Errorf("Gemeente Utrecht: %v, want 1 message", got)
	}
	pick("every relation", "every relation")
	pick("every project", "2024-017 Nieuwbouw basisschool")
	if got := counts(); got[0] != "0 messages" {
		t.Errorf("a project without mail: %v, want 0 messages", got)
	}
	pick("every project", "every project")
	if got := counts(); got[0] != "2 messages" {
		t.Errorf("every filter back to any: %v, want 2 messages", got)
	}
}

// urlRecorder is an app that notes the addresses it is asked to open.
type urlRecorder struct {
	fyne.App
	opened []*url.URL
}

func (a *urlRecorder) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u)
	return nil
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestProjectsCardSearchAndDelete(t *testing.T) {
	w := recordWindow(t)
	p := newProjects(w)
	putScreen(w, 5, p.screen.body)

	tapIn(t, p.screen.body, "New")
	test.Type(p.card.number, "210-01")
	test.Type(p.card.description, "Musterprojekt Wohnanlage")
	if got := p.card.folder.Text; got != "ProjektPro/210-01 Musterprojekt Wohnanlage" {
		t.Errorf("folder shown as %q (manual 004: [ProjektNummer] + [ ] + Beschreibung)", got)
	}
	tapIn(t, p.screen.body, "Save")
	list, _ := w.backend.Actions.Store.Projects("")
	if len(list) != 1 || list[0].Number != "210-01" || list[0].Description != "Musterprojekt Wohnanlage" {
		t.Fatalf("saved %+v", list)
	}

	p.screen.list.Select(0)
	tapIn(t, p.screen.body, "Change")
	if p.card.number.Text != "210-01" || p.card.description.Text != "Musterprojekt Wohnanlage" {
		t.Errorf("reopened: %q %q", p.card.number.Text, p.card.description.Text)
	}
	tapIn(t, p.screen.body, "Cancel")

	// A number with a space could never be found in a folder name: refused on the field.
	tapIn(t, p.screen.body, "New")
	test.Type(p.card.number, "2024 017")
	tapIn(t, p.screen.body, "Save")
	if got := p.card.frame.fieldProblem("number"); !strings.HasPrefix(got, "Project number must not contain a space") {
		t.Errorf("refused with %q", got)
	}
	p.card.number.SetText("210-01")
	tapIn(t, p.screen.body, "Save")
	if got := p.card.frame.fieldProblem("number"); got != "Project number already exists" {
		t.Errorf("duplicate refused with %q", got)
	}
	p.card.number.SetText("2024-017")
	p.card.description.SetText("Nieuwbouw basisschool")
	tapIn(t, p.screen.body, "Save")

	for query, want := range map[string]int{"": 2, "BASISSCHOOL": 1, "210": 1, "-0": 2, "brug": 0} {
		p.screen.search.SetText(query)
		if len(p.screen.rows) != want {
			t.Errorf("search %q shows %d, want %d", query, len(p.screen.rows), want)
		}
	}

	p.screen.search.SetText("210")
	p.screen.list.Select(0)
	tapIn(t, p.screen.body, "Delete")
	if !strings.Contains(overlayText(w.Window()), "Musterprojekt Wohnanlage") {
		t.Fatal("Delete does not show the record")
	}
	tapButton(t, w.Window(), "No")
	if list, _ := w.backend.Actions.Store.Projects(""); len(list) != 2 {
		t.Fatal("No deleted")
	}
	p.screen.list.Select(0)
	tapIn(t, p.screen.body, "Delete")
	tapButton(t, w.Window(), "Yes")
	if list, _ := w.backend.Actions.Store.Projects(""); len(list) != 1 || list[0].Number != "2024-017" {
		t.Errorf("after Yes: %+v", list)
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

func TestRelationsCardSearchAndDelete(t *testing.T) {
	w := recordWindow(t)
	r := newRelations(w)
	putScreen(w, 4, r.screen.body)

	tapIn(t, r.screen.body, "New")
	test.Type(r.card.name, "Jansen Installatietechniek")
	test.Type(r.card.company, "Jansen B.V.")
	test.Type(r.card.emails, "Piet@Jansen-Install.nl\ninfo@jansen-install.nl")
	if list, _ := w.backend.Actions.Store.Relations(""); len(list) != 0 {
		t.Fatal("stored before Save")
	}
	tapIn(t, r.screen.body, "Save")
	list, _ := w.backend.Actions.Store.Relations("")
	if len(list) != 1 || list[0].Company != "Jansen B.V." ||
		strings.Join(relationAddresses(&list[0]), " ") != "info@jansen-install.nl piet@jansen-install.nl" {
		t.Fatalf("saved %+v", list)
	}

	// Reopen: the card shows what was saved.
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Change")
	if r.card.name.Text != "Jansen Installatietechniek" || r.card.emails.Text != "info@jansen-install.nl\npiet@jansen-install.nl" {
		t.Errorf("reopened: %q %q", r.card.name.Text, r.card.emails.Text)
	}
	tapIn(t, r.screen.body, "Cancel") // no changes: leaves without asking
	if w.Window().Canvas().Overlays().Top() != nil {
		t.Error("Cancel without changes asked")
	}

	// A wrong address is refused under the field; nothing is stored.
	tapIn(t, r.screen.body, "New")
	test.Type(r.card.name, "Gemeente Utrecht")
	test.Type(r.card.emails, "bouwzaken utrecht.nl")
	tapIn(t, r.screen.body, "Save")
	if got := r.card.frame.fieldProblem("emails"); !strings.Contains(got, "is not an e-mail address") {
		t.Errorf("wrong address refused with %q", got)
	}
	r.card.emails.SetText("bouwzaken@utrecht.nl")
	tapIn(t, r.screen.body, "Save")
	if list, _ := w.backend.Actions.Store.Relations(""); len(list) != 2 {
		t.Fatalf("%d relations after the corrected Save", len(list))
	}

	// The search narrows the list by name, company or address, any case.
	for query, want := range map[string]int{"": 2, "GEMEENTE": 1, "jansen b.v": 1, "utrecht.nl": 1, "niemand": 0} {
		r.screen.search.SetText(query)
		if len(r.screen.rows) != want {
			t.Errorf("search %q shows %d, want %d", query, len(r.screen.rows), want)
		}
	}
	r.screen.search.SetText("utrecht")

	// Delete shows the record and asks.
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Delete")
	if got := overlayText(w.Window()); !strings.Contains(got, "bouwzaken@utrecht.nl") || !strings.Contains(got, "Are you sure") {
		t.Fatalf("Delete asked %q", got)
	}
	tapButton(t, w.Window(), "Yes")
	if list, _ := w.backend.Actions.Store.Relations(""); len(list) != 1 || list[0].Name != "Jansen Installatietechniek" {
		t.Errorf("after Yes: %+v", list)
	}
}

func TestRelationsUnsavedCardAsksOnCancel(t *testing.T) {
	w := recordWindow(t)
	if err := w.backend.Actions.Store.SaveRelation(&storage.Relation{Name: "Bakker Dakwerken"}); err != nil {
		t.Fatal(err)
	}
	r := newRelations(w)
	putScreen(w, 4, r.screen.body)
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Change")
	test.Type(r.card.company, "Bakker B.V.")
	tapIn(t, r.screen.body, "Cancel")
	if unsavedButton(w, "save") == nil || w.Window().Canvas().Overlays().Top() == nil {
		t.Fatal("Cancel with changes did not ask")
	}
	test.Tap(unsavedButton(w, "save"))
	if list, _ := w.backend.Actions.Store.Relations(""); list[0].Company != "Bakker B.V." {
		t.Errorf("Save in the question did not store: %+v", list[0])
	}
	if r.screen.body.Objects[0] != r.screen.listView {
		t.Error("after saving, the list is not back")
	}
}

// A refused card speaks the window's language, the field's label first.
func TestRefusalsAreTranslated(t *testing.T) {
	switchLocaleForTest(t, "nl_NL.UTF-8")
	w := recordWindow(t)
	r := newRelations(w)
	putScreen(w, 4, r.screen.body)
	tapIn(t, r.screen.body, "Nieuw")
	test.Type(r.card.emails, "geen adres")
	tapIn(t, r.screen.body, "Opslaan")
	if got := r.card.frame.fieldProblem("emails"); got != `E-mailadressen: geen adres is geen e-mailadres` {
		t.Errorf("refusal in Dutch = %q", got)
	}
	r.card.emails.SetText("")
	tapIn(t, r.screen.body, "Opslaan")
	if got := r.card.frame.fieldProblem("name"); got != "Naam is verplicht" {
		t.Errorf("refusal in Dutch = %q", got)
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"postbridge/storage"
)

func TestRolesCardSavesRightsAndReopens(t *testing.T) {
	w := recordWindow(t)
	r := newRoles(w)
	putScreen(w, 3, r.screen.body)

	tapIn(t, r.screen.body, "New")
	c := r.card
	test.Type(c.name, "Beheer")
	test.Tap(c.rights[0]) // Company settings
	test.Tap(c.rights[2]) // Own mail server (manual 003: off unless given)
	if list, _ := w.backend.Actions.Store.Roles(); len(list) != 0 {
		t.Fatal("stored before Save")
	}
	tapIn(t, r.screen.body, "Save")
	list, _ := w.backend.Actions.Store.Roles()
	if len(list) != 1 || list[0].Name != "Beheer" || !list[0].ManageCompany || list[0].ManageUsers ||
		!list[0].OwnMailServer || list[0].ManageRelations {
		t.Fatalf("saved %+v", list)
	}
	if len(r.screen.rows) != 1 || !strings.Contains(roleLine(&r.screen.rows[0]), "Own mail server") {
		t.Errorf("list after Save: %+v", r.screen.rows)
	}

	// Reopen: the card shows what was saved; turning a right off is saved too.
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Change")
	if r.card.name.Text != "Beheer" || !r.card.rights[0].Checked || r.card.rights[1].Checked || !r.card.rights[2].Checked {
		t.Errorf("reopened: %q %v", r.card.name.Text, []bool{r.card.rights[0].Checked, r.card.rights[1].Checked, r.card.rights[2].Checked})
	}
	test.Tap(r.card.rights[2])
	tapIn(t, r.screen.body, "Save")
	if list, _ := w.backend.Actions.Store.Roles(); list[0].OwnMailServer {
		t.Error("unticking Own mail server was not saved")
	}
}

func TestRolesRefuseAndAsk(t *testing.T) {
	w := recordWindow(t)
	r := newRoles(w)
	putScreen(w, 3, r.screen.body)

	// A role without a name is refused on the field, in words, and the card stays.
	tapIn(t, r.screen.body, "New")
	test.Tap(r.card.rights[1])
	tapIn(t, r.screen.body, "Save")
	if got := r.card.frame.problem.Text; got != "Role is required" || !r.card.frame.problem.Visible() {
		t.Errorf("refusal %q", got)
	}
	if got := r.card.frame.fieldProblem("name"); got != "Role is required" {
		t.Errorf("the name field says %q", got)
	}

	// Leaving the screen with changes asks; Cancel stays, Discard leaves.
	w.show(5)
	if w.current != 3 || unsavedButton(w, "stay") == nil {
		t.Fatalf("left without asking (current %d)", w.current)
	}
	test.Tap(unsavedButton(w, "stay"))
	if w.current != 3 {
		t.Fatal("Cancel left the screen")
	}
	test.Type(r.card.name, "Administratie")
	tapIn(t, r.screen.body, "Save")
	closeDialogs(w.Window())

	// Delete asks first; a role someone has is refused with their name.
	if err := w.backend.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Tineke", Role: "Administratie"}}}); err != nil {
		t.Fatal(err)
	}
	r.screen.reload()
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Delete")
	if !strings.Contains(overlayText(w.Window()), "Are you sure") {
		t.Fatalf("Delete did not ask: %q", overlayText(w.Window()))
	}
	tapButton(t, w.Window(), "Yes")
	if list, _ := w.backend.Actions.Store.Roles(); len(list) != 1 {
		t.Fatal("a role in use was deleted")
	}
	if got := overlayText(w.Window()); !strings.Contains(got, "still given to Tineke") {
		t.Errorf("in-use refusal said %q", got)
	}
	closeDialogs(w.Window())

	if err := w.backend.Actions.Store.ImportSettings(&storage.SettingsFile{Users: []storage.UserJSON{{Name: "Tineke"}}}); err != nil {
		t.Fatal(err)
	}
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Delete")
	tapButton(t, w.Window(), "No")
	if list, _ := w.backend.Actions.Store.Roles(); len(list) != 1 {
		t.Fatal("No deleted the role")
	}
	r.screen.list.Select(0)
	tapIn(t, r.screen.body, "Delete")
	tapButton(t, w.Window(), "Yes")
	if list, _ := w.backend.Actions.Store.Roles(); len(list) != 0 || len(r.screen.rows) != 0 {
		t.Errorf("after Yes: %d roles, %d rows", len(list), len(r.screen.rows))
	}
}

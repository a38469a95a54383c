package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// rolesScreen lists the roles with their rights (manual
// 003 "Rechten": the right "Eigen mailserver" is off in every new role).
func (w *MainWindow) rolesScreen() fyne.CanvasObject { return newRoles(w).screen.body }

// roles is the state of the Roles screen.
type roles struct {
	w      *MainWindow
	screen *recordScreen[app.Role]
	card   *roleCard // the open card, for tests
}

func newRoles(w *MainWindow) *roles {
	r := &roles{w: w}
	r.screen = newRecordScreen(w, recordParts[app.Role]{
		title:      t("roles.title", "Roles"),
		newText:    t("roles.new", "New"),
		changeText: t("roles.change", "Change"),
		deleteText: t("roles.delete", "Delete"),
		columns:    roleColumns(),
		load:       func(string) ([]app.Role, error) { return w.backend.Actions.Roles() },
		open:       r.open,
		deleteAsk:  r.askDelete,
		// Rights are part of user administration (manual 003 groups
		// "Gebruikers" and "Rechten" under "Autorisatie").
		right:      func(role app.Role) bool { return role.ManageUsers },
		rightLabel: t("roles.manageUsers", "Users"),
	})
	r.screen.showList()
	return r
}

// roleColumns are the role's name and one check-mark column per right.
func roleColumns() []column[app.Role] {
	cols := []column[app.Role]{{title: t("roles.name", "Role"), weight: 1.4,
		text: func(r *app.Role) string { return r.Name }}}
	for i, right := range roleRights(&app.Role{}) {
		on := func(r *app.Role) bool { return *roleRights(r)[i].on }
		cols = append(cols, column[app.Role]{title: right.label, weight: 1.3, mark: on,
			text: func(r *app.Role) string { return yesNo(on(r)) }})
	}
	return cols
}

// roleRight is one right of a role with its label.
type roleRight struct {
	label string
	on    *bool
}

// roleRights names the rights of role in the words of manual 003.
func roleRights(role *app.Role) []roleRight {
	return []roleRight{
		{t("roles.manageCompany", "Company settings"), &role.ManageCompany},
		{t("roles.manageUsers", "Users"), &role.ManageUsers},
		{t("roles.ownMailServer", "Own mail server"), &role.OwnMailServer},
		{t("roles.manageRelations", "Relations"), &role.ManageRelations},
	}
}

func (r *roles) open(role app.Role) {
	r.card = newRoleCard(r, role)
	r.screen.showCard(r.card.object())
}

func (r *roles) askDelete(role app.Role) {
	record := widget.NewForm(widget.NewFormItem(t("roles.name", "Role"), widget.NewLabel(role.Name)))
	r.screen.askDelete(t("roles.deleteTitle", "Delete role"),
		t("roles.deleteQuestion", "Are you sure you want to delete this role?"), record,
		func() error { return r.w.backend.Actions.DeleteRole(role.ID) })
}

// roleCard is the form of one role: its name and a check box per right.
type roleCard struct {
	r      *roles
	role   app.Role
	frame  *recordCard
	name   *widget.Entry
	nameAt fyne.CanvasObject
	rights []*widget.Check
}

func newRoleCard(r *roles, role app.Role) *roleCard {
	c := &roleCard{r: r, role: role}
	c.frame = newRecordCard(r.w, c.store, r.screen.showList)
	c.name = widget.NewEntry()
	c.nameAt = c.frame.field("name", c.name, t("roles.name", "Role"))
	c.frame.d.filling(func() {
		c.name.SetText(role.Name)
		for _, right := range roleRights(&role) {
			check := widget.NewCheck(right.label, nil)
			check.SetChecked(*right.on)
			c.rights = append(c.rights, check)
		}
	})
	c.frame.d.watchEntries(c.name)
	c.frame.d.watchChecks(c.rights...)
	c.frame.readOnly = r.screen.readOnly
	c.frame.input(c.name)
	for _, check := range c.rights {
		c.frame.input(check)
	}
	return c
}

func (c *roleCard) object() fyne.CanvasObject {
	form := widget.NewForm(widget.NewFormItem(t("roles.name", "Role"), c.nameAt))
	for i, check := range c.rights {
		label := ""
		if i == 0 {
			label = t("roles.rights", "Rights")
		}
		form.Append(label, check)
	}
	return c.frame.object(t("roles.cardTitle", "Role"), form)
}

// store saves the role as the card shows it.
func (c *roleCard) store() error {
	role := c.role
	role.Name = c.name.Text
	for i, right := range roleRights(&role) {
		*right.on = c.rights[i].Checked
	}
	if err := c.r.w.backend.Actions.SaveRole(&role); err != nil {
		return err
	}
	c.role = role
	return nil
}

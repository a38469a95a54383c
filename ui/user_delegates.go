package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// delegatesTable is manual 000's "tot deze mailbox gemachtigde
// gebruikers" with its columns name, company and department: the users
// who may send and read on this user's behalf. Add and Remove change
// only the card; Save stores them.
type delegatesTable struct {
	c        *userCard
	rows     []app.User
	all      []app.User // every other user, to choose from
	company  string
	list     *widget.List
	selected int
	pick     *widget.Select
	add      *widget.Button
	remove   *widget.Button
}

func newDelegatesTable(c *userCard) *delegatesTable {
	d := &delegatesTable{c: c, selected: -1}
	for _, u := range c.u.Delegates {
		d.rows = append(d.rows, *u)
	}
	st := c.s.w.backend.Actions
	all, err := st.Users()
	if err != nil {
		c.s.w.showError(err)
	}
	for _, u := range all {
		if u.ID != c.u.ID {
			d.all = append(d.all, u)
		}
	}
	if co, err := st.Company(); err == nil {
		d.company = co.Name
	}
	d.list = widget.NewList(func() int { return len(d.rows) },
		func() fyne.CanvasObject {
			return container.NewGridWithColumns(3, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Label).SetText(d.rows[i].Name)
			cells[1].(*widget.Label).SetText(d.company)
			cells[2].(*widget.Label).SetText(d.rows[i].Department)
		})
	d.list.OnSelected = func(i widget.ListItemID) { d.selected = i }
	d.list.OnUnselected = func(widget.ListItemID) { d.selected = -1 }
	names := make([]string, 0, len(d.all))
	for _, u := range d.all {
		names = append(names, u.Name)
	}
	d.pick = widget.NewSelect(names, nil)
	d.pick.PlaceHolder = t("users.delegatePick", "Choose a user")
	d.add = widget.NewButton(t("users.delegateAdd", "Add"), func() { d.addUser(d.pick.Selected) })
	d.remove = widget.NewButton(t("users.delegateRemove", "Remove"), d.removeSelected)
	return d
}

func (d *delegatesTable) object() fyne.CanvasObject {
	header := container.NewGridWithColumns(3,
		widget.NewLabelWithStyle(t("users.delegateName", "Name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(t("users.delegateCompany", "Company"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(t("users.delegateDepartment", "Department"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(d.add, d.remove), d.pick)
	return container.NewBorder(header, buttons, nil, nil, d.list)
}

// addUser adds the user called name, once.
func (d *delegatesTable) addUser(name string) {
	for _, r := range d.rows {
		if r.Name == name {
			return
		}
	}
	for _, u := range d.all {
		if u.Name == name {
			d.rows = append(d.rows, u)
			d.c.d.mark()
			d.list.Refresh()
		}
	}
}

func (d *delegatesTable) removeSelected() {
	if d.selected < 0 || d.selected >= len(d.rows) {
		return
	}
	d.rows = append(d.rows[:d.selected], d.rows[d.selected+1:]...)
	d.list.UnselectAll()
	d.c.d.mark()
	d.list.Refresh()
}

// users are the delegates as SaveUser takes them.
func (d *delegatesTable) users() []*app.User {
	out := make([]*app.User, len(d.rows))
	for i := range d.rows {
		out[i] = &app.User{ID: d.rows[i].ID, Name: d.rows[i].Name}
	}
	return out
}

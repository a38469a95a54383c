package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// companyGeneral is the General tab: name, general e-mail address (where
// test e-mails go, manual 002) and the attachment path (manual 000:
// attachments are read in only when a server path is set).
type companyGeneral struct {
	s          *companyScreen
	name       *widget.Entry
	email      *widget.Entry
	attachPath *widget.Entry
	pick       *widget.Button
}

func newCompanyGeneral(s *companyScreen) *companyGeneral {
	g := &companyGeneral{s: s, name: widget.NewEntry(), email: widget.NewEntry(), attachPath: widget.NewEntry()}
	g.email.SetPlaceHolder("info@example.nl")
	g.pick = widget.NewButtonWithIcon(t("company.general.choose_folder", "Choose…"), theme.FolderOpenIcon(), g.chooseFolder)
	s.d.watchEntries(g.name, g.email, g.attachPath)
	return g
}

func (g *companyGeneral) object() fyne.CanvasObject {
	f := g.s.fields
	path := container.NewBorder(nil, nil, nil, g.pick, g.attachPath)
	return widget.NewForm(
		f.item(tabGeneral, "company.name", t("company.general.name", "Name"), g.name),
		f.item(tabGeneral, "company.email", t("company.general.email", "E-mail address"), g.email),
		f.item(tabGeneral, "company.attachment_path", t("company.general.attachment_path", "Attachment path"), path),
	)
}

// chooseFolder opens the folder picker; the chosen folder's full path
// goes into the entry (and counts as a change).
func (g *companyGeneral) chooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		g.attachPath.SetText(dir.Path())
	}, g.s.w.win)
	d.Show()
}

func (g *companyGeneral) fill(c app.Company) {
	g.name.SetText(c.Name)
	g.email.SetText(c.Email)
	g.attachPath.SetText(c.AttachmentPath)
}

func (g *companyGeneral) collect(c *app.Company) {
	c.Name, c.Email, c.AttachmentPath = g.name.Text, g.email.Text, g.attachPath.Text
}

func (g *companyGeneral) setEditable(on bool) {
	setEnabled(on, g.name, g.email, g.attachPath, g.pick)
}

// setEnabled enables or disables widgets together.
func setEnabled(on bool, ws ...fyne.Disableable) {
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

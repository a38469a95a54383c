package ui

import (
	"cmp"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// projectsScreen lists the projects, searchable by number or description.
// Mail filed in "ProjektPro/<number> <description>" is
// linked to the project with that number (manual 004).
func (w *MainWindow) projectsScreen() fyne.CanvasObject { return newProjects(w).screen.body }

// projects is the state of the Projects screen.
type projects struct {
	w      *MainWindow
	screen *recordScreen[app.Project]
	card   *projectCard // the open card, for tests
	counts map[uint]int // linked mails per project
}

func newProjects(w *MainWindow) *projects {
	p := &projects{w: w}
	p.screen = newRecordScreen(w, recordParts[app.Project]{
		title:      t("projects.title", "Projects"),
		newText:    t("projects.new", "New"),
		changeText: t("projects.change", "Change"),
		deleteText: t("projects.delete", "Delete"),
		searchHint: t("projects.search", "Search by number or description"),
		columns:    p.columns(),
		load:       p.load,
		open:       p.open,
		deleteAsk:  p.askDelete,
		right:      func(role app.Role) bool { return role.ManageRelations },
		rightLabel: t("roles.manageRelations", "Relations"),
	})
	p.screen.showList()
	return p
}

// columns are number, description, IMAP folder and linked mails.
func (p *projects) columns() []column[app.Project] {
	return []column[app.Project]{
		{title: t("projects.number", "Project number"), weight: 1.2, text: func(x *app.Project) string { return x.Number }},
		{title: t("projects.description", "Description"), weight: 3, text: func(x *app.Project) string { return x.Description }},
		{title: t("projects.folder", "IMAP folder"), weight: 3, text: projectFolder},
		{title: t("projects.mailCount", "Mails"), weight: 1,
			text: func(x *app.Project) string { return strconv.Itoa(p.counts[x.ID]) },
			less: func(a, b *app.Project) int { return cmp.Compare(p.counts[a.ID], p.counts[b.ID]) }},
	}
}

// projectFolder is the project's folder under manual 004's root.
func projectFolder(x *app.Project) string { return "ProjektPro/" + projectLine(x) }

// load reads the projects and how many mails each has linked.
func (p *projects) load(query string) ([]app.Project, error) {
	counts, err := p.w.backend.Actions.MailCountsByProject()
	if err != nil {
		return nil, err
	}
	p.counts = counts
	return p.w.backend.Actions.Projects(query)
}

// projectLine reads like the project's folder name in manual 004.
func projectLine(p *app.Project) string { return p.Number + " " + p.Description }

func (p *projects) open(project app.Project) {
	p.card = newProjectCard(p, project)
	p.screen.showCard(p.card.object())
}

func (p *projects) askDelete(project app.Project) {
	record := widget.NewForm(
		widget.NewFormItem(t("projects.number", "Project number"), widget.NewLabel(project.Number)),
		widget.NewFormItem(t("projects.description", "Description"), widget.NewLabel(project.Description)),
	)
	p.screen.askDelete(t("projects.deleteTitle", "Delete project"),
		t("projects.deleteQuestion", "Are you sure you want to delete this project? Mail linked to it stays, unlinked."),
		record, func() error { return p.w.backend.Actions.DeleteProject(project.ID) })
}

// projectCard is the form of one project.
type projectCard struct {
	p           *projects
	project     app.Project
	frame       *recordCard
	number      *widget.Entry
	description *widget.Entry
	folder      *widget.Label
	numberAt    fyne.CanvasObject // the number with its refusal sentence
}

func newProjectCard(p *projects, project app.Project) *projectCard {
	c := &projectCard{p: p, project: project, number: widget.NewEntry(), description: widget.NewEntry(), folder: widget.NewLabel("")}
	c.frame = newRecordCard(p.w, c.store, p.screen.showList)
	c.number.SetPlaceHolder("210-01")
	c.description.SetPlaceHolder(t("projects.descriptionExample", "Housing estate model project"))
	c.numberAt = c.frame.field("number", c.number, t("projects.number", "Project number"))
	c.frame.d.filling(func() {
		c.number.SetText(project.Number)
		c.description.SetText(project.Description)
	})
	c.frame.d.watchEntries(c.number, c.description)
	c.frame.readOnly = p.screen.readOnly
	c.frame.input(c.number, c.description)
	// The folder name is shown as it is typed, so the admin sees what to
	// create on the IMAP server.
	showFolder := func(string) {
		c.folder.SetText(projectFolder(&app.Project{Number: c.number.Text, Description: c.description.Text}))
	}
	for _, e := range []*widget.Entry{c.number, c.description} {
		prev := e.OnChanged
		e.OnChanged = func(s string) { prev(s); showFolder(s) }
	}
	showFolder("")
	return c
}

func (c *projectCard) object() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(t("projects.numberRequired", "Project number (required)"), c.numberAt),
		widget.NewFormItem(t("projects.description", "Description"), c.description),
		widget.NewFormItem(t("projects.folder", "IMAP folder"), c.folder),
	)
	form.Items[2].HintText = t("projects.folderHint", "Mail filed in this folder on the IMAP server is linked to the project.")
	if c.project.ID != 0 {
		form.Append(t("messages.linked", "Mail"), c.p.w.linkedMail(app.MessageQuery{ProjectID: c.project.ID}))
	}
	return c.frame.object(t("projects.cardTitle", "Project"), form)
}

func (c *projectCard) store() error {
	project := c.project
	project.Number, project.Description = c.number.Text, c.description.Text
	if err := c.p.w.backend.Actions.SaveProject(&project); err != nil {
		return err
	}
	c.project = project
	return nil
}

package ui

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
	"postbridge/problem"
)

// messageDetail is the lower part of the Messages screen: the chosen
// message, its attachments with an Open button each, and, when it needs
// attention, the choice of the relation or project that resolves it.
type messageDetail struct {
	w *MainWindow
	// reload refreshes the list after a message was resolved.
	reload   func()
	box      *fyne.Container
	pane     *fyne.Container // box in a scroll ending on a whole line
	message  app.Message
	relation *widget.Select
	project  *widget.Select
	link     *widget.Button
	// choices behind the selects' options, in the same order.
	relations []app.Relation
	projects  []app.Project
}

func newMessageDetail(w *MainWindow, reload func()) *messageDetail {
	d := &messageDetail{w: w, reload: reload, box: container.NewVBox()}
	d.pane = wholeLineScroll(container.NewVScroll(d.box))
	return d
}

// object is the pane: it scrolls, its view ending on a whole line.
func (d *messageDetail) object() fyne.CanvasObject { return d.pane }

// clear empties the panel, after the list changed.
func (d *messageDetail) clear() {
	d.message = app.Message{}
	d.box.Objects = nil
	d.box.Refresh()
	d.pane.Refresh()
}

// show fills the panel for m.
func (d *messageDetail) show(m app.Message) {
	d.message = m
	header := widget.NewLabel(fmt.Sprintf("%s\n%s » %s\n%s", m.Subject, m.From, m.To, m.Date.Local().Format("2006-01-02 15:04")))
	header.Wrapping = fyne.TextWrapWord
	header.TextStyle.Bold = true
	body := widget.NewLabel(bodyExcerpt(m.TextBody))
	body.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{widget.NewSeparator(), header}
	if len(m.Attachments) > 0 {
		objects = append(objects, d.attachmentButtons(m.Attachments))
	}
	if m.State == app.StateNeedsAttention {
		objects = append(objects, d.attentionChoice(m)...)
	}
	// The text last: what is to be done comes before what may be long.
	objects = append(objects, body)
	d.box.Objects = objects
	d.box.Refresh()
	d.pane.Refresh()
}

func (d *messageDetail) attachmentButtons(list []app.Attachment) fyne.CanvasObject {
	row := container.NewHBox(widget.NewLabel(t("attention.attachments", "Attachments:")))
	for _, a := range list {
		a := a
		row.Add(widget.NewButton(t("attention.open", "Open {{.File}}", map[string]string{"File": a.FileName}),
			func() { d.openAttachment(a) }))
	}
	return container.NewHScroll(row)
}

// openAttachment opens the saved file with the program the operating
// system uses for it.
func (d *messageDetail) openAttachment(a app.Attachment) {
	path, err := d.w.backend.Actions.AttachmentFile(a)
	if err != nil {
		d.w.showError(err)
		return
	}
	u, err := url.Parse(fynestorage.NewFileURI(path).String())
	if err == nil {
		err = d.w.app.OpenURL(u) // the operating system's program for the file
	}
	if err != nil {
		d.w.showError(err)
	}
}

// attentionChoice is why the message waits, and the selects to resolve it.
func (d *messageDetail) attentionChoice(m app.Message) []fyne.CanvasObject {
	why := widget.NewLabel(t("attention.why", "Needs attention: {{.Why}}", map[string]string{"Why": attentionReasons(m.Attention)}))
	why.Importance = widget.WarningImportance
	why.Wrapping = fyne.TextWrapWord
	var err error
	if d.relations, err = d.w.backend.Actions.Relations(""); err == nil {
		d.projects, err = d.w.backend.Actions.Projects("")
	}
	if err != nil {
		d.w.showError(err)
		return []fyne.CanvasObject{why}
	}
	sortCandidatesFirst(d.relations, m)
	var relOptions, projOptions []string
	for i := range d.relations {
		relOptions = append(relOptions, relationLine(&d.relations[i]))
	}
	for i := range d.projects {
		projOptions = append(projOptions, projectLine(&d.projects[i]))
	}
	d.relation = widget.NewSelect(relOptions, nil)
	d.relation.PlaceHolder = t("attention.chooseRelation", "(choose a relation)")
	d.project = widget.NewSelect(projOptions, nil)
	d.project.PlaceHolder = t("attention.chooseProject", "(choose a project)")
	d.link = widget.NewButton(t("attention.link", "Link"), d.resolve)
	d.link.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(t("attention.relation", "Relation"), d.relation),
		widget.NewFormItem(t("attention.project", "Project"), d.project),
	)
	return []fyne.CanvasObject{why, form, container.NewHBox(d.link)}
}

// attentionReasons says in the window's language why a message waits:
// the import keeps its reasons as problems (storage import.go), which
// explain words; a row from before that holds a sentence, shown as it is.
func attentionReasons(reasons problem.List) string {
	loadTranslations()
	return explain.Problems(reasons)
}

// sortCandidatesFirst puts the relations one of whose addresses the
// message carries at the top: the ones an ambiguous address points at.
func sortCandidatesFirst(list []app.Relation, m app.Message) {
	addresses := strings.ToLower(m.From + " " + m.To + " " + m.Cc)
	carries := func(r *app.Relation) bool {
		for _, e := range r.Emails {
			if strings.Contains(addresses, e.Address) {
				return true
			}
		}
		return false
	}
	sort.SliceStable(list, func(i, j int) bool { return carries(&list[i]) && !carries(&list[j]) })
}

// resolve links the message to what was chosen and takes it off the list.
func (d *messageDetail) resolve() {
	var link app.AttentionLink
	if i := d.relation.SelectedIndex(); i >= 0 {
		link.RelationID = d.relations[i].ID
	}
	if i := d.project.SelectedIndex(); i >= 0 {
		link.ProjectID = d.projects[i].ID
	}
	if err := d.w.backend.Actions.ResolveAttention(d.message.ID, link); err != nil {
		d.w.showError(err)
		return
	}
	d.clear()
	d.reload()
}

// bodyExcerpt bounds what the detail pane lays out: a label wraps all of
// its text at once, and a mail may carry megabytes of it.
func bodyExcerpt(text string) string {
	const limit = 20000
	if len(text) <= limit {
		return text
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + " ..."
}

package ui

import (
	"cmp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// relationsScreen lists the relation cards, searchable by name, company
// or address. Their addresses are what mail is linked
// by (manual 000: "automatisch gekoppeld aan de relatiekaarten").
func (w *MainWindow) relationsScreen() fyne.CanvasObject { return newRelations(w).screen.body }

// relations is the state of the Relations screen.
type relations struct {
	w      *MainWindow
	screen *recordScreen[app.Relation]
	card   *relationCard // the open card, for tests
	counts map[uint]int  // linked mails per relation
}

func newRelations(w *MainWindow) *relations {
	r := &relations{w: w}
	r.screen = newRecordScreen(w, recordParts[app.Relation]{
		title:      t("relations.title", "Relations"),
		newText:    t("relations.new", "New"),
		changeText: t("relations.change", "Change"),
		deleteText: t("relations.delete", "Delete"),
		searchHint: t("relations.search", "Search by name, company or e-mail address"),
		columns:    r.columns(),
		load:       r.load,
		open:       r.open,
		deleteAsk:  r.askDelete,
		right:      func(role app.Role) bool { return role.ManageRelations },
		rightLabel: t("roles.manageRelations", "Relations"),
	})
	r.screen.showList()
	return r
}

// columns are name, company, addresses and the number of linked mails.
func (r *relations) columns() []column[app.Relation] {
	return []column[app.Relation]{
		{title: t("relations.name", "Name"), weight: 2, text: func(x *app.Relation) string { return x.Name }},
		{title: t("relations.company", "Company"), weight: 2, text: func(x *app.Relation) string { return x.Company }},
		{title: t("relations.emails", "E-mail addresses"), weight: 3,
			text: func(x *app.Relation) string { return strings.Join(relationAddresses(x), ", ") }},
		{title: t("relations.mailCount", "Mails"), weight: 1,
			text: func(x *app.Relation) string { return strconv.Itoa(r.counts[x.ID]) },
			less: func(a, b *app.Relation) int { return cmp.Compare(r.counts[a.ID], r.counts[b.ID]) }},
	}
}

func relationLine(r *app.Relation) string {
	line := r.Name
	if r.Company != "" {
		line += " (" + r.Company + ")"
	}
	if len(r.Emails) > 0 {
		line += " — " + strings.Join(relationAddresses(r), ", ")
	}
	return line
}

func relationAddresses(r *app.Relation) []string {
	out := make([]string, 0, len(r.Emails))
	for _, e := range r.Emails {
		out = append(out, e.Address)
	}
	return out
}

func (r *relations) open(rel app.Relation) {
	r.card = newRelationCard(r, rel)
	r.screen.showCard(r.card.object())
}

func (r *relations) askDelete(rel app.Relation) {
	record := widget.NewForm(
		widget.NewFormItem(t("relations.name", "Name"), widget.NewLabel(rel.Name)),
		widget.NewFormItem(t("relations.company", "Company"), widget.NewLabel(rel.Company)),
		widget.NewFormItem(t("relations.emails", "E-mail addresses"), widget.NewLabel(strings.Join(relationAddresses(&rel), "\n"))),
	)
	r.screen.askDelete(t("relations.deleteTitle", "Delete relation"),
		t("relations.deleteQuestion", "Are you sure you want to delete this relation? Mail linked to it stays, unlinked."),
		record, func() error { return r.w.backend.Actions.DeleteRelation(rel.ID) })
}

// relationCard is the form of one relation: name, company and its
// addresses, one a line.
type relationCard struct {
	r       *relations
	rel     app.Relation
	frame   *recordCard
	name    *widget.Entry
	company *widget.Entry
	emails  *widget.Entry
	// nameAt and emailsAt are the fields with their refusal sentences.
	nameAt, emailsAt fyne.CanvasObject
}

func newRelationCard(r *relations, rel app.Relation) *relationCard {
	c := &relationCard{r: r, rel: rel, name: widget.NewEntry(), company: widget.NewEntry(), emails: widget.NewMultiLineEntry()}
	c.frame = newRecordCard(r.w, c.store, r.screen.showList)
	c.emails.SetPlaceHolder("naam@voorbeeld.nl")
	c.emails.SetMinRowsVisible(4)
	c.nameAt = c.frame.field("name", c.name, t("relations.name", "Name"))
	c.emailsAt = c.frame.field("emails", c.emails, t("relations.emails", "E-mail addresses"))
	c.frame.d.filling(func() {
		c.name.SetText(rel.Name)
		c.company.SetText(rel.Company)
		c.emails.SetText(strings.Join(relationAddresses(&rel), "\n"))
	})
	c.frame.d.watchEntries(c.name, c.company, c.emails)
	c.frame.readOnly = r.screen.readOnly
	c.frame.input(c.name, c.company, c.emails)
	return c
}

func (c *relationCard) object() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(t("relations.nameRequired", "Name (required)"), c.nameAt),
		widget.NewFormItem(t("relations.company", "Company"), c.company),
		widget.NewFormItem(t("relations.emails", "E-mail addresses"), c.emailsAt),
	)
	form.Items[2].HintText = t("relations.emailsHint", "One a line. Mail from or to these addresses is linked to this relation.")
	if c.rel.ID != 0 {
		form.Append(t("messages.linked", "Mail"), c.r.w.linkedMail(app.MessageQuery{RelationID: c.rel.ID}))
	}
	return c.frame.object(t("relations.cardTitle", "Relation"), form)
}

// store saves the relation with exactly the addresses on the card.
func (c *relationCard) store() error {
	rel := c.rel
	rel.Name, rel.Company, rel.Emails = c.name.Text, c.company.Text, nil
	for _, line := range strings.Split(c.emails.Text, "\n") {
		rel.Emails = append(rel.Emails, app.RelationEmail{Address: line})
	}
	if err := c.r.w.backend.Actions.SaveRelation(&rel); err != nil {
		return err
	}
	c.rel = rel
	return nil
}

// load reads the relations and how many mails each has linked.
func (r *relations) load(query string) ([]app.Relation, error) {
	counts, err := r.w.backend.Actions.MailCountsByRelation()
	if err != nil {
		return nil, err
	}
	r.counts = counts
	return r.w.backend.Actions.Relations(query)
}

package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// recordCard is the frame of a Roles, Relations or Projects card: title,
// the sentence of a refused Save, the form, and Save / Cancel. Nothing is
// stored before Save; Cancel and leaving the screen with changes ask
// (unsaved.go).
type recordCard struct {
	w *MainWindow
	d *dirty
	// store validates and saves what the card shows.
	store func() error
	// done goes back to the list.
	done    func()
	problem *widget.Label
	// fields are the entries a app.CardError can name, with the
	// label that starts its sentence.
	fields map[string]cardField
	// readOnly cards show the record without Save; inputs are disabled.
	readOnly bool
	inputs   []fyne.Disableable
}

type cardField struct {
	label string
	note  *widget.Label // the sentence under the field, hidden until a refusal
}

func newRecordCard(w *MainWindow, store func() error, done func()) *recordCard {
	c := &recordCard{w: w, d: &dirty{}, store: store, done: done, fields: map[string]cardField{}}
	c.problem = widget.NewLabel("")
	c.problem.Importance = widget.DangerImportance
	c.problem.Wrapping = fyne.TextWrapWord
	c.problem.Hide()
	return c
}

// field registers entry as the field a CardError calls name, and returns
// it with the place for its sentence below it, for the form.
func (c *recordCard) field(name string, entry *widget.Entry, label string) fyne.CanvasObject {
	note := widget.NewLabel("")
	note.Importance = widget.DangerImportance
	note.Wrapping = fyne.TextWrapWord
	note.Hide()
	c.fields[name] = cardField{label, note}
	return container.NewVBox(entry, note)
}

// input registers the card's inputs, to be disabled on a read-only card.
func (c *recordCard) input(inputs ...fyne.Disableable) { c.inputs = append(c.inputs, inputs...) }

// object lays the card out and makes leaving the screen ask about it.
func (c *recordCard) object(title string, form fyne.CanvasObject) fyne.CanvasObject {
	save := widget.NewButton(t("records.save", "Save"), c.saveAndClose)
	save.Importance = widget.HighImportance
	if c.readOnly {
		save.Disable()
		for _, in := range c.inputs {
			in.Disable()
		}
	}
	cancel := widget.NewButton(t("records.cancel", "Cancel"), c.cancel)
	c.w.guardLeave(c.d, c.save)
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(heading, c.problem), container.NewHBox(save, cancel),
		nil, nil, container.NewVScroll(form))
}

// save stores the card; a refused card keeps what was typed and says
// on the field what is wrong.
func (c *recordCard) save() error {
	c.problem.Hide()
	for _, f := range c.fields {
		f.note.Hide()
	}
	if err := c.store(); err != nil {
		c.refuse(err)
		return err
	}
	c.d.clear()
	return nil
}

func (c *recordCard) saveAndClose() {
	if c.save() == nil {
		c.done()
	}
}

func (c *recordCard) cancel() { c.d.confirmLeave(c.w, c.save, c.done) }

func (c *recordCard) refuse(err error) {
	sentence := explain.Error(err)
	var ce *app.CardError
	if errors.As(err, &ce) {
		if f, ok := c.fields[ce.Field]; ok {
			sentence = cardProblem(f.label, ce.Err)
			f.note.SetText(sentence)
			f.note.Show()
		}
	}
	c.problem.SetText(sentence)
	c.problem.Show()
}

// cardProblem is the sentence of a refused field in the window's
// language, starting with the field's label.
func cardProblem(label string, err error) string {
	field := map[string]string{"Field": label}
	var address *app.AddressError
	switch {
	case errors.As(err, &address):
		return t("records.invalidAddress", "{{.Field}}: {{.Address}} is not an e-mail address",
			map[string]string{"Field": label, "Address": address.Address})
	case errors.Is(err, app.ErrRequired):
		return t("records.required", "{{.Field}} is required", field)
	case errors.Is(err, app.ErrDuplicate):
		return t("records.duplicate", "{{.Field}} already exists", field)
	case errors.Is(err, app.ErrNumberHasSpace):
		return t("records.numberHasSpace",
			"{{.Field}} must not contain a space (the project folder name ends the number at the first space)", field)
	}
	return label + " " + explain.Error(err)
}

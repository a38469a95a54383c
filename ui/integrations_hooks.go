package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// hookRow is one webhook: its URL, events, and how the last delivery went.
func (v *integrationsView) hookRow(h app.Webhook) fyne.CanvasObject {
	events := strings.ReplaceAll(h.Events, ",", ", ")
	if events == "" {
		events = t("integrations.allEvents", "all events")
	}
	last := t("integrations.notDelivered", "nothing delivered yet")
	if h.LastDeliveryAt != nil {
		status := map[string]string{"Status": fmt.Sprint(h.LastStatus)}
		result := t("integrations.acknowledged", "acknowledged (HTTP {{.Status}})", status)
		switch {
		case h.LastError != "" && h.LastStatus != 0:
			// The receiver answered, not 2xx: its status says it all, in
			// the reader's language.
			result = t("integrations.refused", "refused (HTTP {{.Status}}), tried again later", status)
		case h.LastError != "":
			// No answer: the connection's own words (name not found,
			// connection refused, timeout).
			result = t("integrations.failed", "failed, retried later: {{.Error}}", map[string]string{"Error": h.LastError})
		}
		last = t("integrations.lastDelivery", "last delivery {{.When}}: {{.Result}}",
			map[string]string{"When": shownTime(*h.LastDeliveryAt), "Result": result})
	}
	name := widget.NewLabelWithStyle(h.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	remove := widget.NewButtonWithIcon(t("integrations.remove", "Remove"), theme.DeleteIcon(), func() {
		v.confirm(t("integrations.removeQuestion", "Remove the webhook {{.Name}}? Events not delivered yet are dropped.",
			map[string]string{"Name": h.Name}), func() error { return v.w.backend.Actions.DeleteWebhook(h.Name) })
	})
	remove.Importance = widget.DangerImportance
	if !v.mayChange() {
		remove.Disable()
	}
	detail := widget.NewLabel(h.URL + " — " + events + "\n" + last)
	detail.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, name, container.NewVBox(remove), detail)
}

// hookForm adds a webhook: a name, its URL and the events it hears; the
// signing secret goes to the keyring and is shown once.
func (v *integrationsView) hookForm() fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder(t("integrations.hookName", "Name, e.g. crm"))
	url := widget.NewEntry()
	url.SetPlaceHolder("https://crm.example/postbridge")
	events := widget.NewCheckGroup(app.WebhookEvents, nil)
	events.Horizontal = true
	events.SetSelected([]string{app.EventMessageNew})
	add := widget.NewButtonWithIcon(t("integrations.addWebhook", "Add webhook"), theme.ContentAddIcon(), func() {
		secret, err := v.addHook(strings.TrimSpace(name.Text), strings.TrimSpace(url.Text), events.Selected)
		if err != nil {
			v.w.showError(err)
			return
		}
		name.SetText("")
		url.SetText("")
		v.reload()
		v.showOnce(t("integrations.secretCreated", "Webhook added: its signing secret"), secret)
	})
	if !v.mayChange() {
		name.Disable()
		url.Disable()
		events.Disable()
		add.Disable()
	}
	// The events on a line of their own and the button below them: side
	// by side they made the screen wider than the window, cutting off the
	// buttons on the right.
	return container.NewVBox(container.NewGridWithColumns(2, name, url),
		container.NewBorder(nil, nil, widget.NewLabel(t("integrations.events", "Events:")), nil, events),
		container.NewHBox(add))
}

// addHook saves the webhook and puts a new signing secret in the keyring
// (company/webhook/NAME, as `postbridge webhook add` does).
func (v *integrationsView) addHook(name, url string, events []string) (string, error) {
	secret, key := newWebhookSecret(), app.SecretWebhook(name)
	h := &app.Webhook{Name: name, URL: url, Events: strings.Join(events, ","), SecretKey: key, Active: true}
	if err := v.w.backend.Actions.SaveWebhook(h); err != nil {
		return "", err
	}
	if err := v.w.backend.Secrets.Set(key, secret); err != nil {
		return "", err
	}
	return secret, nil
}

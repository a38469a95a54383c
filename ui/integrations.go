package ui

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
)

// integrationsScreen is the business software's door as an admin sees
// it: the HTTP API's tokens (a new one is shown once, then
// only its name, scopes and last use) and the webhooks (URL, events, the
// last delivery and its result). `postbridge serve` uses both; the
// command line has the same (postbridge token, postbridge webhook).
func (w *MainWindow) integrationsScreen() fyne.CanvasObject {
	v := &integrationsView{w: w, tokens: container.NewVBox(), hooks: container.NewVBox()}
	v.reload()
	title := widget.NewLabelWithStyle(t("integrations.title", "Integrations"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(t("integrations.intro",
		"The business software reaches Postbridge through its HTTP API (postbridge serve) and hears of new mail through webhooks."))
	intro.Wrapping = fyne.TextWrapWord
	refresh := widget.NewButtonWithIcon(t("integrations.refresh", "Refresh"), theme.ViewRefreshIcon(), v.reload)
	body := container.NewVBox(intro,
		widget.NewLabelWithStyle(t("integrations.tokens", "API tokens"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.tokens, v.tokenForm(), widget.NewSeparator(),
		widget.NewLabelWithStyle(t("integrations.webhooks", "Webhooks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.hooks, v.hookForm())
	if !v.mayChange() {
		body.Objects = append([]fyne.CanvasObject{readOnlyNotice(t("roles.manageCompany", "Company settings"))}, body.Objects...)
	}
	return container.NewBorder(container.NewHBox(title, refresh), nil, nil, nil, container.NewVScroll(body))
}

// integrationsView is the Integrations screen's state.
type integrationsView struct {
	w             *MainWindow
	tokens, hooks *fyne.Container
}

// mayChange: tokens and webhooks open the office's mail to programs, a
// right of whoever manages the company.
func (v *integrationsView) mayChange() bool {
	return v.w.mayChange(func(r app.Role) bool { return r.ManageCompany })
}

// reload lists the tokens and webhooks again. Called on Fyne's goroutine.
func (v *integrationsView) reload() {
	tokens, err := v.w.backend.Actions.APITokens()
	if err != nil {
		v.w.showError(err)
		return
	}
	fillRows(v.tokens, tokens, v.tokenRow, t("integrations.noTokens", "No tokens yet."))
	hooks, err := v.w.backend.Actions.Webhooks()
	if err != nil {
		v.w.showError(err)
		return
	}
	fillRows(v.hooks, hooks, v.hookRow, t("integrations.noWebhooks", "No webhooks yet."))
}

// fillRows puts a row for each item in box, or the words none when there
// are none. Called on Fyne's goroutine.
func fillRows[T any](box *fyne.Container, items []T, row func(T) fyne.CanvasObject, none string) {
	box.Objects = nil
	for _, it := range items {
		box.Add(row(it))
	}
	if len(items) == 0 {
		box.Add(widget.NewLabel(none))
	}
	box.Refresh()
}

func (v *integrationsView) tokenRow(tok app.APIToken) fyne.CanvasObject {
	used := t("integrations.neverUsed", "never used")
	if tok.LastUsedAt != nil {
		used = t("integrations.lastUsed", "last used {{.When}}", map[string]string{"When": shownTime(*tok.LastUsedAt)})
	}
	scopes := t("integrations.scopeRead", "may read")
	if tok.HasScope(app.ScopeSend) {
		scopes = t("integrations.scopeSend", "may read and send")
	}
	name := widget.NewLabelWithStyle(tok.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	revoke := widget.NewButtonWithIcon(t("integrations.revoke", "Revoke"), theme.DeleteIcon(), func() {
		v.confirm(t("integrations.revokeQuestion", "Revoke the token {{.Name}}? Programs that use it are refused from now on.",
			map[string]string{"Name": tok.Name}), func() error { return v.w.backend.Actions.RevokeAPIToken(tok.Name) })
	})
	revoke.Importance = widget.DangerImportance
	if !v.mayChange() {
		revoke.Disable()
	}
	return container.NewHBox(name, widget.NewLabel(scopes), widget.NewLabel(used), revoke)
}

// tokenForm makes a token: a name, whether it may send.
func (v *integrationsView) tokenForm() fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder(t("integrations.tokenName", "Name, e.g. crm"))
	send := widget.NewCheck(t("integrations.maySend", "May send mail"), nil)
	create := widget.NewButtonWithIcon(t("integrations.createToken", "Create token"), theme.ContentAddIcon(), func() {
		scopes := app.ScopeRead
		if send.Checked {
			scopes += "," + app.ScopeSend
		}
		token, err := v.w.backend.Actions.CreateAPIToken(strings.TrimSpace(name.Text), scopes, time.Now())
		if err != nil {
			v.w.showError(err)
			return
		}
		name.SetText("")
		v.reload()
		v.showOnce(t("integrations.tokenCreated", "Token created"), token)
	})
	if !v.mayChange() {
		name.Disable()
		send.Disable()
		create.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(send, create), name)
}

// showOnce shows a token or secret that is not kept: copy it now.
func (v *integrationsView) showOnce(title, secret string) {
	shown := widget.NewEntry()
	shown.SetText(secret)
	shown.OnChanged = func(string) { shown.SetText(secret) } // selectable, not editable
	note := widget.NewLabel(t("integrations.onlyNow", "Copy it now: Postbridge keeps only a fingerprint of it and cannot show it again."))
	note.Wrapping = fyne.TextWrapWord
	copyButton := widget.NewButtonWithIcon(t("integrations.copy", "Copy"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(secret)
	})
	d := dialog.NewCustom(title, t("integrations.close", "Close"),
		container.NewVBox(note, container.NewBorder(nil, nil, nil, copyButton, shown)), v.w.win)
	d.Resize(fyne.NewSize(620, 200))
	d.Show()
}

// confirm asks question and runs do on yes, then lists again.
func (v *integrationsView) confirm(question string, do func() error) {
	confirm(v.w.win, t("integrations.confirmTitle", "Integrations"), question, func() {
		if err := do(); err != nil {
			v.w.showError(err)
		}
		v.reload()
	})
}

// newWebhookSecret is a webhook's signing secret, 256 random bits.
func newWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return "whsec_" + hex.EncodeToString(b)
}

// shownTime is a time as the Integrations screen shows it.
func shownTime(at time.Time) string { return at.Local().Format("2006-01-02 15:04") }

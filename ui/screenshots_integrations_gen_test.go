package ui

import "fyne.io/fyne/v2/widget"

// Pictures of the Integrations screen: the API tokens (one used, one
// not) and the webhooks with their URL, events and last delivery (one
// acknowledged, one refused); a new token as it is shown, the one time
// it is; and the question before a token is revoked. The data is the
// demo office's (demo.Integrations).

// demoToken stands for a token just created: a real one is random, and
// two runs of the screenshots must give the same pictures.
const demoToken = "pbt_Xq3vN8kR2mWc7TfLp0aYdGh5sJuE9bZiKo4nVw1rQyA"

// integrations is the screen with the demo office's tokens and webhooks.
func integrations(w *MainWindow) error {
	screenOnly(navIntegrations)(w)
	if len(findAll[*widget.Button](w.screenContent())) == 0 {
		return errNotThere
	}
	return nil
}

// tokenCreated is Create token with a name typed and "may send" ticked:
// the dialog that shows the token once.
func tokenCreated(w *MainWindow) error {
	if err := integrations(w); err != nil {
		return err
	}
	name := t("integrations.tokenName", "Name, e.g. crm")
	var entry *widget.Entry
	for _, e := range findAll[*widget.Entry](w.screenContent()) {
		if e.PlaceHolder == name {
			entry = e
			break // the first is the token's; the webhook's follows
		}
	}
	checks := findAll[*widget.Check](w.screenContent())
	if entry == nil || len(checks) == 0 {
		return errNotThere
	}
	entry.SetText("boekhouding")
	checks[0].SetChecked(true)
	(&integrationsView{w: w}).showOnce(t("integrations.tokenCreated", "Token created"), demoToken)
	return nil
}

// tokenRevoke is Revoke on the first token: the question before it.
func tokenRevoke(w *MainWindow) error {
	if err := integrations(w); err != nil {
		return err
	}
	revoke := t("integrations.revoke", "Revoke")
	for _, b := range findAll[*widget.Button](w.screenContent()) {
		if b.Text == revoke {
			b.OnTapped()
			return nil
		}
	}
	return errNotThere
}

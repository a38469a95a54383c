package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
	"postbridge/explain"
)

// found is what Find settings hands to a card: the chosen servers, and
// whether the admin pinned their certificates after seeing them.
type found struct {
	foundServers
	FoundBy app.AutoconfigSource
	Pin     bool // the admin pinned the offered fingerprints
}

// foundServers are the chosen IMAP and SMTP servers, embedded in found.
type foundServers = app.AutoconfigSettings

// foundByText is the "Found by …" sentence a card shows after filling.
func foundByText(f found) string {
	text := t("autoconfig.found_by", "Found by {{.Source}}.", map[string]string{"Source": sourceName(f.FoundBy)})
	if f.OAuthProvider != "" {
		text += " " + signInText(f.OAuthProvider)
	}
	for _, s := range []*app.AutoconfigServer{f.IMAP, f.SMTP} {
		if s != nil && s.Fingerprint != "" {
			// The cards have no fingerprint field: say where pinning is done.
			text += " " + t("autoconfig.pin_elsewhere", "This screen cannot pin the certificate (SHA-256 {{.Fingerprint}}): pin it in the setup assistant or as tls_fingerprint in the settings file.",
				map[string]string{"Fingerprint": s.Fingerprint})
			break
		}
	}
	return text + " " + t("autoconfig.save_hint", "Nothing is stored before Save.")
}

// signInText is the marked step for providers that need OAuth2 sign-in.
func signInText(provider domain.Provider) string {
	return t("autoconfig.needs_signin", "This provider needs Sign in ({{.Provider}}, OAuth2) instead of a password.",
		map[string]string{"Provider": providerLabel(provider)})
}

// sourceName is a source in the reader's words.
func sourceName(s app.AutoconfigSource) string {
	switch s {
	case app.AutoconfigSourceProvider:
		return t("autoconfig.source.provider", "the provider table built into Postbridge")
	case app.AutoconfigSourceAutoconfig:
		return t("autoconfig.source.autoconfig", "the domain's autoconfig file")
	case app.AutoconfigSourceSRV:
		return t("autoconfig.source.srv", "DNS SRV records")
	case app.AutoconfigSourceMX:
		return t("autoconfig.source.mx", "the domain's MX record")
	case app.AutoconfigSourceProbe:
		return t("autoconfig.source.probe", "trying the usual server names")
	}
	return string(s)
}

// askFind asks for the address (prefilled), finds its settings and, when
// the admin chooses to use them, calls use.
func (w *MainWindow) askFind(prefill string, use func(found)) {
	entry := widget.NewEntry()
	entry.SetText(prefill)
	entry.SetPlaceHolder("info@example.nl")
	d := dialog.NewForm(t("autoconfig.title", "Find settings"), t("autoconfig.find", "Find"), t("autoconfig.close", "Close"),
		[]*widget.FormItem{widget.NewFormItem(t("autoconfig.address", "E-mail address"), entry)},
		func(ok bool) {
			if ok {
				w.findSettings(strings.TrimSpace(entry.Text), use)
			}
		}, w.win)
	d.Resize(fyne.NewSize(460, 160))
	d.Show()
}

// findSettings runs every source with a Cancel button, then shows what
// each answered.
func (w *MainWindow) findSettings(address string, use func(found)) {
	act := w.backend.Actions
	w.runLong(t("autoconfig.title", "Find settings"), func(ctx context.Context) func() {
		res, err := act.FindSettings(ctx, address)
		return func() { w.showFound(res, err, use) }
	}, func() {})
}

// showFound shows the chosen settings and every source tried. Settings
// that need a look (plain-HTTP file, certificate to pin, no encryption)
// are used only after a second, explicit question.
func (w *MainWindow) showFound(res app.AutoconfigResult, err error, use func(found)) {
	content := foundContent(res, err)
	if res.Chosen == nil {
		d := dialog.NewCustom(t("autoconfig.title", "Find settings"), t("autoconfig.close", "Close"), content, w.win)
		d.Resize(fyne.NewSize(640, 480))
		d.Show()
		return
	}
	f := found{foundServers: *res.Chosen, FoundBy: res.FoundBy}
	d := dialog.NewCustomConfirm(t("autoconfig.title", "Find settings"), t("autoconfig.use", "Use these settings"),
		t("autoconfig.close", "Close"), content, func(ok bool) {
			if !ok {
				return
			}
			if !res.NeedsConfirmation() {
				use(f)
				return
			}
			confirm(w.win, t("autoconfig.confirm_title", "Use settings that need a look?"), confirmText(res), func() {
				f.Pin = true
				use(f)
			})
		}, w.win)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// foundContent is the dialog's body: the outcome, then each source.
func foundContent(res app.AutoconfigResult, err error) fyne.CanvasObject {
	var head string
	if res.Chosen != nil {
		head = t("autoconfig.found_by", "Found by {{.Source}}.", map[string]string{"Source": sourceName(res.FoundBy)}) +
			"\n" + serversText(res.Chosen)
		if p, ok := app.AutoconfigProviderByName(res.Chosen.Provider); ok {
			head += "\n" + t("autoconfig.provider_row", "Provider: {{.Name}} (facts from {{.Source}})",
				map[string]string{"Name": p.Name, "Source": p.Source})
		}
		if res.Chosen.OAuthProvider != "" {
			head += "\n" + signInText(res.Chosen.OAuthProvider)
		}
	} else if err != nil {
		head = explain.Error(err)
	}
	top := widget.NewLabel(head)
	top.Wrapping = fyne.TextWrapWord
	tried := widget.NewLabel(attemptsText(res))
	tried.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(t("autoconfig.tried", "Sources tried"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator(), title), nil, nil, nil,
		wholeLineScroll(container.NewVScroll(tried)))
}

// serversText is one line per chosen server.
func serversText(s *app.AutoconfigSettings) string {
	var lines []string
	if s.IMAP != nil {
		lines = append(lines, "IMAP: "+serverText(s.IMAP))
	}
	if s.SMTP != nil {
		lines = append(lines, "SMTP: "+serverText(s.SMTP))
	}
	return strings.Join(lines, "\n")
}

func serverText(s *app.AutoconfigServer) string {
	line := fmt.Sprintf("%s:%d, %s, %s", s.Host, s.Port, securityLabel(s.Security), s.Username)
	if s.Fingerprint != "" {
		line += " — " + t("autoconfig.untrusted", "certificate not trusted (SHA-256 {{.Fingerprint}})",
			map[string]string{"Fingerprint": s.Fingerprint})
	}
	if s.Unsafe {
		line += " — " + t("autoconfig.unsafe", "UNSAFE: no encryption")
	}
	return line
}

// attemptsText lists every source, what was asked and what it answered.
// resultLead starts each result line: », not →, which the bundled font
// lacks and Windows shows as a box (TestTextInBundledFont).
const resultLead = "   » "

func attemptsText(res app.AutoconfigResult) string {
	var b strings.Builder
	for i, a := range res.Attempts {
		fmt.Fprintf(&b, "%d. %s: %s\n", i+1, sourceName(a.Source), strings.Join(a.Tried, ", "))
		switch {
		case a.Found != nil:
			b.WriteString(resultLead + strings.ReplaceAll(serversText(a.Found), "\n", "\n"+resultLead) + "\n")
		case errors.Is(a.Err, app.ErrAutoconfigSkipped):
			b.WriteString(resultLead + t("autoconfig.skipped", "not needed: an earlier source found both servers") + "\n")
		case a.Err != nil && !errors.Is(a.Err, app.ErrAutoconfigNoRecords):
			// "no DNS records" says no more than "nothing found", in English.
			b.WriteString(resultLead + t("autoconfig.nothing", "nothing found") + ": " + a.Err.Error() + "\n")
		default:
			b.WriteString(resultLead + t("autoconfig.nothing", "nothing found") + "\n")
		}
	}
	return b.String()
}

// confirmText says what needs the admin's look before the settings are used.
func confirmText(res app.AutoconfigResult) string {
	var parts []string
	if res.Chosen.Insecure {
		parts = append(parts, t("autoconfig.confirm_http", "These settings come from a file fetched without encryption (HTTP): anyone on the way could have changed them. Use them only if they match what your provider says."))
	}
	for _, s := range []*app.AutoconfigServer{res.Chosen.IMAP, res.Chosen.SMTP} {
		switch {
		case s == nil:
		case s.Fingerprint != "":
			parts = append(parts, t("autoconfig.confirm_pin", "{{.Host}} has a certificate Postbridge does not trust, with SHA-256 fingerprint {{.Fingerprint}}. Pin it only if the server's owner confirms this fingerprint. No password is sent before you do.",
				map[string]string{"Host": s.Host, "Fingerprint": s.Fingerprint}))
		case s.Unsafe:
			parts = append(parts, t("autoconfig.confirm_unsafe", "{{.Host}} answers only without encryption: the password and every mail would cross the network readable.",
				map[string]string{"Host": s.Host}))
		}
	}
	return strings.Join(parts, "\n\n")
}

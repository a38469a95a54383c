package ui

import (
	"errors"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/domain"
)

// oauthFields is the authentication of one login card:
// Password or OAuth2 and, for OAuth2, the office's app registration
// (provider, tenant, client ID; for Other its URLs and scopes), with Sign
// in, Sign in with code, Sign out and the sign-in's status. Every login
// card uses it as one form row; the card's password entry is disabled
// while OAuth2 is chosen, so no password is stored over the token.
type oauthFields struct {
	w        *MainWindow
	login    loginSource
	password *widget.Entry // the card's password entry, or nil

	method, provider                                *widget.Select
	tenant, clientID                                *widget.Entry
	authURL, tokenURL, scopes, deviceURL, revokeURL *widget.Entry
	labels                                          map[fyne.CanvasObject]*widget.Label // each provider field's label, shown and hidden with it
	oauthBox                                        *fyne.Container                     // everything shown for OAuth2
	buttons                                         *fyne.Container
	signIn, signInCode, signOut                     *widget.Button
	status                                          *widget.Label
	box                                             *fyne.Container

	loaded       domain.OAuth      // what was filled: fields the card does not show are kept
	loadedMethod domain.AuthMethod // "" stays "" while Password stays chosen
	editable     bool
	pwHint       string // the password entry's placeholder for Password
	// shown counts the statuses put on screen, so that work on another
	// goroutine (and a test) can wait for one.
	shown atomic.Int64
}

// loginSource tells the fields which login they sign in: key is the
// login's keyring key as the card's current fields make it (an error
// says why there is none yet), hint the address suggested to the
// provider. fixed, when set, gives the method and registration that the
// login follows (a work location's employee login follows its server);
// the choice is then shown but not offered. noSignIn, when set, is shown
// in place of the buttons (the company IMAP default has no login of its own).
type loginSource struct {
	key      func() (string, error)
	hint     func() string
	fixed    func() (domain.AuthMethod, domain.OAuth)
	noSignIn string
	// chosen, when set, hears each change of the choice (an SMTP card
	// ticks Authorize for OAuth2: without it the server is not logged in to).
	chosen func(oauth2 bool)
}

func newOAuthFields(w *MainWindow, password *widget.Entry, login loginSource) *oauthFields {
	f := &oauthFields{w: w, login: login, password: password, editable: true, labels: map[fyne.CanvasObject]*widget.Label{}}
	if password != nil {
		f.pwHint = password.PlaceHolder
	}
	f.method = widget.NewSelect([]string{methodLabel(domain.AuthPassword), methodLabel(domain.AuthOAuth2)}, f.changed)
	f.provider = widget.NewSelect(providerLabels(), f.changed)
	f.tenant, f.clientID = widget.NewEntry(), widget.NewEntry()
	f.tenant.SetPlaceHolder("organizations")
	f.authURL, f.tokenURL, f.scopes = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.deviceURL, f.revokeURL = widget.NewEntry(), widget.NewEntry()
	f.authURL.SetPlaceHolder("https://login.example.com/authorize")
	f.tokenURL.SetPlaceHolder("https://login.example.com/token")
	f.scopes.SetPlaceHolder(t("oauth.scopes_placeholder", "space-separated, e.g. offline_access"))
	f.deviceURL.SetPlaceHolder(t("oauth.optional", "(optional)"))
	f.revokeURL.SetPlaceHolder(t("oauth.optional", "(optional)"))
	f.status = widget.NewLabel(t("oauth.not_signed_in", "Not signed in"))
	f.status.Wrapping = fyne.TextWrapWord
	f.signIn = widget.NewButton(t("oauth.sign_in", "Sign in"), f.startSignIn)
	f.signIn.Importance = widget.HighImportance
	f.signInCode = widget.NewButton(t("oauth.sign_in_code", "Sign in with code"), f.startSignInWithCode)
	f.signOut = widget.NewButton(t("oauth.sign_out", "Sign out"), f.startSignOut)
	f.layout()
	w.keepLoginFields(f)
	if login.fixed != nil {
		f.method.Disable()
	}
	f.set(domain.AuthPassword, domain.OAuth{})
	return f
}

// layout builds the row: the choice, then (for OAuth2) the provider's
// fields, the buttons and the status line.
func (f *oauthFields) layout() {
	// A form layout of its own, so that a field's label hides with it.
	grid := container.New(layout.NewFormLayout())
	row := func(label string, o fyne.CanvasObject) {
		l := widget.NewLabel(label)
		f.labels[o] = l
		grid.Add(l)
		grid.Add(o)
	}
	row(t("oauth.provider", "Provider"), f.provider)
	row(t("oauth.tenant", "Tenant"), f.tenant)
	row(t("oauth.client_id", "Client ID"), f.clientID)
	row(t("oauth.auth_url", "Authorization URL"), f.authURL)
	row(t("oauth.token_url", "Token URL"), f.tokenURL)
	row(t("oauth.scopes", "Scopes"), f.scopes)
	row(t("oauth.device_url", "Device sign-in URL"), f.deviceURL)
	row(t("oauth.revoke_url", "Revocation URL"), f.revokeURL)
	f.buttons = container.NewHBox(f.signIn, f.signInCode, f.signOut)
	var action fyne.CanvasObject = container.NewVBox(f.buttons, f.status)
	if f.login.noSignIn != "" {
		note := widget.NewLabel(f.login.noSignIn)
		note.Wrapping = fyne.TextWrapWord
		action = note
		f.buttons.Hide()
	}
	f.oauthBox = container.NewVBox(grid, action)
	f.box = container.NewVBox(f.method, f.oauthBox)
}

// item is the card's form row; label is the card's own word for it.
func (f *oauthFields) item(label string) *widget.FormItem {
	return widget.NewFormItem(label, f.box)
}

func methodLabel(m domain.AuthMethod) string {
	if m.IsOAuth2() {
		return t("oauth.method_oauth2", "OAuth2")
	}
	return t("oauth.method_password", "Password")
}

var providers = []domain.Provider{domain.ProviderMicrosoft, domain.ProviderGoogle, domain.ProviderCustom}

func providerLabel(p domain.Provider) string {
	switch p {
	case domain.ProviderMicrosoft:
		return t("oauth.provider_microsoft", "Microsoft 365")
	case domain.ProviderGoogle:
		return t("oauth.provider_google", "Google")
	case domain.ProviderCustom:
		return t("oauth.provider_custom", "Other")
	}
	return ""
}

func providerLabels() []string {
	out := make([]string, len(providers))
	for i, p := range providers {
		out[i] = providerLabel(p)
	}
	return out
}

func (f *oauthFields) chosenProvider() domain.Provider {
	for _, p := range providers {
		if providerLabel(p) == f.provider.Selected {
			return p
		}
	}
	return ""
}

// set fills the fields with a stored login's method and registration.
func (f *oauthFields) set(m domain.AuthMethod, o domain.OAuth) {
	f.loaded, f.loadedMethod = o, m
	f.tenant.SetText(o.Tenant)
	f.clientID.SetText(o.ClientID)
	f.authURL.SetText(o.AuthURL)
	f.tokenURL.SetText(o.TokenURL)
	f.scopes.SetText(o.Scopes)
	f.deviceURL.SetText(o.DeviceURL)
	f.revokeURL.SetText(o.RevokeURL)
	f.provider.ClearSelected()
	if o.Provider != "" {
		f.provider.SetSelected(providerLabel(o.Provider))
	} else {
		f.provider.SetSelected(providerLabel(domain.ProviderMicrosoft))
	}
	f.method.SetSelected(methodLabel(m))
}

// read is the method and registration as the fields show them. Settings
// the card does not show (a Microsoft login's own scopes from the
// settings file) are kept while the provider stays the same.
func (f *oauthFields) read() (domain.AuthMethod, domain.OAuth) {
	if f.login.fixed != nil {
		return f.login.fixed()
	}
	if f.method.Selected != methodLabel(domain.AuthOAuth2) {
		if f.loadedMethod.IsOAuth2() {
			return domain.AuthPassword, f.loaded
		}
		return f.loadedMethod, f.loaded
	}
	p := f.chosenProvider()
	o := f.loaded
	if p != o.Provider {
		o = domain.OAuth{}
	}
	o.Provider, o.ClientID = p, strings.TrimSpace(f.clientID.Text)
	switch p {
	case domain.ProviderMicrosoft:
		o.Tenant = strings.TrimSpace(f.tenant.Text)
	case domain.ProviderCustom:
		o.AuthURL, o.TokenURL = strings.TrimSpace(f.authURL.Text), strings.TrimSpace(f.tokenURL.Text)
		o.Scopes = strings.Join(strings.Fields(f.scopes.Text), " ")
		o.DeviceURL, o.RevokeURL = strings.TrimSpace(f.deviceURL.Text), strings.TrimSpace(f.revokeURL.Text)
	}
	return domain.AuthOAuth2, o
}

// oauth2 reports whether OAuth2 is chosen.
func (f *oauthFields) oauth2() bool {
	m, _ := f.read()
	return m.IsOAuth2()
}

// changed follows a new choice: other fields, and the sign-in of the login
// as it now is.
func (f *oauthFields) changed(string) {
	f.update()
	f.refreshStatus()
	if f.login.chosen != nil {
		f.login.chosen(f.oauth2())
	}
}

// update shows what the choice needs and disables the password for OAuth2.
func (f *oauthFields) update() {
	m, o := f.read()
	if f.login.fixed != nil && f.method.Selected != methodLabel(m) {
		f.method.SetSelected(methodLabel(m)) // calls update again, which stops here
		return
	}
	show(m.IsOAuth2(), f.oauthBox)
	f.showRows(f.login.fixed == nil, f.provider, f.clientID)
	f.showRows(f.login.fixed == nil && o.Provider == domain.ProviderMicrosoft, f.tenant)
	f.showRows(f.login.fixed == nil && o.Provider == domain.ProviderCustom,
		f.authURL, f.tokenURL, f.scopes, f.deviceURL, f.revokeURL)
	show(supportsDevice(o), f.signInCode)
	if f.password != nil {
		if m.IsOAuth2() {
			f.password.SetText("")
			f.password.SetPlaceHolder(t("oauth.password_unused", "(not used with OAuth2)"))
			f.password.Disable()
		} else {
			f.password.SetPlaceHolder(f.pwHint)
			setEnabled(f.editable, f.password)
		}
	}
	f.w.relayout()
}

// showRows shows or hides provider fields with their labels.
func (f *oauthFields) showRows(on bool, fields ...fyne.CanvasObject) {
	for _, o := range fields {
		show(on, o, f.labels[o])
	}
}

func show(on bool, objects ...fyne.CanvasObject) {
	for _, o := range objects {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// setEditable follows the card's rights; signing in stays possible.
func (f *oauthFields) setEditable(on bool) {
	f.editable = on
	setEnabled(on, f.method, f.provider, f.tenant, f.clientID, f.authURL, f.tokenURL, f.scopes, f.deviceURL, f.revokeURL)
	if f.login.fixed != nil {
		f.method.Disable()
	}
	f.update()
}

// watch marks the card changed when a field changes.
func (f *oauthFields) watch(d *dirty) {
	d.watchSelects(f.method, f.provider)
	d.watchEntries(f.tenant, f.clientID, f.authURL, f.tokenURL, f.scopes, f.deviceURL, f.revokeURL)
}

// current is the login as the card's fields make it now, saved or not.
func (f *oauthFields) current() (app.OAuthLogin, error) {
	key, err := f.login.key()
	if err != nil {
		return app.OAuthLogin{}, err
	}
	_, o := f.read()
	hint := ""
	if f.login.hint != nil {
		hint = strings.TrimSpace(f.login.hint())
	}
	return app.OAuthLogin{Key: key, OAuth: o, Hint: hint}, nil
}

// supportsDevice tells whether the provider offers the code sign-in,
// also before the client ID is typed.
func supportsDevice(o domain.OAuth) bool {
	if o.ClientID == "" {
		o.ClientID = "-"
	}
	return app.OAuthSupportsDevice(o)
}

// authorizeFor ticks an SMTP card's Authorize when the admin chooses
// OAuth2 (not while the card is filled from what is stored).
func authorizeFor(oauth2 bool, d *dirty, authorize *widget.Check) {
	if oauth2 && !d.loading && !authorize.Checked {
		authorize.SetChecked(true)
	}
}

// keyOr is a login's keyring key, or the standard one storage gives a
// login without its own (storage's defaultedKey).
func keyOr(key, standard string) (string, error) {
	if key != "" {
		return key, nil
	}
	return standard, nil
}

// sameAuth reports whether two logins sign in alike (empty is Password).
func sameAuth(m1 domain.AuthMethod, o1 domain.OAuth, m2 domain.AuthMethod, o2 domain.OAuth) bool {
	if m1.IsOAuth2() != m2.IsOAuth2() {
		return false
	}
	return !m1.IsOAuth2() || o1 == o2
}

// errNameFirst says that a login's key needs a name the card lacks.
func errNameFirst() error {
	return errors.New(t("oauth.name_first", "Enter the name first: the sign-in is kept under it."))
}

// errNoIMAPLogin: the company IMAP default is no login of its own.
func errNoIMAPLogin() error {
	return errors.New(t("oauth.imap_default_note", "Accounts without a method of their own follow this one; each user signs in on their IMAP account card (Servers tab)."))
}

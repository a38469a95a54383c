package ui

import (
	"context"
	"errors"
	"net/url"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// Signing a login in and out with OAuth2. Each runs on its own goroutine
// behind a dialog with Cancel; widgets change only inside fyne.Do.

func (f *oauthFields) startSignIn() {
	if l, err := f.current(); err != nil {
		f.w.showError(err)
	} else {
		f.w.browserSignIn(l)
	}
}

func (f *oauthFields) startSignInWithCode() {
	if l, err := f.current(); err != nil {
		f.w.showError(err)
	} else {
		f.w.codeSignIn(l)
	}
}

func (f *oauthFields) startSignOut() {
	if l, err := f.current(); err != nil {
		f.w.showError(err)
	} else {
		f.w.signOut(l)
	}
}

// refreshStatus reads the sign-in of the login the fields make now. It
// reads the keyring, as Save writes it, on the window's thread; only the
// talks with the provider run on their own.
func (f *oauthFields) refreshStatus() {
	l, err := f.current()
	act := f.w.backend.Actions
	if err != nil || act == nil || !f.oauth2() || f.login.noSignIn != "" {
		f.showStatus(app.OAuthStatus{})
		return
	}
	st, err := act.SignInStatus(l)
	if err != nil {
		f.status.SetText(explain.Error(err))
		return
	}
	f.showStatus(st)
}

// showStatus puts st on the status line.
func (f *oauthFields) showStatus(st app.OAuthStatus) {
	f.status.SetText(statusText(st))
	if st.SignedIn {
		f.status.Importance = widget.SuccessImportance
	} else {
		f.status.Importance = widget.MediumImportance
	}
	f.status.Refresh()
	setEnabled(st.SignedIn, f.signOut)
	f.shown.Add(1)
}

// relayout lays the window out again after fields were shown or hidden:
// Fyne does not grow a form or a scroll because a child was shown.
func (w *MainWindow) relayout() {
	c := w.win.Canvas()
	if c.Content() != nil {
		c.Content().Refresh()
	}
	if top := c.Overlays().Top(); top != nil {
		top.Refresh()
	}
}

// statusText is the card's status line.
func statusText(st app.OAuthStatus) string {
	switch {
	case !st.SignedIn:
		return t("oauth.not_signed_in", "Not signed in")
	case !st.AccessUntil.IsZero():
		return t("oauth.signed_in_until", "Signed in as {{.Account}} — access valid until {{.Time}}",
			map[string]string{"Account": st.Account, "Time": st.AccessUntil.Local().Format("15:04")})
	}
	return t("oauth.signed_in", "Signed in as {{.Account}}", map[string]string{"Account": st.Account})
}

// waitDialog is a dialog with a message, a progress bar and Cancel, which
// cancels ctx; finish hides it once, whichever comes first.
type waitDialog struct {
	dlg    *dialog.CustomDialog
	msg    *widget.Label
	extra  *fyne.Container
	ctx    context.Context
	cancel context.CancelFunc
	once   sync.Once
}

func (w *MainWindow) newWaitDialog(title, msg string) *waitDialog {
	d := &waitDialog{msg: widget.NewLabel(msg), extra: container.NewVBox()}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	d.msg.Wrapping = fyne.TextWrapWord
	stop := widget.NewButton(t("oauth.cancel", "Cancel"), func() { d.finish(nil) })
	d.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(d.msg, d.extra, widget.NewProgressBarInfinite()), w.win)
	d.dlg.SetButtons([]fyne.CanvasObject{stop})
	d.dlg.Resize(fyne.NewSize(480, 220))
	d.dlg.Show()
	return d
}

// finish hides the dialog and runs then, once; Cancel finishes with nil.
func (d *waitDialog) finish(then func()) {
	d.cancel()
	d.once.Do(func() {
		d.dlg.Hide()
		if then != nil {
			then()
		}
	})
}

// browserSignIn signs l in through the system browser.
func (w *MainWindow) browserSignIn(l app.OAuthLogin) {
	d := w.newWaitDialog(t("oauth.sign_in", "Sign in"), t("oauth.waiting_browser",
		"Sign in in the browser window that opened. Postbridge waits here until you are done."))
	again := widget.NewHyperlink(t("oauth.open_again", "Open the sign-in page again"), nil)
	again.Hide()
	d.extra.Add(again)
	act, app := w.backend.Actions, w.app
	open := func(address string) error {
		u, err := url.Parse(address)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			again.SetURL(u)
			again.Show()
		})
		return app.OpenURL(u)
	}
	go func() {
		st, err := act.SignIn(d.ctx, l, open)
		fyne.Do(func() { d.finish(func() { w.signedIn(l.Key, st, err) }) })
	}()
}

// codeSignIn signs l in with a code typed on any device (RFC 8628).
func (w *MainWindow) codeSignIn(l app.OAuthLogin) {
	d := w.newWaitDialog(t("oauth.sign_in_code", "Sign in with code"), t("oauth.code_asking", "Asking the provider for a code…"))
	code := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	code.SizeName = theme.SizeNameHeadingText
	where := widget.NewHyperlink("", nil)
	d.extra.Add(code)
	d.extra.Add(container.NewCenter(where))
	act := w.backend.Actions
	show := func(dc app.OAuthDeviceCode) {
		fyne.Do(func() {
			d.msg.SetText(t("oauth.code_how", "On any device with a browser, open this address and type the code:"))
			code.SetText(dc.UserCode)
			where.SetText(dc.VerificationURI)
			if u, err := url.Parse(dc.VerificationURI); err == nil {
				where.SetURL(u)
			}
		})
	}
	go func() {
		st, err := act.SignInWithCode(d.ctx, l, show)
		fyne.Do(func() { d.finish(func() { w.signedIn(l.Key, st, err) }) })
	}()
}

// signedIn shows a sign-in's outcome: the status on every card that
// shows the login (or in a dialog when none does), or why it failed.
func (w *MainWindow) signedIn(key string, st app.OAuthStatus, err error) {
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			w.showError(err)
		}
		return
	}
	if !w.showSignIn(key, st) {
		w.info(t("oauth.sign_in", "Sign in"), statusText(st))
	}
}

// showSignIn puts st on the cards that show the login under key, and
// reports whether one does.
func (w *MainWindow) showSignIn(key string, st app.OAuthStatus) bool {
	shown := false
	for _, f := range w.loginFields {
		if k, err := f.login.key(); err == nil && k == key && f.oauth2() && f.login.noSignIn == "" {
			f.showStatus(st)
			shown = true
		}
	}
	return shown
}

// keepLoginFields remembers f for showSignIn; the oldest are forgotten.
func (w *MainWindow) keepLoginFields(f *oauthFields) {
	const keep = 32
	w.loginFields = append(w.loginFields, f)
	if len(w.loginFields) > keep {
		w.loginFields = w.loginFields[len(w.loginFields)-keep:]
	}
}

// signOut forgets l's sign-in, and says whether the provider revoked it.
func (w *MainWindow) signOut(l app.OAuthLogin) {
	act := w.backend.Actions
	title := t("oauth.sign_out", "Sign out")
	w.runLong(title, func(ctx context.Context) func() {
		revoked, err := act.SignOut(ctx, l)
		return func() {
			w.info(title, signOutText(l, revoked, err))
			w.showSignIn(l.Key, app.OAuthStatus{})
		}
	}, func() {})
}

func signOutText(l app.OAuthLogin, revoked bool, err error) string {
	data := map[string]string{"Provider": providerLabel(l.OAuth.Provider)}
	switch {
	case err != nil:
		return t("oauth.signed_out_revoke_failed", "Signed out here, but {{.Provider}} could not be told:", data) + " " + explain.Error(err)
	case revoked:
		return t("oauth.signed_out_revoked", "Signed out. {{.Provider}} has revoked the sign-in.", data)
	case !app.OAuthSupportsRevoke(l.OAuth):
		return t("oauth.signed_out_no_revoke", "Signed out here. {{.Provider}} offers no revocation to Postbridge: the sign-in stays valid there until it expires or is revoked in the account's security settings.", data)
	}
	return t("oauth.signed_out", "Signed out.")
}

func (w *MainWindow) info(title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, t("oauth.ok", "OK"), msg, w.win)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

// offerSignInAgain shows err with a Sign in again button when only a new
// sign-in of a known account helps (a sync, or a folder action on the open
// account card, that found the sign-in expired, revoked or never made);
// it reports whether it did.
func (w *MainWindow) offerSignInAgain(err error) bool {
	l, ok := w.signInAgainLogin(err)
	if !ok {
		return false
	}
	msg := widget.NewLabel(explain.Error(err))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	again := widget.NewButton(t("oauth.sign_in_again", "Sign in again"), func() {
		d.Hide()
		w.browserSignIn(l)
	})
	again.Importance = widget.HighImportance
	closeBtn := widget.NewButton(t("oauth.close", "Close"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(t("oauth.sign_in_needed", "Sign-in needed"), msg, w.win)
	d.SetButtons([]fyne.CanvasObject{closeBtn, again})
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
	return true
}

// signInAgainLogin is the login that err says must sign in again: the
// account a sync names, or the IMAP account card on screen.
func (w *MainWindow) signInAgainLogin(err error) (app.OAuthLogin, bool) {
	var need *app.SignInNeededError
	if errors.As(err, &need) && w.backend.Actions != nil {
		l, lerr := w.backend.Actions.OAuthLoginOf(app.LoginRef{User: need.User, AccountID: need.AccountID})
		return l, lerr == nil
	}
	if !errors.Is(err, app.ErrOAuthSignInAgain) && !errors.Is(err, app.ErrOAuthNotSignedIn) {
		return app.OAuthLogin{}, false
	}
	if w.current != navUsers || w.users == nil || w.users.account == nil || !w.users.account.oauth.oauth2() {
		return app.OAuthLogin{}, false
	}
	l, lerr := w.users.account.oauth.current()
	return l, lerr == nil
}

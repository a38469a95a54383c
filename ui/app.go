// Package ui holds Postbridge's Fyne screens. It is the only package that
// imports fyne; it does not import fyne's app driver, so its tests run on
// the software test driver without a display or CGO. Widgets change only
// inside fyne.Do when work happens on another goroutine.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/assets"
)

// AppID is the application's unique id (also in FyneApp.toml), under which
// Fyne keeps its preferences.
const AppID = "nl.postbridge.app"

// Title is the window title.
const Title = "Postbridge"

// Icon is the application icon as a Fyne resource.
var Icon = fyne.NewStaticResource("postbridge.png", assets.IconPNG)

// Backend is what the screens work on: the application layer (package
// app), which holds the database and carries out what the buttons start,
// and the keyring. The screens never talk to storage or a mail package.
type Backend struct {
	Actions *app.Actions
	Secrets SecretStore
	// AutoSync runs the automatic send/receive while the window is open,
	// with a system tray menu (the real window; not tests or screenshots).
	AutoSync bool
}

// SecretStore is the keyring as the screens use it: passwords typed on a
// card go there on Save and are never shown again.
type SecretStore interface {
	Set(key, value string) error
}

// MainWindow is the application window: toolbar on top, navigation on the
// left, the chosen screen on the right.
type MainWindow struct {
	app     fyne.App
	win     fyne.Window
	backend Backend
	toolbar *syncBar
	content *fyne.Container
	screens []screen

	nav     *widget.List
	current int
	// leaveGuard, set by a screen with a card open, is asked before the
	// window shows another screen (unsaved.go).
	leaveGuard func(proceed func())

	reloadMessages func() // set while the Messages screen is built
	mailServers    *mailServers
	company        *companyScreen
	users          *users
	assistant      *assistant     // the first-start assistant while it is open
	loginFields    []*oauthFields // login cards built, told of sign-ins (oauth_signin.go)
	logLines       []logEntry
	logList        *widget.List
	health         *healthView // set while the Health screen is built
	auto           *windowSync
	tray           bool // the system tray menu is up (desktop.App)
}

// screen is one entry of the navigation.
type screen struct {
	title string
	build func() fyne.CanvasObject
}

// NewMainWindow builds the main window on a.
func NewMainWindow(a fyne.App, b Backend) *MainWindow {
	a.SetIcon(Icon)
	useTheme(a)
	loadTranslations()
	if b.Actions != nil && b.Actions.Translate == nil {
		b.Actions.Translate = translate // mails Postbridge writes speak the window's language
	}
	w := &MainWindow{app: a, win: a.NewWindow(Title), backend: b}
	w.win.SetIcon(Icon)
	w.auto = &windowSync{w: w}
	w.toolbar = newSyncBar(w)
	w.content = container.NewStack()
	w.screens = w.allScreens()
	nav := widget.NewList(
		func() int { return len(w.screens) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.screens[i].title) },
	)
	nav.OnSelected = func(i widget.ListItemID) { w.show(i) }
	w.nav, w.current = nav, -1
	split := container.NewHSplit(container.NewBorder(nil, w.aboutButton(), nil, nil, nav), w.content)
	split.Offset = 0.2
	w.win.SetContent(container.NewBorder(w.toolbar.object(), nil, nil, nil, split))
	w.win.Resize(fyne.NewSize(1024, 680))
	w.win.SetCloseIntercept(w.closeRequested)
	nav.Select(navMessages) // what a user opens the program for
	if w.databaseEmpty() {
		w.openAssistant() // nothing set up yet: the assistant, not empty screens
	}
	if b.AutoSync {
		w.tray = w.setUpTray()
		w.auto.restart(w.toolbar.user.Selected)
	}
	return w
}

// Window is the underlying Fyne window.
func (w *MainWindow) Window() fyne.Window { return w.win }

// show switches to screen i, asking first when the current screen has
// unsaved changes; until answered the navigation stays where it was.
func (w *MainWindow) show(i int) {
	if i == w.current {
		return
	}
	if w.leaveGuard == nil {
		w.display(i)
		return
	}
	w.nav.Select(w.current) // a no-op move: current is unchanged
	w.leaveGuard(func() { w.display(i) })
}

func (w *MainWindow) display(i int) {
	w.leaveGuard = nil
	w.current = i
	w.nav.Select(i)
	w.content.Objects = []fyne.CanvasObject{w.screens[i].build()}
	w.content.Refresh()
}

// The navigation's screens, by position in allScreens.
const (
	navCompany = iota
	navMailServers
	navUsers
	navRoles
	navRelations
	navProjects
	navMessages
	navSyncLog
	navHealth
	navIntegrations
)

func (w *MainWindow) allScreens() []screen {
	return []screen{
		{t("app.nav.company", "Company"), w.companyScreen},
		{t("app.nav.mailservers", "Mail servers"), w.mailServersScreen},
		{t("app.nav.users", "Users"), w.usersScreen},
		{t("app.nav.roles", "Roles"), w.rolesScreen},
		{t("app.nav.relations", "Relations"), w.relationsScreen},
		{t("app.nav.projects", "Projects"), w.projectsScreen},
		{t("app.nav.messages", "Messages"), w.messagesScreen},
		{t("app.nav.synclog", "Sync log"), w.syncLogScreen},
		{t("app.nav.health", "Health"), w.healthScreen},
		{t("app.nav.integrations", "Integrations"), w.integrationsScreen}, // integrations.go
	}
}

// closeRequested keeps Postbridge in the system tray while the automatic
// sync runs; otherwise it asks before closing during a sync, and cancels it.
func (w *MainWindow) closeRequested() {
	if w.tray && w.auto.active() {
		w.win.Hide()
		return
	}
	if !w.toolbar.running() {
		w.auto.stopThen(w.win.Close)
		return
	}
	confirm(w.win, t("app.closeTitle", "Synchronizing"), t("app.closeQuestion", "A synchronization is running. Stop it and close Postbridge?"), func() {
		w.toolbar.cancel()
		w.auto.stopThen(w.win.Close)
	})
}

// openAccount shows the card of an IMAP account (from the Sync log and
// the Health screen), on the Users screen.
func (w *MainWindow) openAccount(id uint) {
	u, err := w.backend.Actions.UserOfAccount(id)
	if err != nil {
		w.showError(err)
		return
	}
	w.show(navUsers)
	if w.current != navUsers || w.users == nil {
		return // the leave question is open; the user answers first
	}
	w.users.edit(u)
	for _, a := range u.ImapAccounts {
		if a.ID == id {
			w.users.card.accounts.edit(a)
		}
	}
}

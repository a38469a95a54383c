package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"postbridge/app"
	"postbridge/explain"
)

// userCard is one user (manual 000 "gebruiker", 002 work location):
// tabs General, E-mail and IMAP accounts. Nothing is stored before Save.
type userCard struct {
	s     *users
	u     app.User
	d     *dirty
	marks *fieldMarks
	tabs  *container.AppTabs
	top   *widget.Label // the sentence of a refused Save

	name, email, department *widget.Entry
	role, work              *widget.Select
	workUser, workPassword  *widget.Entry
	roles                   []app.Role
	servers                 []app.MailServer

	alwaysOwn                *widget.Check
	smtpHost, smtpPort       *widget.Entry
	smtpSecurity             *widget.Select
	smtpSSL                  *widget.Check // manual 000's "gebruik ssl"
	smtpCheck                *userSMTPCheck
	smtpAuth                 *widget.Check
	smtpUser, smtpPassword   *widget.Entry
	smtpOAuth, workOAuth     *oauthFields
	delegates                *delegatesTable
	accounts                 *accountsTab
	saveButton, cancelButton *widget.Button
	view                     fyne.CanvasObject
}

func newUserCard(s *users, u app.User) *userCard {
	c := &userCard{s: s, u: u, d: &dirty{}, marks: newFieldMarks()}
	st := s.w.backend.Actions
	var err error
	if c.roles, err = st.Roles(); err != nil {
		s.w.showError(err)
	}
	if c.servers, err = st.MailServers(); err != nil {
		s.w.showError(err)
	}
	c.d.filling(c.fill)
	return c
}

// noChoice is the empty entry of the role and work location selects.
func noChoice() string { return t("users.none", "(none)") }

// fill makes the widgets and puts the stored values in them.
func (c *userCard) fill() {
	u := c.u
	c.name = entryWith(u.Name)
	c.email = entryWith(u.Email)
	c.department = entryWith(u.Department)
	roleNames := []string{noChoice()}
	for _, r := range c.roles {
		roleNames = append(roleNames, r.Name)
	}
	c.role = widget.NewSelect(roleNames, nil)
	c.role.SetSelected(noChoice())
	if u.Role != nil {
		c.role.SetSelected(u.Role.Name)
	}
	serverNames := []string{noChoice()}
	for _, m := range c.servers {
		serverNames = append(serverNames, m.Identification)
	}
	c.work = widget.NewSelect(serverNames, nil)
	c.work.SetSelected(noChoice())
	if u.WorkLocation != nil {
		c.work.SetSelected(u.WorkLocation.Identification)
	}
	c.workUser = entryWith(u.WorkLocationLogin.Username)
	c.workPassword = passwordEntry()
	c.workOAuth = c.newWorkOAuth()
	c.work.OnChanged = func(string) { c.enableWorkLogin() }
	c.enableWorkLogin()

	c.alwaysOwn = widget.NewCheck(t("users.alwaysOwnSMTP", "Always use own SMTP"), nil)
	c.alwaysOwn.SetChecked(u.AlwaysOwnSMTP)
	c.smtpHost = entryWith(u.OwnSMTP.Host)
	c.smtpPort = entryWith(portOrEmpty(u.OwnSMTP.Port))
	choices := encryptionOptions(false)
	c.smtpSecurity = widget.NewSelect(choiceLabels(choices), nil)
	c.smtpSecurity.SetSelected(choiceLabel(choices, string(u.OwnSMTP.Security)))
	c.smtpSSL = newSSLCheck(c.smtpSecurity, choices)
	c.smtpCheck = newUserSMTPCheck(c)
	c.smtpAuth = widget.NewCheck(t("users.authorize", "Authorize"), nil)
	c.smtpAuth.SetChecked(u.OwnSMTPAuth)
	c.smtpUser = entryWith(u.OwnSMTPLogin.Username)
	c.smtpPassword = passwordEntry()
	c.smtpOAuth = c.newSMTPOAuth()
	c.delegates = newDelegatesTable(c)
	c.accounts = newAccountsTab(c)

	c.d.watchEntries(c.name, c.email, c.department, c.workUser, c.workPassword,
		c.smtpHost, c.smtpPort, c.smtpUser, c.smtpPassword)
	c.d.watchSelects(c.role, c.work, c.smtpSecurity)
	c.d.watchChecks(c.alwaysOwn, c.smtpAuth)
	c.smtpOAuth.watch(c.d)
}

// enableWorkLogin offers the employee's own login only when the work
// location's server authenticates per employee (manual 002 "Per medewerker").
func (c *userCard) enableWorkLogin() {
	perEmployee := false
	for _, m := range c.servers {
		if m.Identification == c.work.Selected && m.Auth == app.MailAuthPerEmployee {
			perEmployee = true
		}
	}
	setEnabled(perEmployee, c.workUser, c.workPassword)
	c.workOAuth.update()
	c.workOAuth.refreshStatus()
	if c.workOAuth.oauth2() {
		c.workPassword.SetText("") // the server signs its employees in with OAuth2
		c.workPassword.Disable()
	}
}

func entryWith(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	return e
}

// passwordEntry never shows a stored password: it starts empty, and
// empty on Save means "keep the one in the keyring".
func passwordEntry() *widget.Entry {
	e := widget.NewPasswordEntry()
	e.SetPlaceHolder(t("users.unchanged", "(unchanged)"))
	return e
}

// portText shows 0 (not set) as an empty field.
func portOrEmpty(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

// parsePort reads a port field: empty is 0 (not set); text that is no
// number becomes -1, which the validator refuses as "not a port".
func parsePort(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	p, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return p
}

// open shows the card in the screen's place and guards leaving it.
func (c *userCard) open() {
	if c.view == nil {
		c.view = c.layout()
	}
	c.s.show(c.view)
	c.guard()
}

// layout builds the card's tabs and buttons once.
func (c *userCard) layout() fyne.CanvasObject {
	m := c.marks
	m.tab = 0
	general := widget.NewForm(
		widget.NewFormItem(t("users.name", "Name"), m.at("name", c.name)),
		widget.NewFormItem(t("users.email", "E-mail address"), m.at("email", c.email)),
		widget.NewFormItem(t("users.department", "Department"), c.department),
		widget.NewFormItem(t("users.role", "Role"), c.role),
		widget.NewFormItem(t("users.workLocation", "Work location"), c.work),
		widget.NewFormItem(t("users.workUser", "User name at the work location"), c.workUser),
		widget.NewFormItem(t("users.workPassword", "Password at the work location"), c.workPassword),
		c.workOAuth.item(t("oauth.work_method", "Sign-in at the work location")),
	)
	m.tab = 1
	smtp := widget.NewForm(
		widget.NewFormItem("", m.at("always_own_smtp", c.alwaysOwn)),
		widget.NewFormItem(t("users.smtpHost", "Host"), m.at("smtp.host", c.smtpHost)),
		widget.NewFormItem("", c.smtpAuth),
		widget.NewFormItem(t("users.smtpSSL", "Use SSL"), c.smtpSSL),
		widget.NewFormItem(t("users.smtpSecurity", "Encryption"), m.at("smtp.security", c.smtpSecurity)),
		widget.NewFormItem(t("users.smtpPort", "Port"), m.at("smtp.port", c.smtpPort)),
		widget.NewFormItem(t("users.smtpUser", "User name"), m.at("smtp.username", c.smtpUser)),
		widget.NewFormItem(t("users.smtpPassword", "Password"), c.smtpCheck.beside(c.smtpPassword, c.findOwnSMTP())),
		c.smtpOAuth.item(t("oauth.method", "Sign-in method")),
	)
	email := container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(t("users.smtpSettings", "SMTP mail settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		smtp, c.smtpCheck.result.box))
	c.smtpCheck.result.reveal = email.ScrollToBottom
	// The delegates have a tab of their own: below the SMTP settings at
	// 1024×680 the table had room for one row and no column.
	m.tab = 2
	delegates := container.NewBorder(
		widget.NewLabelWithStyle(t("users.delegatesTitle", "Users authorised for this mailbox"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, m.at("delegates", c.delegates.object()))
	c.tabs = container.NewAppTabs(
		container.NewTabItem(t("users.tabGeneral", "General"), container.NewVScroll(general)),
		container.NewTabItem(t("users.tabEmail", "E-mail"), email),
		container.NewTabItem(t("users.tabDelegates", "Delegates"), delegates),
		container.NewTabItem(t("users.tabImap", "IMAP accounts"), c.accounts.object()),
	)
	c.top = widget.NewLabel("")
	c.top.Importance = widget.DangerImportance
	c.top.Wrapping = fyne.TextWrapWord
	c.top.Hide()
	c.saveButton = widget.NewButton(t("users.save", "Save"), c.saveAndClose)
	c.saveButton.Importance = widget.HighImportance
	c.cancelButton = widget.NewButton(t("users.cancel", "Cancel"), c.cancel)
	title := widget.NewLabelWithStyle(t("users.cardTitle", "User"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(title, c.top), container.NewHBox(c.saveButton, c.cancelButton),
		nil, nil, c.tabs)
}

// guard makes leaving the screen ask about this card's changes.
func (c *userCard) guard() {
	c.s.account = nil
	c.s.w.guardLeave(c.d, c.store)
}

func (c *userCard) cancel() {
	c.d.confirmLeave(c.s.w, c.store, c.s.showList)
}

func (c *userCard) saveAndClose() {
	if c.store() == nil {
		c.s.showList()
	}
}

// read is the user as the card shows it.
func (c *userCard) read() app.User {
	u := c.u
	u.Name, u.Email, u.Department = c.name.Text, strings.TrimSpace(c.email.Text), strings.TrimSpace(c.department.Text)
	u.RoleID, u.Role = nil, nil
	for i := range c.roles {
		if c.roles[i].Name == c.role.Selected {
			u.RoleID = &c.roles[i].ID
		}
	}
	u.WorkLocationID, u.WorkLocation = nil, nil
	for i := range c.servers {
		if c.servers[i].Identification == c.work.Selected {
			u.WorkLocationID = &c.servers[i].ID
		}
	}
	u.WorkLocationLogin.Username = strings.TrimSpace(c.workUser.Text)
	u.AlwaysOwnSMTP, u.OwnSMTPAuth = c.alwaysOwn.Checked, c.smtpAuth.Checked
	u.OwnSMTP.Host = strings.TrimSpace(c.smtpHost.Text)
	u.OwnSMTP.Port = parsePort(c.smtpPort.Text)
	u.OwnSMTP.Security = app.Security(choiceValue(encryptionOptions(false), c.smtpSecurity.Selected))
	if u.OwnSMTP.Host == "" && u.OwnSMTP.Port == 0 {
		u.OwnSMTP.Security = "" // no own server: nothing to secure
	}
	u.OwnSMTPLogin.Username = strings.TrimSpace(c.smtpUser.Text)
	u.OwnSMTPLogin.AuthMethod, u.OwnSMTPLogin.OAuth = c.smtpOAuth.read()
	u.Delegates = c.delegates.users()
	u.ImapAccounts = nil
	return u
}

// store validates and saves the card, then puts typed passwords in the
// keyring. A refused card keeps everything typed and marks the fields.
func (c *userCard) store() error {
	c.marks.clear()
	c.top.Hide()
	u := c.read()
	if c.smtpPassword.Text != "" && u.OwnSMTPLogin.SecretKey == "" {
		u.OwnSMTPLogin.SecretKey = app.SecretUserSMTP(strings.TrimSpace(u.Name))
	}
	if c.workPassword.Text != "" && u.WorkLocationLogin.SecretKey == "" {
		u.WorkLocationLogin.SecretKey = app.SecretUserWork(strings.TrimSpace(u.Name))
	}
	if err := c.s.w.backend.Actions.SaveUser(&u); err != nil {
		c.refuse(err)
		return err
	}
	c.u.ID = u.ID
	secrets := map[string]*widget.Entry{u.OwnSMTPLogin.SecretKey: c.smtpPassword, u.WorkLocationLogin.SecretKey: c.workPassword}
	for key, e := range secrets {
		if key == "" || e.Text == "" {
			continue
		}
		if err := c.s.w.backend.Secrets.Set(key, e.Text); err != nil {
			c.refuse(err)
			return err
		}
		e.SetText("")
	}
	c.u = u
	c.d.clear()
	return nil
}

func (c *userCard) refuse(err error) {
	c.top.SetText(explain.Error(err))
	c.top.Show()
	if tab := c.marks.show(err); tab >= 0 {
		c.top.SetText(refusedAtFields())
		c.tabs.SelectIndex(tab)
	}
	c.s.body.Refresh() // lay out the sentences just shown
}
